import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scratchDir } from '../../helpers/scratch-dir.js';

/**
 * A config folder for running the real `sitrep` process in a test: only feeds.yaml and a
 * fast-ticking settings.yaml (topics, places and actors come from the shipped config/).
 * Feeds start failing (503) in the tests, so a one-second backoff keeps retries quick.
 */
export async function writeE2eConfig(feeds: { id: string; source: string; url: string }[]): Promise<string> {
  const dir = scratchDir('sitrep-e2e-');
  const entries = feeds.map((feed) => `  - { id: ${feed.id}, source: ${feed.source}, url: "${feed.url}", intervalMinutes: 1, backfill: 1 }`);
  await writeFile(join(dir, 'feeds.yaml'), `feeds:\n${entries.join('\n')}\n`);
  await writeFile(join(dir, 'settings.yaml'), 'polling:\n  tick: "* * * * * *"\n  backoffBaseSeconds: 1\n  backoffMaxSeconds: 1\n');
  return dir;
}
