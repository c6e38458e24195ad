/**
 * Publishers block anonymous bots; a User-Agent that names the project and a
 * way to reach its operator is what polite feed readers send.
 */
export function buildUserAgent(version: string, contact: string): string {
  const product = `Sitrep/${clean(version) || '0'}`;
  const who = clean(contact);
  const details = ['+https://github.com/sitrep-bot/sitrep', ...(who ? [`contact: ${who}`] : [])];
  return `${product} (${details.join('; ')})`;
}

/** Header values must stay on one line, and parentheses would break the comment syntax. */
function clean(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
