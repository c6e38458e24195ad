import { expect } from 'vitest';
import { selectSummary } from '../../../src/intel/summarize/select-summary.js';
import { summarize } from '../../../src/intel/summarize/summarize.js';

const wordChar = /[\p{L}\p{N}]/u;

/**
 * Checks the summary's promises for one input: within maxChars, at most three
 * sentences, each appearing verbatim in the whitespace-collapsed source (or
 * title, for the fallback), and a cut piece ending at a word boundary there.
 */
export function expectFaithful(input: { title: string; text: string }, maxChars: number): string {
  const summary = summarize(input, { maxChars });
  const parts = selectSummary(input, maxChars);
  expect(summary).toBe(parts.sentences.join(' ') + (parts.truncated ? '…' : ''));
  expect(summary.length).toBeLessThanOrEqual(maxChars);
  expect(parts.sentences.length).toBeLessThanOrEqual(3);
  const source = (parts.fromTitle ? input.title : input.text).replace(/\s+/g, ' ');
  parts.sentences.forEach((sentence, index) => {
    const at = source.indexOf(sentence);
    expect(at, `not in the source: ${JSON.stringify(sentence)}`).toBeGreaterThanOrEqual(0);
    if (parts.truncated && index === parts.sentences.length - 1) {
      const next = source[at + sentence.length] ?? '';
      expect(wordChar.test(next), `cut mid-word after ${JSON.stringify(sentence.slice(-20))}`).toBe(false);
    }
  });
  return summary;
}
