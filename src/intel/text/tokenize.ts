import { otherAbbreviations, titleAbbreviations } from './abbreviations.js';
import { foldToken } from './fold-token.js';

/** One word of a text, or a break (punctuation) that phrases must not span. */
export interface Token {
  /** Folded comparison form ("" for a break). */
  norm: string;
  /** The word as written, possessive "'s" removed. */
  raw: string;
  isBreak: boolean;
  /** A break that ends a sentence (. ! ? … or a blank line). */
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

// Dotted acronyms ("U.S.", "U.N."), then words with inner apostrophes
// ("N'Djamena", "Afghanistan's"), then punctuation that separates phrases.
// Hyphens inside words are skipped, so "Mazar-i-Sharif" = "Mazar i Sharif".
const tokenPattern =
  /(?:\p{L}\.){2,}|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’ʼ][\p{L}\p{M}\p{N}]+)*|\n[ \t]*\n|[.!?…;:,()[\]{}"“”«»|/–—&]|(?<=\s)-(?=\s)/gu;
const possessive = /['’ʼ][sS]$/;
const hasLower = /\p{Ll}/u;
const hasUpper = /\p{Lu}/u;
const startsUpper = /^\p{Lu}/u;
const singleLetter = /^\p{L}$/u;

function makeBreak(text: string, endsSentence: boolean): Token {
  return { norm: '', raw: text, isBreak: true, endsSentence, capitalized: false, upper: false, sentenceStart: false };
}

/** Splits text into words and phrase breaks, with the case facts the matchers need. */
export function tokenize(text: string): TokenizedText {
  const tokens: Token[] = [];
  let atSentenceStart = true;
  let longWords = 0;
  let capitalizedLongWords = 0;
  for (const match of text.matchAll(tokenPattern)) {
    const piece = match[0];
    const first = piece.charCodeAt(0);
    if (piece === '&') {
      tokens.push({ norm: 'and', raw: '&', isBreak: false, endsSentence: false, capitalized: false, upper: false, sentenceStart: false });
      continue;
    }
    if (first === 10 || (piece.length === 1 && '.!?…'.includes(piece))) {
      if (piece === '.') {
        const previous = tokens[tokens.length - 1];
        // "Gen. Smith", "J. Smith", "Aug. 10": the period belongs to the word.
        if (previous && !previous.isBreak && isAbbreviation(previous.norm, previous.raw)) continue;
      }
      tokens.push(makeBreak(piece, true));
      atSentenceStart = true;
      continue;
    }
    if (piece.length === 1 && !/[\p{L}\p{N}]/u.test(piece)) {
      tokens.push(makeBreak(piece, false));
      continue;
    }
    const raw = possessive.test(piece) ? piece.slice(0, -2) : piece;
    const capitalized = startsUpper.test(raw);
    const token: Token = {
      norm: foldToken(raw.includes('.') ? raw.replaceAll('.', '') : raw),
      raw,
      isBreak: false,
      endsSentence: false,
      capitalized,
      upper: capitalized && !hasLower.test(raw) && hasUpper.test(raw),
      sentenceStart: atSentenceStart,
    };
    if (!atSentenceStart && raw.length >= 4 && !token.upper) {
      longWords += 1;
      if (capitalized) capitalizedLongWords += 1;
    }
    atSentenceStart = false;
    tokens.push(token);
  }
  return { tokens, titleCase: longWords >= 4 && capitalizedLongWords / longWords > 0.7 };
}

function isAbbreviation(norm: string, raw: string): boolean {
  return singleLetter.test(raw) || titleAbbreviations.has(norm) || otherAbbreviations.has(norm);
}
