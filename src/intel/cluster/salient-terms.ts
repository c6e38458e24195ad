import { countryTerms, irregularStems, numberWords, stopwords, variants } from './word-lists.js';

/** The terms of one report that can tell its event apart from others. */
export interface ReportTerms {
  /** Normalized, stemmed content words and numbers of the headline. */
  title: string[];
  /** The same for the lede (the first sentences of the summary). */
  lede: string[];
}

/** Numbers are kept as terms with this prefix so they never collide with words. */
export const numberPrefix = '#';

const tokenPattern = /[\p{L}\p{N}]+(?:[.,'’\-][\p{L}\p{N}]+)*\.?/gu;
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
  if (w.endsWith('ing') && w.length - 3 >= 3 && [...w.slice(0, -3)].some(isVowel)) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length - 2 >= 3 && [...w.slice(0, -2)].some(isVowel)) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  const last = w.at(-1);
  if (w.length >= 4 && last === w.at(-2) && last !== undefined && !'lsz'.includes(last) && !isVowel(last)) {
    return w.slice(0, -1);
  }
  return w;
}

function normalizeNumber(raw: string): string | null {
  const cleaned = raw.replace(/,(?=\d{3}\b)/g, '').replace(/\.$/, '');
  const match = /^(\d+(?:\.\d+)?)([a-z]*)$/i.exec(cleaned);
  if (!match?.[1]) return null;
  const value = Number(match[1]);
  return Number.isFinite(value) ? numberPrefix + String(value) : null;
}

/** Content terms of a text, in order, duplicates kept. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const match of text.normalize('NFKC').matchAll(tokenPattern)) {
    let raw = match[0];
    const abbreviation = upperAbbreviations.get(raw) ?? upperAbbreviations.get(raw.replace(/\.$/, ''));
    if (abbreviation) {
      out.push(abbreviation);
      continue;
    }
    raw = raw.replace(/\.$/, '');
    if (/\d/.test(raw)) {
      const number = normalizeNumber(raw);
      if (number) out.push(number);
      continue;
    }
    let word = raw
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/['’]s$/, '')
      .replace(/[’]/g, "'");
    if (word.length < 2 || stopwords.has(word)) continue;
    const asNumber = numberWords.get(word);
    if (asNumber) {
      out.push(numberPrefix + asNumber);
      continue;
    }
    // Hyphenated compounds ("cease-fire", "ISIL-K") count as one term without the hyphen.
    const variant = variants.get(word) ?? variants.get(word.replace(/[.'\-]/g, ''));
    word = variant ?? word.replace(/[.'\-]/g, '');
    if (word.length < 2 || stopwords.has(word)) continue;
    out.push(variant ?? (unstemmed.has(word) ? word : stem(word)));
  }
  return out;
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

/** Title and lede terms of one report. */
export function reportTerms(title: string, summary: string): ReportTerms {
  return { title: contentTerms(title), lede: contentTerms(lede(summary)) };
}
