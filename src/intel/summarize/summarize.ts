import { splitSentences } from '../text/split-sentences.js';
import { truncateAtWord } from '../text/truncate-at-word.js';
import { isBoilerplate } from './boilerplate.js';
import { carriesNoFacts, contentWords, keyFactScore, keyFacts } from './key-facts.js';
import { stripClutter } from './strip-clutter.js';

export interface SummarizeOptions {
  /** Longest summary in characters (UTF-16 code units); default 300. */
  maxChars?: number;
}

const maxSentences = 3;
/** How far into the text a better sentence than the lede is looked for. */
const candidateWindow = 8;
const endsLikeSentence = /[.!?…]["'”’»)\]]*$/u;

/**
 * An extractive summary: 1–3 whole sentences of the text, in order from the
 * chosen one, at most maxChars long. The lede is chosen unless it only repeats
 * the title or carries no facts. Text without sentences is cut at a word
 * boundary with "…"; empty text falls back to the title.
 */
export function summarize(input: { title: string; text: string }, options: SummarizeOptions = {}): string {
  const maxChars = Math.max(0, Math.floor(options.maxChars ?? 300));
  const title = input.title.replace(/\s+/g, ' ').trim();
  const paragraphs = stripClutter(input.text);
  const sentences = paragraphs.flatMap(splitSentences).filter((sentence) => !isBoilerplate(sentence));
  const first = sentences[0];
  if (first === undefined) return truncateAtWord(title, maxChars);
  if (sentences.length === 1 && !endsLikeSentence.test(first)) return truncateAtWord(first, maxChars);

  const chosen = chooseLead(sentences, title);
  const lead = sentences[chosen] as string;
  if (lead.length > maxChars) return truncateAtWord(lead, maxChars);
  let summary = lead;
  let count = 1;
  for (let index = chosen + 1; index < sentences.length && count < maxSentences; index += 1) {
    const next = sentences[index] as string;
    if (summary.length + 1 + next.length > maxChars) break;
    summary = `${summary} ${next}`;
    count += 1;
  }
  return summary;
}

function chooseLead(sentences: readonly string[], title: string): number {
  const titleWords = contentWords(title);
  const lede = keyFacts(sentences[0] as string, titleWords);
  const repeatsTitle = titleWords.size > 0 && lede.inTitle >= 0.8 && lede.words <= titleWords.size + 4;
  if (sentences.length === 1 || (!repeatsTitle && !carriesNoFacts(lede))) return 0;
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
