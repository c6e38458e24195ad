import { htmlToText } from '../../feeds/html-to-text.js';

/**
 * Title or summary of a JSON input line, read as Sitrep reads a feed's: callers
 * often pass feed text as it came ("<p>…</p>", "&amp;"), and markup must not count
 * as words. A missing or null summary is an empty one.
 */
export function inputText(value: string | null | undefined, options: { singleLine: boolean }): string {
  const text = value ?? '';
  return /[<&]/.test(text) ? htmlToText(text, options) : text;
}
