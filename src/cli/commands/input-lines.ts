import { z } from 'zod';
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

/** The fields classify and cluster read alike, with errors that say what was expected. */
export const inputFields = {
  id: z
    .union([z.string().min(1, { error: 'expected a non-empty string or a number' }), z.number()], { error: 'expected a non-empty string or a number' })
    .transform(String),
  title: z.string({ error: 'expected a string (it may be empty when there is a summary)' }),
  summary: z.string({ error: 'expected a string, null or nothing' }).nullish(),
  tags: z.array(z.string(), { error: 'expected a list of strings' }).nullish(),
};

export type ParsedLine<T> = { ok: true; line: T } | { ok: false; id?: string; error: string };

/**
 * One JSON line of the classify / cluster contracts, checked against its schema. A bad
 * line becomes an error naming the offending fields, with the line's id when it has
 * one; an item with neither title nor summary is refused, as nothing can be said of it.
 */
export function parseJsonLine<T extends { id: string; title: string; summary: string }>(text: string, schema: z.ZodType<T>): ParsedLine<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) {
    if (parsed.data.title.trim() === '' && parsed.data.summary.trim() === '') {
      return { ok: false, id: parsed.data.id, error: 'title and summary are both empty' };
    }
    return { ok: true, line: parsed.data };
  }
  const rawId = typeof json === 'object' && json !== null ? (json as { id?: unknown }).id : undefined;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : '';
  const error = parsed.error.issues
    .map((issue) => {
      const path = issue.path.join('.');
      return path === '' || issue.message.startsWith(`${path}:`) ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
  return id === '' ? { ok: false, error } : { ok: false, id, error };
}
