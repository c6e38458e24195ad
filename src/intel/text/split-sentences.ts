import { otherAbbreviations, sentenceOpeners, titleAbbreviations } from './abbreviations.js';

// A run of terminators, then closing quotes or brackets, then a space.
const candidate = /[.!?…]+["'”’»)\]]*(?= )/g;
const wordBefore = /([\p{L}\p{N}.'’-]+)\.$/u;
const dottedAcronym = /^(?:\p{L}\.)+\p{L}$/u;
const singleLetter = /^\p{L}$/u;
const nextWord = /^["'“‘«(\[]?([\p{L}\p{N}]+)/u;
const startsLower = /^["'“‘«(\[]?\p{Ll}/u;

/**
 * Splits one paragraph (whitespace already collapsed to single spaces) into
 * sentences that are exact substrings of it. Knows abbreviations ("U.S.",
 * "Gen.", "Jan.", "No."), initials, decimals and quotes ending a sentence.
 */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of paragraph.matchAll(candidate)) {
    const end = match.index + match[0].length;
    if (isBoundary(paragraph, match.index, match[0], paragraph.slice(end + 1))) {
      const sentence = paragraph.slice(start, end).trim();
      if (sentence) sentences.push(sentence);
      start = end + 1;
    }
  }
  const rest = paragraph.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

function isBoundary(text: string, at: number, terminator: string, after: string): boolean {
  if (after.length === 0 || startsLower.test(after)) return false;
  if (!terminator.startsWith('.') || terminator.startsWith('..')) return true;
  const before = wordBefore.exec(text.slice(Math.max(0, at - 40), at + 1));
  if (!before) return true;
  const word = (before[1] ?? '').replace(/^[-'’]+/, '');
  const bare = word.replaceAll('.', '').toLowerCase();
  const following = nextWord.exec(after)?.[1]?.toLowerCase() ?? '';
  if (singleLetter.test(word) || titleAbbreviations.has(bare)) return false;
  // "the U.S. The talks …" ends a sentence; "the U.S. Embassy" and "Aug. 10" do not.
  if (dottedAcronym.test(word) || otherAbbreviations.has(bare)) return sentenceOpeners.has(following);
  return true;
}
