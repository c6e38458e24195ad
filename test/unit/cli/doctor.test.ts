import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDoctorCommand } from '../../../src/cli/commands/doctor.js';
import { scratchDir } from '../../helpers/scratch-dir.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function doctor(configDir: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await runDoctorCommand(['--config', configDir], { stdin: new PassThrough(), stdout, stderr, env: { STORE_URL: 'memory://' }, cwd: repoRoot });
  return { code, out };
}

describe('sitrep doctor', () => {
  it('with the shipped config and no platform tokens: every check passes, each on its own line', async () => {
    const { code, out } = await doctor(path.join(repoRoot, 'config'));
    expect(code).toBe(0);
    expect(out).toMatch(/^✓ config /m);
    expect(out).toMatch(/^✓ store +memory:\/\//m);
    expect(out).toMatch(/^✓ topics +6 topics/m);
    expect(out).toMatch(/^✓ stories +36 h window; reference frequencies of \d+ documents/m);
    expect(out).toMatch(/^✓ discord +not configured/m);
    expect(out).toContain('All good.');
  });

  it('the story window comes from the config folder being checked', async () => {
    const dir = scratchDir('doctor-');
    await copyFile(path.join(repoRoot, 'config/feeds.yaml'), path.join(dir, 'feeds.yaml'));
    await writeFile(path.join(dir, 'settings.yaml'), 'stories:\n  windowHours: 48\n');
    const { out } = await doctor(dir);
    expect(out).toMatch(/^✓ stories +48 h window/m);
  });
});
