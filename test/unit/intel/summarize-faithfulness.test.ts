import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { htmlToText } from '../../../src/feeds/html-to-text.js';
import { parseFeed } from '../../../src/feeds/parse-feed.js';
import { hasRealFeeds, realFeedsDir } from './intel-paths.js';
import { expectFaithful } from './summarize-property.js';

/** Deterministic PRNG (mulberry32) so a failing input can be reproduced from its index. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pieces = [
  'the', 'Taliban', 'seized', 'Kunduz', 'U.S.', 'officials', 'said', 'Gen.', 'Mr.', 'Jan.', 'No.', '3.5', 'million',
  'J.', 'R.', 'Smith', '"We', 'will', 'fight."', 'St.', 'Petersburg', 'Afghanistan\'s', 'Kyïv', 'U.N.', 'Security',
  'Council', 'on', 'Tuesday', '(ANI)', '—', 'e.g.', '12,000', 'people', 'fled', 'Khan', 'Younis', 'aid', '…', 'is',
  'a', 'very-long-hyphenated-compound-word', 'Zaporizhzhia', 'amid', 'talks', 'in', 'Doha', '2021-08-10',
];
const enders = ['.', '.', '.', '!', '?', '."', '.”', ''];

function generatedText(next: () => number): string {
  const sentences: string[] = [];
  const count = 1 + Math.floor(next() * 8);
  for (let s = 0; s < count; s += 1) {
    const length = 1 + Math.floor(next() * 40);
    const words = Array.from({ length }, () => pieces[Math.floor(next() * pieces.length)] as string);
    const first = words[0] as string;
    words[0] = first.charAt(0).toUpperCase() + first.slice(1);
    sentences.push(words.join(next() < 0.1 ? '  ' : ' ') + (enders[Math.floor(next() * enders.length)] as string));
  }
  const prefix = next() < 0.3 ? 'KABUL, Aug 10 (Reuters) - ' : next() < 0.2 ? 'WASHINGTON — ' : '';
  return prefix + sentences.join(next() < 0.2 ? '\n\n' : ' ');
}

describe('summaries are faithful over many inputs', () => {
  test('2,000 generated texts at several limits: extractive, within the limit, never cut mid-word', () => {
    const next = random(20210810);
    for (let index = 0; index < 2000; index += 1) {
      const text = generatedText(next);
      const maxChars = [40, 120, 300, 500][index % 4] as number;
      const summary = expectFaithful({ title: 'Taliban seize Kunduz', text }, maxChars);
      expect(summary.length, `input ${index}`).toBeGreaterThan(0);
    }
  });

  test.skipIf(!hasRealFeeds)('every item of the real publisher feeds: extractive and within 300 chars', async () => {
    let items = 0;
    for (const file of readdirSync(realFeedsDir).filter((name) => /\.(xml|json)$/.test(name))) {
      const outcome = await parseFeed(readFileSync(join(realFeedsDir, file), 'utf8'));
      if (!outcome.ok) continue;
      for (const item of outcome.feed.items) {
        const text = htmlToText(item.descriptionHtml ?? item.contentHtml ?? '');
        const title = htmlToText(item.title ?? '');
        expectFaithful({ title, text }, 300);
        items += 1;
      }
    }
    expect(items).toBeGreaterThan(300);
  });
});
