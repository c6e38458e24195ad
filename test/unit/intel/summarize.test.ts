import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { summarize } from '../../../src/intel/summarize/summarize.js';
import { splitSentences } from '../../../src/intel/text/split-sentences.js';
import { hasSeed, seedFile } from './intel-paths.js';
import { expectFaithful } from './summarize-property.js';

describe('summarize: the seed story', () => {
  test.skipIf(!hasSeed)('summary is the lede, without the "date 2021-08-10" clutter, within 300 chars', () => {
    const text = readFileSync(seedFile, 'utf8');
    const summary = summarize({ title: 'Afghan FM meets US envoy', text });
    expect(summary).toMatch(/^Afghan Foreign Minister Mohammed Haneef Atmar on Tuesday met with Charge d'Affaires of the US Embassy in Kabul Ross Wilson/);
    expect(summary).not.toContain('date');
    expect(summary.length).toBeLessThanOrEqual(300);
    expectFaithful({ title: 'Afghan FM meets US envoy', text }, 300);
  });
});

describe('summarize: dateline and boilerplate clutter', () => {
  test.each([
    ['KABUL, Aug 10 (Reuters) - The Taliban seized Kunduz on Sunday.', 'The Taliban seized Kunduz on Sunday.'],
    ['WASHINGTON — The Senate passed the bill 52-48.', 'The Senate passed the bill 52-48.'],
    ['KYIV, Ukraine (AP) — Drones hit Odesa overnight, officials said.', 'Drones hit Odesa overnight, officials said.'],
    ['By Jane Doe | KHARTOUM, May 3 (Reuters) - Fighting resumed in Omdurman.', 'Fighting resumed in Omdurman.'],
    ['New Delhi [India], Aug 10 (ANI): India sent 40 tonnes of aid to Kabul.', 'India sent 40 tonnes of aid to Kabul.'],
    ['Rafah crossing reopened for 300 trucks. (ANI)', 'Rafah crossing reopened for 300 trucks.'],
    ['Talks resumed in Doha on Monday. The post Talks resume appeared first on Example News.', 'Talks resumed in Doha on Monday.'],
    ['Aid reached 12 districts. Click here to subscribe to our newsletter.', 'Aid reached 12 districts.'],
  ])('%j → %j', (text, expected) => {
    expect(summarize({ title: 'x', text })).toBe(expected);
  });

  test('"US - China" at the start is not mistaken for a dateline', () => {
    expect(summarize({ title: 'x', text: 'US - China talks resumed in Geneva on Monday.' })).toBe(
      'US - China talks resumed in Geneva on Monday.',
    );
  });
});

describe('summarize: choosing sentences', () => {
  test('the lede is chosen, and following sentences are added while they fit', () => {
    const text = 'The Taliban seized Kunduz on Sunday. Officials said 12 people died. Aid groups warned of shortages.';
    expect(summarize({ title: 'Taliban seize Kunduz', text })).toBe(text);
    expect(summarize({ title: 'Taliban seize Kunduz', text }, { maxChars: 70 })).toBe(
      'The Taliban seized Kunduz on Sunday. Officials said 12 people died.',
    );
  });

  test('never more than three sentences', () => {
    const text = 'One fact here now. Two facts here now. Three facts here now. Four facts here now.';
    expect(splitSentences(summarize({ title: 'x', text }))).toHaveLength(3);
  });

  test('a lede that only repeats the title gives way to the sentence with the key facts', () => {
    const text =
      'Quake hits western Afghanistan. At least 2,000 people were killed when a magnitude 6.3 earthquake struck Herat province on Saturday, officials said.';
    expect(summarize({ title: 'Quake hits western Afghanistan', text })).toMatch(/^At least 2,000 people were killed/);
  });

  test('a lede without facts ("Here is what we know.") gives way to a factual sentence', () => {
    const text = 'Here is what we know. Israeli strikes killed 27 people in Khan Younis on Tuesday, the Gaza health ministry said.';
    expect(summarize({ title: 'Strikes in Gaza', text })).toMatch(/^Israeli strikes killed 27 people/);
  });

  test('a lede longer than the limit is cut at a word boundary with an ellipsis', () => {
    const lede =
      'The United Nations Security Council on Tuesday adopted a resolution demanding an immediate ceasefire in Sudan, where fighting between the army and the Rapid Support Forces has killed tens of thousands of people and displaced more than 12 million since April 2023, the largest displacement crisis in the world.';
    const summary = summarize({ title: 'UN demands Sudan ceasefire', text: `${lede} More follows.` }, { maxChars: 120 });
    expect(summary.endsWith('…')).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(120);
    expect(lede.startsWith(summary.slice(0, -1))).toBe(true);
    expect(lede[summary.length - 1]).toMatch(/[\s,]/);
  });
});

describe('summarize: line structure', () => {
  test('a deck line without a full stop is not run into the lede', () => {
    const text =
      'Speech stirred Republican applause while Democrats showed contempt\nThe president promised a new moment in an address on Tuesday.';
    expect(summarize({ title: 'x', text })).toBe('Speech stirred Republican applause while Democrats showed contempt');
  });

  test('a hard-wrapped sentence is read as one sentence', () => {
    const text = 'The Taliban seized the city of\nKunduz on Sunday, officials said. Aid groups warned of shortages.';
    expect(summarize({ title: 'x', text })).toBe(
      'The Taliban seized the city of Kunduz on Sunday, officials said. Aid groups warned of shortages.',
    );
  });

  test('a byline on its own line and a dateline on the next are both dropped', () => {
    const text = 'By Jane Doe\nKHARTOUM, May 3 (Reuters) - Fighting resumed in Omdurman on Friday.';
    expect(summarize({ title: 'x', text })).toBe('Fighting resumed in Omdurman on Friday.');
  });
});

describe('summarize: degenerate input', () => {
  test('empty text falls back to the title', () => {
    expect(summarize({ title: 'Taliban seize Kunduz', text: '' })).toBe('Taliban seize Kunduz');
    expect(summarize({ title: 'Taliban seize Kunduz', text: '   \n\n  ' })).toBe('Taliban seize Kunduz');
  });

  test('a long title fallback is cut at a word boundary', () => {
    const summary = summarize({ title: 'word '.repeat(100).trim(), text: '' }, { maxChars: 50 });
    expect(summary).toBe(`${'word '.repeat(10).trim()}…`);
  });

  test('text with no sentence structure is cut at a word boundary with "…"', () => {
    const text = Array.from({ length: 80 }, (_, index) => `item${index}`).join(' ');
    const summary = summarize({ title: 'x', text }, { maxChars: 60 });
    expect(summary.endsWith('…')).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(60);
    expect(text.startsWith(summary.slice(0, -1))).toBe(true);
    expect(text[summary.length - 1]).toBe(' ');
  });

  test('short text without a final period is returned whole', () => {
    expect(summarize({ title: 'x', text: 'Taliban seize Kunduz | Afghan forces retreat' })).toBe(
      'Taliban seize Kunduz | Afghan forces retreat',
    );
  });

  test('only boilerplate falls back to the title', () => {
    expect(summarize({ title: 'Aid cut', text: 'Click here to read more.' })).toBe('Aid cut');
  });
});
