import { escapeMarkdown } from 'discord.js';

/**
 * Feed text is untrusted: a headline must not ping anyone, start a code block,
 * hide a link behind innocent words or shout in a heading. Markdown is escaped
 * with discord.js's escaper (masked links, headings and lists included), then
 * every mention form is broken with a zero-width space so it renders as text.
 * allowed_mentions { parse: [] } is still sent with every message: escaping is
 * for what people see, allowed_mentions for who gets notified.
 */
const zeroWidthSpace = '\u200b';

export function escapeDiscord(text: string): string {
  const escaped = escapeMarkdown(text, { maskedLink: true, heading: true, bulletedList: true, numberedList: true });
  return escaped
    .replace(/@(everyone|here)/gi, `@${zeroWidthSpace}$1`)
    .replace(/<(@[!&]?|#|\/|a?:|t:)/g, `<${zeroWidthSpace}$1`);
}

/**
 * Shortens text to `max` characters with an ellipsis, never leaving a dangling
 * escape backslash or half a surrogate pair at the cut.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const trailingSlashes = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (trailingSlashes % 2 === 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Only http(s) links become embed URLs or masked links; anything else is dropped. */
export function safeUrl(link: string | null | undefined): string | null {
  if (!link) return null;
  try {
    const url = new URL(link);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    // Parentheses and spaces would end a masked link early.
    return url.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
  } catch {
    return null;
  }
}

/** A masked link `[label](url)` with the label escaped, or the bare label without a safe URL. */
export function maskedLink(label: string, link: string | null | undefined, maxLabel = 120): string {
  const text = escapeDiscord(truncate(label, maxLabel));
  const url = safeUrl(link);
  return url ? `[${text}](${url})` : text;
}
