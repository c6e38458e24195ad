import { splitSentences } from '../text/split-sentences.js';
import { truncateAtWord } from '../text/truncate-at-word.js';
import { isBoilerplate } from './boilerplate.js';
import { carriesNoFacts, contentWords, keyFactScore, keyFacts } from './key-facts.js';
import { stripClutter } from './strip-clutter.js';

/** What a summary is made of: verbatim pieces of the source (or of the title). */
export interface SummaryParts {
  /** Whole sentences in output order; when `truncated`, the last one is a word-boundary prefix. */
  sentences: string[];
  /** The last piece was cut and takes a "…". */
  truncated: boolean;
  /** The text had nothing usable, so the pieces come from the title. */
  fromTitle: boolean;
}

const maxSentences = 3;
/** How far into the text a better sentence than the lede is looked for. */
const candidateWindow = 8;
const endsLikeSentence = /[.!?…]["'”’»)\]]*$/u;

/**
 * Picks 1–3 sentences of the text, from the chosen one onward, fitting in
 * maxChars once joined with spaces. The lede is chosen unless it only repeats
 * the title or carries no facts. Text without sentences, and a chosen
 * sentence too long to fit, are cut at a word boundary.
 */
export function selectSummary(input: { title: string; text: string }, maxChars: number): SummaryParts {
  const title = input.title.replace(/\s+/g, ' ').trim();
  const sentences = stripClutter(input.text)
    .flatMap(splitSentences)
    .filter((sentence) => !isBoilerplate(sentence));
  const first = sentences[0];
  if (first === undefined) return { ...cut(title, maxChars), fromTitle: true };
  if (sentences.length === 1 && !endsLikeSentence.test(first)) return { ...cut(first, maxChars), fromTitle: false };

  const chosen = chooseLead(sentences, title);
  const lead = sentences[chosen] as string;
  if (lead.length > maxChars) return { ...cut(lead, maxChars), fromTitle: false };
  const picked = [lead];
  let length = lead.length;
  // A deck or heading without a full stop stands alone: joined to the next
  // sentence it would read as one run-on sentence the source never had.
  for (let index = chosen + 1; index < sentences.length && picked.length < maxSentences; index += 1) {
    const next = sentences[index] as string;
    const previous = picked[picked.length - 1] as string;
    if (!endsLikeSentence.test(previous) || !endsLikeSentence.test(next)) break;
    if (length + 1 + next.length > maxChars) break;
    picked.push(next);
    length += 1 + next.length;
  }
  return { sentences: picked, truncated: false, fromTitle: false };
}

function cut(text: string, maxChars: number): { sentences: string[]; truncated: boolean } {
  if (text.length <= maxChars) return { sentences: text ? [text] : [], truncated: false };
  const shortened = truncateAtWord(text, maxChars).slice(0, -1);
  return { sentences: shortened ? [shortened] : [], truncated: maxChars > 0 };
}

const hasFactHint = /[0-9]|\s\p{Lu}/u;

function wordCount(text: string): number {
  let count = 1;
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 32) count += 1;
  return count;
}

function chooseLead(sentences: readonly string[], title: string): number {
  const first = sentences[0] as string;
  if (sentences.length === 1) return 0;
  // Most ledes are longer than the title and name someone or something: no need to weigh them.
  if (wordCount(first) > wordCount(title) + 4 && hasFactHint.test(first)) return 0;
  const titleWords = contentWords(title);
  const lede = keyFacts(first, titleWords);
  const repeatsTitle = titleWords.size > 0 && lede.inTitle >= 0.8 && lede.words <= titleWords.size + 4;
  if (!repeatsTitle && !carriesNoFacts(lede)) return 0;
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  const limit = Math.min(sentences.length, candidateWindow);
  for (let index = 1; index < limit; index += 1) {
    const facts = keyFacts(sentences[index] as string, titleWords);
    if (facts.inTitle >= 0.8 && facts.words <= titleWords.size + 4) continue;
    const score = keyFactScore(facts, index);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  }
  // A lede that repeats the title still beats sentences with nothing in them.
  return bestScore > (repeatsTitle ? -1 : 0) ? best : 0;
}
