import { findWithEnding } from '../text/noun-endings.js';
import { bengaliTerms, hindiTerms, nativeStopwords } from './native-terms.js';
import { countryTerms, irregularStems, numberWords, stopwords, variants } from './word-lists.js';

/** The terms of one report that can tell its event apart from others. */
export interface ReportTerms {
  /** Normalized, stemmed content words and numbers of the headline. */
  title: string[];
  /** The same for the lede (the first sentences of the summary). */
  lede: string[];
  /** Terms written as names (capitalised mid-sentence) in the lede. */
  names: string[];
  /** The headline announces another incident ("another attack", "fresh strikes"). */
  novelty: boolean;
}

/** Numbers are kept as terms with this prefix so they never collide with words. */
export const numberPrefix = '#';

// Combining marks belong to their word: Bengali and Devanagari vowel signs are marks, and a
// pattern of letters alone would shred "ভাঙচুর" into fragments that every headline shares.
const tokenPattern = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[.,'’\-][\p{L}\p{M}\p{N}]+)*\.?/gu;
const latinWord = /^[\p{Script=Latin}\p{M}\p{N}'’.\-]+$/u;
const asciiWord = /^[\x00-\x7f]*$/;

/** A word of a script other than Latin (Bengali, Devanagari …): only a report in that script can share it. */
export function isScriptBound(word: string): boolean {
  return !asciiWord.test(word) && !latinWord.test(word);
}
const upperAbbreviations = new Map([
  ['US', 'usa'],
  ['U.S.', 'usa'],
  ['U.S', 'usa'],
  ['USA', 'usa'],
  ['UK', 'uk'],
  ['U.K.', 'uk'],
  ['UN', 'un'],
  ['U.N.', 'un'],
  ['EU', 'eu'],
  ['E.U.', 'eu'],
]);
const ledeMaxChars = 420;
/** Canonical forms are already normalized; stemming them would split "ukraine" from "Ukrainian". */
const unstemmed: ReadonlySet<string> = new Set([...variants.values(), ...countryTerms]);

const hasVowel = /[aeiouy]/;
const elidedArticle = /^(?:l|d|j|n|s|c|m|t|qu|dell|all|nell|sull|dall|un)'(?=\p{L}{2})/u;

function isVowel(char: string | undefined): boolean {
  return char !== undefined && 'aeiouy'.includes(char);
}

/**
 * A light suffix stripper: enough to make "attacks", "attacked" and "attacking" one
 * term. It is applied the same way to every report, so consistency matters more than
 * producing dictionary words.
 */
export function stem(word: string): string {
  const irregular = irregularStems.get(word);
  if (irregular) return irregular;
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('ied') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length - 3 >= 3 && hasVowel.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length - 2 >= 3 && hasVowel.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  // "agree", "agreed" and "agrees" must meet: drop every trailing e.
  const bare = w.replace(/e+$/, '');
  return bare.length >= 3 ? bare : w;
}

function undouble(w: string): string {
  const last = w.at(-1);
  if (w.length >= 4 && last === w.at(-2) && last !== undefined && !'lsz'.includes(last) && !isVowel(last)) {
    return w.slice(0, -1);
  }
  return w;
}

/** Bengali, Devanagari and Arabic-Indic digits as ASCII, so "২৬৫" is the number 265 of "toll reaches 265". */
const digitZeros = [0x09e6, 0x0966, 0x0660, 0x06f0];
function asciiDigits(token: string): string {
  if (asciiWord.test(token)) return token;
  return token.replace(/\p{Nd}/gu, (digit) => {
    const code = digit.codePointAt(0) ?? 0;
    const zero = digitZeros.find((start) => code >= start && code <= start + 9);
    return zero === undefined ? digit : String(code - zero);
  });
}

function normalizeNumber(raw: string): string | null {
  const cleaned = raw.replace(/,(?=\d{3}\b)/g, '').replace(/\.$/, '');
  const match = /^(\d+(?:\.\d+)?)([a-z]*)$/i.exec(cleaned);
  if (!match?.[1]) return null;
  const value = Number(match[1]);
  return Number.isFinite(value) ? numberPrefix + String(value) : null;
}

/** What a scan notices besides terms: capitalised words mid-sentence and novelty cues. */
export interface TermNotes {
  names: Set<string>;
  novelty: boolean;
}

/** Headline words that announce a new incident of a known kind ("another attack", "fresh strikes"). */
const noveltyCues = new Set(['another', 'fresh', 'renewed', 'separate']);

function startsSentence(text: string, index: number): boolean {
  let at = index - 1;
  while (at >= 0 && /\s/.test(text[at] ?? '')) at -= 1;
  return at < 0 || '.!?:;"“‘\'(-–—|'.includes(text[at] ?? '');
}

/** Content terms of a text, in order, duplicates kept. */
export function contentTerms(text: string, notes?: TermNotes): string[] {
  const out: string[] = [];
  const normalized = text.normalize('NFKC');
  for (const match of normalized.matchAll(tokenPattern)) {
    const raw = match[0];
    const before = out.length;
    if (notes && noveltyCues.has(raw.toLowerCase())) notes.novelty = true;
    const isName = notes !== undefined && /^\p{Lu}/u.test(raw) && !startsSentence(normalized, match.index);
    scanCached(raw, out);
    if (isName) for (const term of out.slice(before)) notes.names.add(term);
  }
  return out;
}

// News vocabulary repeats; normalizing a token once and remembering it is most of the speed.
const tokenCache = new Map<string, readonly string[]>();
const tokenCacheLimit = 100_000;

function scanCached(token: string, out: string[]): void {
  let terms = tokenCache.get(token);
  if (!terms) {
    const fresh: string[] = [];
    scanToken(token, fresh);
    if (tokenCache.size >= tokenCacheLimit) tokenCache.clear();
    tokenCache.set(token, fresh);
    terms = fresh;
  }
  for (const term of terms) out.push(term);
}

function scanToken(token: string, out: string[]): void {
  let raw = token;
  const abbreviation = upperAbbreviations.get(raw) ?? upperAbbreviations.get(raw.replace(/\.$/, ''));
  if (abbreviation) {
    out.push(abbreviation);
    return;
  }
  raw = asciiDigits(raw.replace(/\.$/, ''));
  // Pure numbers (with a unit suffix such as "bn" or "km") are numbers; names like "M23" or "F-16" are words.
  if (/^\d/.test(raw)) {
    const number = normalizeNumber(raw);
    if (number) out.push(number);
    return;
  }
  let word = raw.toLowerCase();
  // Folding accents ("Erdoğan" → "erdogan") is costly; most tokens are plain ASCII.
  // Accents are folded in Latin script only; in other scripts the marks are the vowels.
  if (!asciiWord.test(word)) word = latinWord.test(word) ? word.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[’]/g, "'") : word.replace(/[’]/g, "'");
  // French and Italian elide articles onto the word ("l'armée", "dell'esercito"): the word is what follows.
  word = word.replace(elidedArticle, '').replace(/'s$/, '');
  if (isScriptBound(word)) {
    const english = nativeTerms(word);
    if (english) {
      for (const term of english) out.push(term);
      return;
    }
    if (nativeStopwords.has(word)) return;
  }
  if (word.length < 2 || stopwords.has(word)) return;
  const asNumber = numberWords.get(word);
  if (asNumber) {
    out.push(numberPrefix + asNumber);
    return;
  }
  // Known compounds ("cease-fire", "ISIL-K") are one term; others ("quake-hit",
  // "Rwanda-backed", "al-Sharaa") are their parts.
  const variant = variants.get(word) ?? variants.get(word.replace(/[.'\-]/g, ''));
  const parts = variant ? [variant] : word.split('-').map((part) => part.replace(/[.']/g, ''));
  for (const part of parts) {
    if (part.length < 2 || stopwords.has(part)) continue;
    const partVariant = variant ?? variants.get(part);
    // The suffix stripper knows English; words of other scripts are kept whole.
    out.push(partVariant ?? (unstemmed.has(part) || !asciiWord.test(part) ? part : stem(part)));
  }
}

let nativeLookup: Map<string, readonly string[]> | undefined;

/** The English terms of a Bengali or Hindi news word (native-terms.ts), whole or less a case ending. */
function nativeTerms(word: string): readonly string[] | undefined {
  const lookup = (nativeLookup ??= new Map(
    [...Object.entries(bengaliTerms), ...Object.entries(hindiTerms)].map(([native, english]) => [native.normalize('NFKC'), contentTerms(english)]),
  ));
  return findWithEnding(word, (form) => lookup.get(form));
}

/** The lede: the first one or two sentences, which carry the who/what/where. */
export function lede(summary: string): string {
  const text = summary.trim();
  if (text.length <= ledeMaxChars) return text;
  const sentences = text.match(/[^.!?]+[.!?]+(?=\s|$)/g) ?? [];
  let out = '';
  for (const sentence of sentences) {
    if (out.length + sentence.length > ledeMaxChars && out.length > 0) break;
    out += sentence;
  }
  if (out.length === 0) out = text.slice(0, ledeMaxChars).replace(/\s+\S*$/, '');
  return out;
}

/** Title and lede terms of one report, with the names and novelty cue they carry. */
export function reportTerms(title: string, summary: string): ReportTerms {
  const titleNotes: TermNotes = { names: new Set(), novelty: false };
  const ledeNotes: TermNotes = { names: new Set(), novelty: false };
  const titleTerms = contentTerms(title, titleNotes);
  const ledeTerms = contentTerms(lede(summary), ledeNotes);
  // Headlines are often in title case, so only the lede says reliably which words are names.
  return { title: titleTerms, lede: ledeTerms, names: [...ledeNotes.names], novelty: titleNotes.novelty };
}
