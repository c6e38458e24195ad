const trailingPunctuation = /[\s,;:–—-]+$/u;

/**
 * Shortens text to at most maxChars, ending at a word boundary with "…".
 * Only a single word longer than the limit is cut inside itself.
 */
export function truncateAtWord(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars < 2) return maxChars === 1 ? '…' : '';
  const room = maxChars - 1;
  const space = text.lastIndexOf(' ', room);
  const cut = space > 0 ? text.slice(0, space).replace(trailingPunctuation, '') : '';
  return cut ? `${cut}…` : `${text.slice(0, room)}…`;
}
