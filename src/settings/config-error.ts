import type { z } from 'zod';

/** One problem in one config file, ready to print: `config/feeds.yaml → feeds[3].url: …`. */
export interface ConfigProblem {
  file: string;
  path: string;
  message: string;
}

/** Thrown by config loading; the CLI prints every problem and exits with code 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatConfigProblem).join('\n'));
  }
}

export function formatConfigProblem(problem: ConfigProblem): string {
  const where = problem.path ? `${problem.file} → ${problem.path}` : problem.file;
  return `${where}: ${problem.message}`;
}

/** `["feeds", 3, "url"]` → `feeds[3].url`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

function describeInput(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (typeof input === 'string') {
    const shown = input.length > 60 ? `${input.slice(0, 57)}…` : input;
    return JSON.stringify(shown);
  }
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  if (Array.isArray(input)) return 'a list';
  return 'an object';
}

/**
 * zod's messages say what was expected; we add what was found, so a person can
 * find the line without a stack trace. Schemas give their own messages for the
 * common cases ("expected an http(s) URL").
 */
export function zodIssuesToProblems(file: string, issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  return issues.map((issue) => {
    const got = 'input' in issue ? `, got ${describeInput(issue.input)}` : '';
    const message = issue.message.startsWith('Unrecognized key')
      ? `${issue.message} (remove it or check its spelling)`
      : `${issue.message}${issue.code === 'unrecognized_keys' ? '' : got}`;
    return { file, path: formatIssuePath(issue.path), message };
  });
}
