import { otherAbbreviations, titleAbbreviations } from './abbreviations.js';
import { CASELESS, charClass, isApostrophe, LOWER, MARK, OTHER, UPPER } from './char-class.js';
import { foldToken } from './fold-token.js';

/** One word of a text, or a break (punctuation) that phrases must not span. */
export interface Token {
  /** Folded comparison form ("" for a break). */
  norm: string;
  /** The word as written, possessive "'s" removed ("." or "," for a break). */
  raw: string;
  isBreak: boolean;
  /** A break that ends a sentence (. ! ? … or a line break). */
  endsSentence: boolean;
  /** First character is an upper-case letter. */
  capitalized: boolean;
  /** Has upper-case letters and no lower-case ones ("US", "U.S.", "NATO"). */
  upper: boolean;
  /** First word of the text or of a sentence. */
  sentenceStart: boolean;
}

export interface TokenizedText {
  tokens: Token[];
  /** Most longer words are capitalized, as in a title-case headline. */
  titleCase: boolean;
}

// Punctuation that separates phrases (1) or also ends a sentence (2), as a table by char code.
const breakTable = new Uint8Array(0x2100);
for (const char of ';:,()[]{}"“”«»|/–—') breakTable[char.charCodeAt(0)] = 1;
for (const char of '.!?…') breakTable[char.charCodeAt(0)] = 2;
// ASCII letters and digits, the bulk of every English text.
const asciiWord = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) if (charClass(code) !== OTHER) asciiWord[code] = 1;

let lastText: string | null = null;
let lastResult: TokenizedText | null = null;

/**
 * Splits text into words and phrase breaks, with the case facts the matchers
 * need. Hyphens inside words are skipped ("Mazar-i-Sharif" = "Mazar i
 * Sharif"), dotted acronyms are one word ("U.S." → "us"), apostrophes stay
 * inside words ("N'Djamena") and a possessive "'s" is dropped. The last
 * result is kept, so the place and actor taggers share one pass over a text.
 */
export function tokenize(text: string): TokenizedText {
  if (text === lastText && lastResult) return lastResult;
  const result = scan(text);
  lastText = text;
  lastResult = result;
  return result;
}

function scan(text: string): TokenizedText {
  const tokens: Token[] = [];
  const length = text.length;
  let atSentenceStart = true;
  let longWords = 0;
  let capitalizedLongWords = 0;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 13) {
      i += 1;
      continue;
    }
    const kind = code < 128 ? (asciiWord[code] === 1 ? LOWER : OTHER) : charClass(code);
    if (kind === OTHER || kind === MARK) {
      const breakKind = code < 0x2100 ? breakTable[code] : 0;
      if (breakKind) {
        if (code === 46 && isAbbreviationPeriod(tokens)) {
          i += 1;
          continue;
        }
        const ends = breakKind === 2;
        tokens.push(ends ? sentenceBreak : phraseBreak);
        if (ends) atSentenceStart = true;
      } else if (code === 38) {
        tokens.push(wordToken('and', '&', false, false, false));
      } else if (code === 10) {
        // A line break ends a title, heading or paragraph far more often than it wraps a name.
        tokens.push(sentenceBreak);
        atSentenceStart = true;
      } else if (code === 45 && isSpaceAround(text, i)) {
        tokens.push(phraseBreak);
      }
      i += 1;
      continue;
    }
    const end = text.charCodeAt(i + 1) === 46 ? (acronymEnd(text, i) ?? i + 1) : wordEnd(text, i);
    let raw = text.slice(i, end);
    if (raw.length > 2 && (raw.charCodeAt(raw.length - 1) | 32) === 115 && isApostrophe(raw.charCodeAt(raw.length - 2))) {
      raw = raw.slice(0, -2);
    }
    let plain = true;
    let hasLower = false;
    let hasUpper = false;
    for (let k = 0; k < raw.length; k += 1) {
      const c = raw.charCodeAt(k);
      if (c >= 97 && c <= 122) hasLower = true;
      else if (c >= 65 && c <= 90) hasUpper = true;
      else if (c >= 128) {
        plain = false;
        const cls = charClass(c);
        if (cls === LOWER) hasLower = true;
        else if (cls === UPPER) hasUpper = true;
      } else if (c === 39 || c === 46) plain = false;
    }
    const capitalized = charClass(raw.charCodeAt(0)) === UPPER;
    const norm = plain ? raw.toLowerCase() : foldToken(raw.replaceAll('.', ''));
    const token = wordToken(norm, raw, capitalized, capitalized && hasUpper && !hasLower, atSentenceStart);
    if (!atSentenceStart && raw.length >= 4 && !token.upper) {
      longWords += 1;
      if (capitalized) capitalizedLongWords += 1;
    }
    atSentenceStart = false;
    tokens.push(token);
    i = end;
  }
  return { tokens, titleCase: longWords >= 4 && capitalizedLongWords / longWords > 0.7 };
}

function wordToken(norm: string, raw: string, capitalized: boolean, upper: boolean, sentenceStart: boolean): Token {
  return { norm, raw, isBreak: false, endsSentence: false, capitalized, upper, sentenceStart };
}

// Breaks carry nothing a reader needs but whether they end a sentence, so two shared objects do.
const sentenceBreak: Token = Object.freeze({ norm: '', raw: '.', isBreak: true, endsSentence: true, capitalized: false, upper: false, sentenceStart: false });
const phraseBreak: Token = Object.freeze({ norm: '', raw: ',', isBreak: true, endsSentence: false, capitalized: false, upper: false, sentenceStart: false });

/** Letters, digits and marks, with apostrophes between them ("Sana'a", "Afghanistan's"). */
function wordEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < 128 ? asciiWord[code] === 1 : charClass(code) !== OTHER) i += 1;
    else if (isApostrophe(text.charCodeAt(i)) && isWordStart(text.charCodeAt(i + 1))) i += 2;
    else break;
  }
  return i;
}

/** "U.S.", "U.N.", "e.g.": two or more single letters each followed by a period. */
function acronymEnd(text: string, start: number): number | null {
  let i = start;
  let letters = 0;
  while (isLetter(text.charCodeAt(i)) && text.charCodeAt(i + 1) === 46 && !isLetterOrDigit(text.charCodeAt(i - 1))) {
    letters += 1;
    i += 2;
    if (!isLetter(text.charCodeAt(i)) || isLetterOrDigit(text.charCodeAt(i + 1))) break;
  }
  return letters >= 2 ? i : null;
}

function isLetter(code: number): boolean {
  const kind = charClass(code);
  return kind === LOWER || kind === UPPER || (kind === CASELESS && (code < 48 || code > 57));
}

function isLetterOrDigit(code: number): boolean {
  const kind = charClass(code);
  return kind === LOWER || kind === UPPER || kind === CASELESS;
}

function isWordStart(code: number): boolean {
  return !Number.isNaN(code) && isLetterOrDigit(code);
}

function isSpaceAround(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at + 1);
  return (before === 32 || before === 9 || before === 10) && (after === 32 || after === 9 || after === 10);
}

/** "Gen. Smith", "J. Smith", "Aug. 10": the period belongs to the word before it. */
function isAbbreviationPeriod(tokens: readonly Token[]): boolean {
  const previous = tokens[tokens.length - 1];
  if (!previous || previous.isBreak) return false;
  return (
    (previous.raw.length === 1 && isLetter(previous.raw.charCodeAt(0))) ||
    titleAbbreviations.has(previous.norm) ||
    otherAbbreviations.has(previous.norm)
  );
}
