import { commandSpecs, findCommandSpec, usageText, type CommandSpec } from './command-specs.js';

export type SlackTextParse =
  | { ok: true; path: string[]; options: Record<string, string> }
  | { ok: false; message: string; usage: string[] };

/** Splits on spaces, keeping "quoted phrases" and key:"quoted values" whole. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /(?:[^\s"“”]+)?(?:["“][^"“”]*["”])(?:[^\s"“”]*)|[^\s]+/g;
  for (const match of text.matchAll(pattern)) tokens.push(match[0].replace(/[“”]/g, '"'));
  return tokens;
}

const unquote = (value: string) => (/^".*"$/.test(value) ? value.slice(1, -1) : value);

function groupSubcommands(group: string): string[] {
  return commandSpecs.filter((spec) => spec.path[0] === group && spec.path.length > 1).map((spec) => spec.path[1] as string);
}

function fail(message: string, spec?: CommandSpec, group?: string): SlackTextParse {
  return { ok: false, message, usage: spec ? [`Usage: ${spec.usage}`] : usageText(group) };
}

/**
 * Parses the text after `/sitrep` as Slack sends it, e.g.
 * `subscribe topics:security,diplomacy regions:AF keywords:"peace talks" -sports min_confidence:0.6`,
 * into the path and named options the command core validates. Bare words fill the
 * command's positional options in order, then its free-text option (keywords, query, term).
 */
export function parseSlackText(text: string): SlackTextParse {
  const tokens = tokenize(text.trim());
  const head = tokens.shift()?.toLowerCase();
  if (!head || head === 'help') return { ok: false, message: 'Sitrep commands:', usage: usageText() };

  let path = [head];
  const grouped = groupSubcommands(head);
  if (grouped.length > 0) {
    const index = tokens.findIndex((token) => grouped.includes(token.toLowerCase()));
    if (index < 0) return fail(`/sitrep ${head} needs one of: ${grouped.join(', ')}`, undefined, head);
    path = [head, (tokens[index] as string).toLowerCase()];
    tokens.splice(index, 1);
  }
  const spec = findCommandSpec(path);
  if (!spec) return fail(`Unknown command "${head}".`);

  const known = Object.keys(spec.schema.shape);
  const options: Record<string, string> = {};
  const bare: string[] = [];
  for (const token of tokens) {
    const pair = /^([a-z][a-z_-]*):(.*)$/i.exec(token);
    const key = pair?.[1]?.toLowerCase().replace(/-/g, '_');
    const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(token);
    if (pair && key && !isUrl) {
      if (!known.includes(key)) return fail(`${key}: unknown option for /sitrep ${path.join(' ')}; options: ${known.join(', ') || 'none'}`, spec);
      if (options[key] !== undefined && key !== spec.rest) return fail(`${key}: given twice`, spec);
      const value = pair[2] ?? '';
      options[key] = key === spec.rest ? [options[key], value].filter(Boolean).join(' ') : unquote(value);
      continue;
    }
    bare.push(token);
  }

  const positional = spec.positional.filter((name) => options[name] === undefined);
  for (const token of bare) {
    const slot = positional.shift();
    if (slot && slot !== spec.rest) {
      options[slot] = unquote(token);
      continue;
    }
    if (spec.rest) {
      options[spec.rest] = [options[spec.rest], token].filter(Boolean).join(' ');
      continue;
    }
    return fail(`unexpected "${token}" for /sitrep ${path.join(' ')}`, spec);
  }
  return { ok: true, path, options };
}
