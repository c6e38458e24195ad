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
  /** Several texts (title, summary) as one sequence with a BREAK between; `ends[i]` is where text i ends. */
  analyzeParts(parts: readonly string[], options?: { surfaces?: boolean }): { text: AnalyzedText; ends: number[] };
  /** The keys of a lexicon term or phrase, analysed exactly like item text. */
  keysOf(phrase: string): string[];
}

export const BREAK = '';
const NUMBER_KEY = '<num>';
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

/** A whitespace-delimited chunk's analysis: its tokens' keys and stop flags (usually one token). */
interface ChunkAnalysis {
  keys: string[];
  stop: number[];
  surfaces: string[];
}

const CHUNK_CACHE_LIMIT = 100_000;
/** Punctuation peeled off a chunk's edges; each run becomes one BREAK. */
const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$|(?<!\p{L}\.\p{L})\.+$/gu;
const ABBREVIATION = /^(?:\p{L}\.){2,}$/u;

/** a-z or 0-9: a chunk starting and ending with one has no edge punctuation to peel. */
function isPlainEdge(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

export function createTextAnalyzer(): TextAnalyzer {
  const engine = nlp();
  const its = engine.its;
  const stem = porterStemmer();
  const chunks = new Map<string, ChunkAnalysis>();

  const keyOfLemma = (lemma: string): string => (lemma.startsWith("'") ? lemma : stem(lemma));

  /**
   * wink-nlp analyses each distinct chunk ("ceasefire-violations", "women's", "u.n.") once and
   * the result is cached: without a POS tagger its lemmas do not depend on context, and a
   * readDoc per item would cap us near 5,000 items/s for this stage alone (measured).
   */
  const analyzeChunk = (chunk: string): ChunkAnalysis => {
    const cached = chunks.get(chunk);
    if (cached) return cached;
    const tokens = engine.readDoc(chunk).tokens();
    // wink's typings reject its.lemma (it takes the model addons); the call itself is documented.
    const out = <T>(fn: unknown): T[] => tokens.out(fn as ItsFunction<T>) as T[];
    const lemmas = out<string>(its.lemma);
    const types = out<string>(its.type);
    const stops = out<boolean>(its.stopWordFlag);
    const normals = out<string>(its.normal);
    const result: ChunkAnalysis = { keys: [], stop: [], surfaces: [] };
    for (let i = 0; i < lemmas.length; i += 1) {
      const type = types[i];
      const lemma = (lemmas[i] ?? '').toLowerCase();
      if (type === 'word' || type === 'hashtag' || type === 'alphanumeric') {
        const key = keyOfLemma(type === 'hashtag' ? lemma.slice(1) : lemma);
        result.keys.push(key);
        result.stop.push(stops[i] === true || key.length < 2 || key.startsWith("'") ? 1 : 0);
      } else if (type === 'number' || type === 'ordinal') {
        result.keys.push(NUMBER_KEY);
        result.stop.push(1);
      } else if (type === 'punctuation' && JOINERS.has(lemma)) {
        continue;
      } else {
        result.keys.push(BREAK);
        result.stop.push(1);
      }
      result.surfaces.push(normals[i] ?? lemma);
    }
    if (chunks.size >= CHUNK_CACHE_LIMIT) chunks.clear();
    chunks.set(chunk, result);
    return result;
  };

  /** Analyses several texts into one sequence, a BREAK between them; returns where each ends. */
  const analyzeParts = (parts: readonly string[], options: { surfaces?: boolean } = {}): { text: AnalyzedText; ends: number[] } => {
    const keys: string[] = [];
    const stop: number[] = [];
    const surfaces: string[] | null = options.surfaces ? [] : null;
    const ends: number[] = [];
    const pushBreak = (): void => {
      if (keys.length === 0 || keys[keys.length - 1] === BREAK) return;
      keys.push(BREAK);
      stop.push(1);
      surfaces?.push(BREAK);
    };
    for (const part of parts) {
      pushBreak();
      for (const raw of part.toLowerCase().replace(/[’ʼ]/g, "'").split(/\s+/)) {
        if (raw === '') continue;
        // Most chunks are plain words: skip the edge regexes for them (measured: a third of this loop).
        const plain = isPlainEdge(raw.charCodeAt(0)) && isPlainEdge(raw.charCodeAt(raw.length - 1));
        const core = plain ? raw : ABBREVIATION.test(raw) ? raw : raw.replace(EDGE, '');
        const at = plain ? 0 : core === '' ? raw.length : raw.indexOf(core);
        if (at > 0 && /[^'"‘“-]/.test(raw.slice(0, at))) pushBreak();
        if (core === '') continue;
        const chunk = analyzeChunk(core);
        for (let i = 0; i < chunk.keys.length; i += 1) {
          const key = chunk.keys[i] ?? BREAK;
          if (key === BREAK) pushBreak();
          else {
            keys.push(key);
            stop.push(chunk.stop[i] ?? 1);
            surfaces?.push(chunk.surfaces[i] ?? key);
          }
        }
        if (!plain && at + core.length < raw.length && /[^'"’”-]/.test(raw.slice(at + core.length))) pushBreak();
      }
      ends.push(keys.length);
    }
    while (keys.length > 0 && keys[keys.length - 1] === BREAK) {
      keys.pop();
      stop.pop();
      surfaces?.pop();
    }
    return { text: { keys, stop: Uint8Array.from(stop), surfaces }, ends };
  };

  const analyze = (text: string, options: { surfaces?: boolean } = {}): AnalyzedText => analyzeParts([text], options).text;

  const keysOf = (phrase: string): string[] => analyze(phrase).keys.filter((key) => key !== BREAK);

  return { analyze, analyzeParts, keysOf };
}
