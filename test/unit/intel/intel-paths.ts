import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Paths the intel tests read: the repo's config, the shared seed story and real feeds. */
export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const configDir = resolve(repoRoot, 'config');
export const seedFile = resolve(repoRoot, '../shared/seed/ani-2021-08-10-afghan-fm-meets-us-envoy.txt');
export const realFeedsDir = resolve(repoRoot, '../shared/feeds/real');
export const hasSeed = existsSync(seedFile);
export const hasRealFeeds = existsSync(realFeedsDir);
