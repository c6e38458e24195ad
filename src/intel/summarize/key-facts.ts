import { tokenize } from '../text/tokenize.js';

const digit = /[0-9]/;
const stopwords: ReadonlySet<string> = new Set(
  ('the and for with that this from have has had was were are been will would could should into over after ' +
    'before about their they them than then also said says its his her our out who what when where which while ' +
    'not but all any can may more most new one two per via amid onto upon during against between').split(' '),
);

/** Folded words of three or more letters that carry meaning. */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const token of tokenize(text).tokens) {
    if (token.norm.length >= 3 && !stopwords.has(token.norm)) words.add(token.norm);
  }
  return words;
}

export interface KeyFacts {
  words: number;
  numbers: number;
  /** Capitalized words after the first: names of places, people, bodies. */
  names: number;
  /** Share of the title's content words the sentence repeats. */
  titleOverlap: number;
  /** Share of the sentence's content words that are in the title. */
  inTitle: number;
}

export function keyFacts(sentence: string, titleWords: ReadonlySet<string>): KeyFacts {
  let words = 0;
  let numbers = 0;
  let names = 0;
  const own = new Set<string>();
  for (const token of tokenize(sentence).tokens) {
    if (token.isBreak) continue;
    words += 1;
    if (digit.test(token.norm)) numbers += 1;
    else if (words > 1 && token.capitalized) names += 1;
    if (token.norm.length >= 3 && !stopwords.has(token.norm)) own.add(token.norm);
  }
  let shared = 0;
  for (const word of own) if (titleWords.has(word)) shared += 1;
  return {
    words,
    numbers,
    names,
    titleOverlap: titleWords.size > 0 ? shared / titleWords.size : 0,
    inTitle: own.size > 0 ? shared / own.size : 0,
  };
}

/** How well a sentence carries the story: numbers, names, the title's words; earlier is better. */
export function keyFactScore(facts: KeyFacts, position: number): number {
  const tooShort = facts.words < 6 ? 2 : 0;
  return Math.min(facts.numbers, 3) + 0.5 * Math.min(facts.names, 6) + 3 * facts.titleOverlap - 0.15 * position - tooShort;
}

export function carriesNoFacts(facts: KeyFacts): boolean {
  return facts.words < 4 || (facts.numbers === 0 && facts.names === 0 && facts.titleOverlap < 0.25);
}
