import { describe, expect, test } from 'vitest';
import { splitSentences } from '../../../src/intel/text/split-sentences.js';
import { truncateAtWord } from '../../../src/intel/text/truncate-at-word.js';

describe('sentence splitting failure modes', () => {
  test.each([
    ['abbreviated titles: Gen., Mr., Dr.', 'Gen. Smith met Mr. Jones and Dr. Lee. They talked.', ['Gen. Smith met Mr. Jones and Dr. Lee.', 'They talked.']],
    ['dotted acronyms mid-sentence', 'The U.S. Embassy and the U.N. mission agreed. Talks follow.', ['The U.S. Embassy and the U.N. mission agreed.', 'Talks follow.']],
    ['a dotted acronym that ends a sentence', 'Aid came from the U.S. The U.N. thanked donors.', ['Aid came from the U.S.', 'The U.N. thanked donors.']],
    ['months and numbers: Jan., No.', 'It began on Jan. 5 at No. 10 Downing St. in London. It ended.', ['It began on Jan. 5 at No. 10 Downing St. in London.', 'It ended.']],
    ['initials', 'J. R. R. Tolkien wrote it. Others read it.', ['J. R. R. Tolkien wrote it.', 'Others read it.']],
    ['decimals', 'Growth was 3.5 percent. Prices rose 0.2 points.', ['Growth was 3.5 percent.', 'Prices rose 0.2 points.']],
    ['a quote that ends a sentence', '"We will fight," he said. "We will win." Then he left.', ['"We will fight," he said.', '"We will win."', 'Then he left.']],
    ['a question inside a quote before lower case', '"Why?" he asked. Nobody knew.', ['"Why?" he asked.', 'Nobody knew.']],
    ['curly quotes', 'He said “enough.” The crowd cheered.', ['He said “enough.”', 'The crowd cheered.']],
    ['no terminator at all', 'Taliban seize Kunduz', ['Taliban seize Kunduz']],
  ])('%s', (_name, text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  test('every sentence is an exact substring of the paragraph', () => {
    const text = 'Mr. A met Gen. B on Aug. 5. The U.S. said "yes." It rose 2.5%! Why? Because.';
    for (const sentence of splitSentences(text)) expect(text).toContain(sentence);
  });
});

describe('word-boundary truncation', () => {
  test('cuts at the last space that leaves room for the ellipsis', () => {
    expect(truncateAtWord('alpha beta gamma delta', 12)).toBe('alpha beta…');
  });

  test('drops a dangling comma or dash before the ellipsis', () => {
    expect(truncateAtWord('alpha, beta gamma', 8)).toBe('alpha…');
    expect(truncateAtWord('alpha — beta gamma', 10)).toBe('alpha…');
  });

  test('text within the limit is returned unchanged', () => {
    expect(truncateAtWord('alpha beta', 10)).toBe('alpha beta');
  });

  test('a single word longer than the limit is the only case cut inside a word', () => {
    expect(truncateAtWord('supercalifragilistic', 6)).toBe('super…');
  });
});
