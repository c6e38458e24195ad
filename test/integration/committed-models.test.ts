import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './helpers/ensure-built.js';

// The models in data/model are build artefacts of data/labeled and the real feeds beside the
// repository. A change to parsing or text handling that alters what training reads must come
// with retrained models, or the shipped classifier is not the one the README's commands make.
const realFeeds = resolve('../shared/feeds/real');
const run = promisify(execFile);

describe.skipIf(!existsSync(realFeeds))('committed models are what training makes (needs ../shared/feeds/real)', () => {
  let out: string;
  beforeAll(async () => {
    await ensureBuilt();
    out = mkdtempSync(join(tmpdir(), 'sitrep-models-'));
  }, 200_000);
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
  });

  it('npm run train reproduces data/model/topic-model.json byte for byte', async () => {
    await run(process.execPath, [resolve('dist/scripts/train-topics.js'), '--out', join(out, 'topic-model.json')], { timeout: 120_000 });
    expect(readFileSync(join(out, 'topic-model.json'), 'utf8')).toBe(readFileSync(resolve('data/model/topic-model.json'), 'utf8'));
  }, 150_000);

  it('npm run train:stories reproduces data/model/story-idf.json byte for byte', async () => {
    await run(process.execPath, [resolve('dist/scripts/train-story-idf.js'), '--out', join(out, 'story-idf.json')], { timeout: 120_000 });
    expect(readFileSync(join(out, 'story-idf.json'), 'utf8')).toBe(readFileSync(resolve('data/model/story-idf.json'), 'utf8'));
  }, 150_000);
});

if (!existsSync(realFeeds)) {
  process.stderr.write(`committed-models: ${realFeeds} not found; the models cannot be rebuilt here, so their check is skipped\n`);
}
