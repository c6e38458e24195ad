import { foldToken } from '../text/fold-token.js';

const wordPattern = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’]*/gu;
const digit = /\p{N}/u;
const startsUpper = /^\p{Lu}/u;
const stopwords: ReadonlySet<string> = new Set(
  ('the and for with that this from have has had was were are been will would could should into over after ' +
    'before about their they them than then also said says its his her our out who what when where which while ' +
    'not but all any can may more most new one two per via amid onto upon during against between').split(' '),
);

/** Folded words of three or more letters that carry meaning. */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const match of text.matchAll(wordPattern)) {
    const word = foldToken(match[0]);
    if (word.length >= 3 && !stopwords.has(word)) words.add(word);
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
  for (const match of sentence.matchAll(wordPattern)) {
    words += 1;
    if (digit.test(match[0])) numbers += 1;
    else if (words > 1 && startsUpper.test(match[0])) names += 1;
  }
  const own = contentWords(sentence);
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
