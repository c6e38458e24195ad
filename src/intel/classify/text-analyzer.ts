import winkNLP, { type ItsFunction, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * An item's text as a sequence of match keys: the wink-nlp lemma of each token, lower-cased
 * and Porter-stemmed so that "talks", "talked" and "talking" meet on one key. A BREAK key marks
 * punctuation and sentence edges, so no phrase or bigram spans them.
 */
export interface AnalyzedText {
  keys: string[];
  /** 1 where the token is a stop word (or a number): matched inside phrases, never a feature. */
  stop: Uint8Array;
  /** Surface forms (lower-cased), filled only when the analyzer was asked for them. */
  surfaces: string[] | null;
}

export interface TextAnalyzer {
  analyze(text: string, options?: { surfaces?: boolean }): AnalyzedText;
  /** The keys of a lexicon term or phrase, analysed exactly like item text. */
  keysOf(phrase: string): string[];
}

export const BREAK = '';
const NUMBER_KEY = '<num>';
const STEM_CACHE_LIMIT = 200_000;
/** Hyphens and apostrophes join the parts of "ceasefire-violations" and "al-Shabaab". */
const JOINERS = new Set(['-', '‐', '‑', '–']);

let shared: WinkMethods | null = null;

/** wink-nlp with an empty pipe: the tokenizer and lexicon lookups, no POS tagger (measured: 2x faster). */
function nlp(): WinkMethods {
  shared ??= winkNLP(model, []);
  return shared;
}

type Stemmer = (word: string) => string;

function porterStemmer(): Stemmer {
  const stem = (model as unknown as { addons: { stem?: unknown } }).addons.stem;
  if (typeof stem !== 'function') throw new Error('wink-eng-lite-web-model has no stem addon');
  return stem as Stemmer;
}

export function createTextAnalyzer(): TextAnalyzer {
  const engine = nlp();
  const its = engine.its;
  const stem = porterStemmer();
  const stems = new Map<string, string>();

  const keyOfLemma = (lemma: string): string => {
    const lower = lemma.toLowerCase();
    let key = stems.get(lower);
    if (key === undefined) {
      key = lower.startsWith("'") ? lower : stem(lower);
      if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
      stems.set(lower, key);
    }
    return key;
  };

  const analyze = (text: string, options: { surfaces?: boolean } = {}): AnalyzedText => {
    const doc = engine.readDoc(text);
    const tokens = doc.tokens();
    // wink's typings reject its.lemma (it takes the model addons); the call itself is documented.
    const out = <T>(fn: unknown): T[] => tokens.out(fn as ItsFunction<T>) as T[];
    const lemmas = out<string>(its.lemma);
    const types = out<string>(its.type);
    const stops = out<boolean>(its.stopWordFlag);
    const normals = options.surfaces ? out<string>(its.normal) : null;
    const keys: string[] = [];
    const stop: number[] = [];
    const surfaces: string[] | null = normals ? [] : null;
    for (let i = 0; i < lemmas.length; i += 1) {
      const type = types[i];
      const lemma = lemmas[i] ?? '';
      let key: string;
      let isStop = false;
      if (type === 'word' || type === 'hashtag' || type === 'alphanumeric') {
        key = keyOfLemma(type === 'hashtag' ? lemma.slice(1) : lemma);
        isStop = stops[i] === true || key.length < 2 || key.startsWith("'");
      } else if (type === 'number' || type === 'ordinal') {
        key = NUMBER_KEY;
        isStop = true;
      } else if (type === 'punctuation' && JOINERS.has(lemma)) {
        continue;
      } else {
        if (keys.length > 0 && keys[keys.length - 1] === BREAK) continue;
        key = BREAK;
        isStop = true;
      }
      keys.push(key);
      stop.push(isStop ? 1 : 0);
      surfaces?.push(normals?.[i] ?? key);
    }
    return { keys, stop: Uint8Array.from(stop), surfaces };
  };

  const keysOf = (phrase: string): string[] => analyze(phrase).keys.filter((key) => key !== BREAK);

  return { analyze, keysOf };
}

/** Joins two analysed texts (title, summary) with a break between them. */
export function concatAnalyzed(first: AnalyzedText, second: AnalyzedText): AnalyzedText {
  const keys = [...first.keys, BREAK, ...second.keys];
  const stop = new Uint8Array(keys.length);
  stop.set(first.stop, 0);
  stop[first.keys.length] = 1;
  stop.set(second.stop, first.keys.length + 1);
  const surfaces =
    first.surfaces && second.surfaces ? [...first.surfaces, BREAK, ...second.surfaces] : null;
  return { keys, stop, surfaces };
}
