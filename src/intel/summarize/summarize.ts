import { selectSummary } from './select-summary.js';

export interface SummarizeOptions {
  /** Longest summary in characters (UTF-16 code units); default 300. */
  maxChars?: number;
}

/**
 * An extractive summary: 1–3 whole sentences of the text, at most maxChars
 * long, free of datelines and publisher boilerplate; the lede unless another
 * sentence carries the key facts better. Text without sentence structure is
 * cut at a word boundary with "…"; empty text falls back to the title.
 */
export function summarize(input: { title: string; text: string }, options: SummarizeOptions = {}): string {
  const maxChars = Math.max(0, Math.floor(options.maxChars ?? 300));
  const parts = selectSummary(input, maxChars);
  const joined = parts.sentences.join(' ');
  return parts.truncated ? `${joined}…` : joined;
}
