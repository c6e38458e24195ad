import { type AnalyzedText, BREAK } from './text-analyzer.js';

/**
 * The model's bag of features for one item: distinct content-word keys (unigrams) and pairs of
 * adjacent content words (bigrams; stop words are skipped, punctuation breaks the pair).
 * A token a context rule cancelled gives no unigram, so "job security" never feeds "secur".
 */
export function extractFeatures(text: AnalyzedText, masked: Uint8Array): string[] {
  const out = new Set<string>();
  let previous: string | null = null;
  const { keys, stop } = text;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] ?? BREAK;
    if (key === BREAK) {
      previous = null;
      continue;
    }
    if (stop[i] === 1) continue;
    if (masked[i] !== 1) out.add(key);
    if (previous !== null) out.add(`${previous} ${key}`);
    previous = key;
  }
  return [...out];
}

/**
 * How the lexicon score enters the model: log-compressed, so a long article that mentions
 * twenty weak terms does not outvote a headline with one decisive term.
 */
export function lexiconFeature(score: number): number {
  return Math.sign(score) * Math.log1p(Math.abs(score));
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Items with up to this many content words keep full word weights; longer ones are damped. */
const SCALE_WORDS = 24;

/**
 * The weight of each model word in one item: 1 for a wire-length item, 1/√ of the excess for a
 * long one, so a long article's many weakly-negative words cannot drown a clear lexicon signal.
 */
export function wordScale(text: AnalyzedText): number {
  let words = 0;
  const { keys, stop } = text;
  for (let i = 0; i < keys.length; i += 1) if (stop[i] !== 1 && keys[i] !== BREAK) words += 1;
  return words <= SCALE_WORDS ? 1 : Math.sqrt(SCALE_WORDS / words);
}
