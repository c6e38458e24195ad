/**
 * Discord's request checks the emulator applies: message size limits (a 400
 * with code 50035, as Discord answers an oversized embed) and which mentions a
 * message would really ping given its allowed_mentions.
 */

export const embedLimits = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  total: 6000,
  embedsPerMessage: 10,
  content: 2000,
  nonce: 25,
} as const;

type Json = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Every limit the message body breaks, as Discord-like "path: problem" strings. */
export function messageProblems(body: Json): string[] {
  const problems: string[] = [];
  const content = str(body['content']);
  if (content.length > embedLimits.content) problems.push(`content: must be ${embedLimits.content} or fewer in length`);
  const nonce = body['nonce'];
  if (typeof nonce === 'string' && nonce.length > embedLimits.nonce) problems.push('nonce: must be 25 or fewer in length');
  const embeds = Array.isArray(body['embeds']) ? (body['embeds'] as Json[]) : [];
  if (embeds.length > embedLimits.embedsPerMessage) problems.push('embeds: must be 10 or fewer in length');
  let total = 0;
  embeds.forEach((embed, index) => {
    const at = `embeds[${index}]`;
    const title = str(embed['title']);
    const description = str(embed['description']);
    const footer = str((embed['footer'] as Json | undefined)?.['text']);
    const author = str((embed['author'] as Json | undefined)?.['name']);
    if (title.length > embedLimits.title) problems.push(`${at}.title: must be 256 or fewer in length`);
    if (description.length > embedLimits.description) problems.push(`${at}.description: must be 4096 or fewer in length`);
    if (footer.length > embedLimits.footer) problems.push(`${at}.footer.text: must be 2048 or fewer in length`);
    if (author.length > embedLimits.authorName) problems.push(`${at}.author.name: must be 256 or fewer in length`);
    const fields = Array.isArray(embed['fields']) ? (embed['fields'] as Json[]) : [];
    if (fields.length > embedLimits.fields) problems.push(`${at}.fields: must be 25 or fewer in length`);
    fields.forEach((field, f) => {
      const name = str(field['name']);
      const value = str(field['value']);
      if (name.length === 0 || name.length > embedLimits.fieldName) problems.push(`${at}.fields[${f}].name: must be between 1 and 256 in length`);
      if (value.length === 0 || value.length > embedLimits.fieldValue) problems.push(`${at}.fields[${f}].value: must be between 1 and 1024 in length`);
      total += name.length + value.length;
    });
    total += title.length + description.length + footer.length + author.length;
  });
  if (total > embedLimits.total) problems.push(`embeds: total size must be 6000 or fewer characters, got ${total}`);
  return problems;
}

/**
 * What the message would ping on Discord: mentions are parsed from `content`
 * only, and allowed_mentions decides which of them notify anyone. Without
 * allowed_mentions every mention pings.
 */
export function messagePings(body: Json): string[] {
  const content = str(body['content']);
  const allowed = body['allowed_mentions'] as { parse?: string[]; roles?: string[]; users?: string[] } | undefined;
  const parse = allowed ? (allowed.parse ?? []) : ['everyone', 'roles', 'users'];
  const pings: string[] = [];
  if (/@(everyone|here)/.test(content) && parse.includes('everyone')) pings.push('everyone');
  for (const match of content.matchAll(/<@&(\d+)>/g)) {
    const id = match[1] ?? '';
    if (parse.includes('roles') || allowed?.roles?.includes(id)) pings.push(`role:${id}`);
  }
  for (const match of content.matchAll(/<@!?(\d+)>/g)) {
    const id = match[1] ?? '';
    if (parse.includes('users') || allowed?.users?.includes(id)) pings.push(`user:${id}`);
  }
  return pings;
}
