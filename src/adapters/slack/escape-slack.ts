/**
 * Feed text is untrusted. Slack only treats `&`, `<` and `>` as control
 * characters in mrkdwn: escaping them turns `<!channel>`, `<!here>`,
 * `<!everyone>`, `<@U…>`, `<#C…>` and `<url|label>` into plain text. Bare
 * `@channel` words only notify with link_names, which Sitrep never sets; a
 * zero-width space still breaks them so a copied text cannot ping either.
 */
const zeroWidthSpace = '\u200b';

export function escapeSlack(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, `@${zeroWidthSpace}$1`);
}

/** Shortens text to `max` characters with an ellipsis, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Escapes then truncates to `max` characters of mrkdwn, never cutting an
 * entity such as `&amp;` in half.
 */
export function escapeAndTruncate(text: string, max: number): string {
  const escaped = escapeSlack(text);
  if (escaped.length <= max) return escaped;
  let cut = escaped.slice(0, Math.max(0, max - 1));
  cut = cut.replace(/&[a-z]{0,4}$/, '');
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Only http(s) links become `<url|label>`; `|` and `>` inside a URL would end it early. */
export function safeUrl(link: string | null | undefined): string | null {
  if (!link) return null;
  try {
    const url = new URL(link);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C').replace(/ /g, '%20');
  } catch {
    return null;
  }
}

/** `<url|label>` with the label escaped, or the escaped label alone without a safe URL. */
export function slackLink(label: string, link: string | null | undefined, maxLabel = 200): string {
  const text = escapeAndTruncate(label, maxLabel);
  const url = safeUrl(link);
  return url ? `<${url}|${text}>` : text;
}
