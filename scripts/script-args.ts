import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;
type Values<T extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ options: T; allowPositionals: false }>>['values'];

/**
 * Options of an npm-run script, with `--help` and clear refusals: an unknown option or a
 * value outside its choices prints what went wrong and the usage, and exits 2, instead of
 * a stack trace or, worse, an evaluation of nothing that looks like a perfect score.
 */
export function scriptArgs<T extends ParseArgsOptionsConfig>(
  usage: string,
  options: T,
  choices: Partial<Record<keyof T & string, readonly string[]>> = {},
  argv: readonly string[] = process.argv.slice(2),
): Values<T> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  let values: Values<T>;
  try {
    values = parseArgs({ args: [...argv], options, allowPositionals: false }).values;
  } catch (error) {
    return refuse((error as Error).message, usage);
  }
  for (const [name, allowed] of Object.entries(choices) as [string, readonly string[] | undefined][]) {
    const value = (values as Record<string, unknown>)[name];
    if (allowed && typeof value === 'string' && !allowed.includes(value)) {
      refuse(`--${name}: expected one of ${allowed.join(', ')}; got "${value}"`, usage);
    }
  }
  return values;
}

function refuse(message: string, usage: string): never {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(2);
}
