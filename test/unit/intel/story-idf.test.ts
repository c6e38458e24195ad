import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backgroundFrom, buildStoryIdf, loadStoryIdf, STORY_TERMS_ID } from '../../../src/intel/cluster/story-idf.js';
import { Vocabulary } from '../../../src/intel/cluster/vocabulary.js';
import { scratchDir } from '../../helpers/scratch-dir.js';

const everydayNews = [
  { title: 'Minister says talks will resume', summary: 'The minister said talks would resume next week.' },
  { title: 'Attack kills three soldiers', summary: 'An attack killed three soldiers, the minister said.' },
  { title: 'Minister visits flood zone', summary: 'The minister visited the flood zone on Monday.' },
  { title: 'Eclipse plunges Iceland into darkness', summary: 'A total eclipse crossed Iceland.' },
];

describe('reference frequencies for story clustering', () => {
  it('counts each term once per document and leaves out terms seen only once', () => {
    const file = buildStoryIdf(everydayNews);
    expect(file).toMatchObject({ version: 1, terms: STORY_TERMS_ID, documents: 4 });
    expect(file.df['minister']).toBe(3);
    // "eclipse" appears twice in one document, and in no other: it stays out (unseen = rare).
    expect(file.df['eclips']).toBeUndefined();
    expect(buildStoryIdf(everydayNews)).toEqual(file);
  });

  it('an everyday word is common from the first report, a word the reference never saw is rare', () => {
    const background = backgroundFrom(buildStoryIdf(everydayNews), 300);
    const seeded = new Vocabulary(20, background);
    const bare = new Vocabulary(20);
    for (const vocabulary of [seeded, bare]) vocabulary.addDocument(['minister', 'eclips']);
    // Without the reference, both words were seen once and look alike.
    expect(bare.idfOf('minister')).toBeCloseTo(bare.idfOf('eclips'), 10);
    // With it, "minister" counts as 3 of 4 reference documents scaled to 300: about 225 of 321.
    expect(seeded.idfOf('minister')).toBeCloseTo(Math.log((1 + 300 + 1) / (1 + 225 + 1)), 6);
    expect(seeded.idfOf('eclips')).toBeCloseTo(Math.log((1 + 300 + 1) / (1 + 1)), 6);
    expect(seeded.idfOf('never-seen')).toBeGreaterThan(seeded.idfOf('eclips'));
  });

  it('the window outweighs the reference as it fills', () => {
    const background = backgroundFrom(buildStoryIdf(everydayNews), 300);
    const vocabulary = new Vocabulary(20, background);
    const before = vocabulary.idfOf('minister');
    for (let i = 0; i < 3_000; i += 1) vocabulary.addDocument([`story-${i}`]);
    // 225 reference documents of 3,301 in all: "minister" is rarer in a busy window of other news.
    expect(vocabulary.idfOf('minister')).toBeGreaterThan(before + 2);
  });

  it('the shipped file loads', async () => {
    const loaded = await loadStoryIdf();
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.background.documents).toBeGreaterThan(500);
  });

  it('a missing, broken or stale file is a clear problem naming the file, not a crash', async () => {
    const dir = scratchDir('story-idf-');
    const missing = await loadStoryIdf(join(dir, 'none.json'));
    expect(missing).toMatchObject({ ok: false, message: expect.stringContaining('none.json: cannot be read') });

    await writeFile(join(dir, 'broken.json'), '{"version":1,');
    expect(await loadStoryIdf(join(dir, 'broken.json'))).toMatchObject({ ok: false, message: expect.stringContaining('broken.json: not valid JSON') });

    await writeFile(join(dir, 'stale.json'), JSON.stringify({ version: 1, terms: 'other/v0', documents: 3, df: { a: 2 } }));
    const stale = await loadStoryIdf(join(dir, 'stale.json'));
    expect(stale).toMatchObject({ ok: false, message: expect.stringContaining('terms:') });
    expect(stale.ok ? '' : stale.message).toContain('npm run train:stories');

    await writeFile(join(dir, 'negative.json'), JSON.stringify({ version: 1, terms: STORY_TERMS_ID, documents: 3, df: { a: -1 } }));
    expect(await loadStoryIdf(join(dir, 'negative.json'))).toMatchObject({ ok: false, message: expect.stringContaining('df.a') });
  });
});
