import type { z } from 'zod';

/**
 * The rows of a JSON-lines file that fit `schema`. Each line that does not is reported
 * in `problems` as "file:line: path: what was expected", so one run lists every problem.
 */
export function parseJsonLines<T>(text: string, schema: z.ZodType<T>, file: string, problems: string[]): T[] {
  const rows: T[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      problems.push(`${file}:${index + 1}: not valid JSON`);
      return;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) rows.push(parsed.data);
    else problems.push(`${file}:${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  });
  return rows;
}

/** Like parseJsonLines, for files that must be entirely valid: any problem throws, listing them all. */
export function parseJsonLinesStrict<T>(text: string, schema: z.ZodType<T>, file: string): T[] {
  const problems: string[] = [];
  const rows = parseJsonLines(text, schema, file, problems);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return rows;
}
