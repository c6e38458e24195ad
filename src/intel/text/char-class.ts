/**
 * Character classes for the hand-written scanners: a regex per token costs
 * more than the whole trie walk, so the hot path looks at char codes.
 */
export const OTHER = 0;
export const LOWER = 1;
export const UPPER = 2;
/** A letter without case (Arabic, CJK …) or a digit. */
export const CASELESS = 3;
/** A combining mark: part of a word, never its start. */
export const MARK = 4;
export type CharClass = typeof OTHER | typeof LOWER | typeof UPPER | typeof CASELESS | typeof MARK;

const upper = /\p{Lu}|\p{Lt}/u;
const lower = /\p{Ll}/u;
const letterOrDigit = /[\p{L}\p{N}]/u;
const mark = /\p{M}/u;
const cache = new Map<number, CharClass>();

/** Class of one UTF-16 code unit; surrogates (emoji, rare scripts) count as OTHER. */
export function charClass(code: number): CharClass {
  if (code < 128) {
    if (code >= 97 && code <= 122) return LOWER;
    if (code >= 65 && code <= 90) return UPPER;
    if (code >= 48 && code <= 57) return CASELESS;
    return OTHER;
  }
  let found = cache.get(code);
  if (found === undefined) {
    const char = String.fromCharCode(code);
    if (upper.test(char)) found = UPPER;
    else if (lower.test(char)) found = LOWER;
    else if (letterOrDigit.test(char)) found = CASELESS;
    else if (mark.test(char)) found = MARK;
    else found = OTHER;
    cache.set(code, found);
  }
  return found;
}

export function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 0x2bc;
}
