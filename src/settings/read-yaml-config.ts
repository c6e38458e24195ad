import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem, zodIssuesToProblems } from './config-error.js';

/** How a file is named in messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** Parses YAML text and validates it; returns the value or the full list of problems. */
export function parseYamlConfig<S extends z.ZodType>(
  text: string,
  schema: S,
  fileLabel: string,
): { ok: true; value: z.output<S> } | { ok: false; problems: ConfigProblem[] } {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        file: fileLabel,
        path: '',
        message: `not valid YAML: ${error.message.split('\n')[0] ?? error.code}`,
      })),
    };
  }
  const result = schema.safeParse(doc.toJS() ?? {}, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: zodIssuesToProblems(fileLabel, result.error.issues) };
}

/**
 * Reads and validates one YAML config file. A missing optional file yields the
 * schema's defaults; every problem is collected, none is thrown one at a time.
 */
export async function readYamlConfig<S extends z.ZodType>(
  file: string,
  schema: S,
  options: { optional?: boolean } = {},
): Promise<z.output<S>> {
  const label = displayPath(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (missing && options.optional) text = '';
    else {
      const reason = missing ? 'file not found' : `cannot be read (${(error as Error).message})`;
      throw new ConfigError([{ file: label, path: '', message: reason }]);
    }
  }
  const parsed = parseYamlConfig(text, schema, label);
  if (!parsed.ok) throw new ConfigError(parsed.problems);
  return parsed.value;
}
