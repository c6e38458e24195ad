import { z } from 'zod';
import { clockTimeSchema, regionCodeSchema, timeZoneSchema } from '../domain/subscription.js';

export type RawOptions = Record<string, string | number | boolean>;

/**
 * Option schemas with the expectation in words: a failed option reads
 * `min_confidence: expected a number between 0 and 1, got "2"`.
 */
const toNumber = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value);
const toList = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(/[,\s]+/)
        .map((part) => part.trim())
        .filter((part) => part.length > 0)
    : value;

export function numberBetween(min: number, max: number) {
  const error = `expected a number between ${min} and ${max}`;
  return z.preprocess(toNumber, z.number({ error }).min(min, { error }).max(max, { error }));
}

export function integerBetween(min: number, max: number) {
  const error = `expected a whole number between ${min} and ${max}`;
  return z.preprocess(toNumber, z.number({ error }).int({ error }).min(min, { error }).max(max, { error }));
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const error = `expected one of ${values.join(', ')}`;
  return z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(values, { error }));
}

export const text = (what: string, max = 500) =>
  z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : v),
    z.string({ error: `expected ${what}` }).min(1, { error: `expected ${what}` }).max(max, { error: `expected ${what} of at most ${max} characters` }),
  );

export const topicList = z.preprocess(
  toList,
  z
    .array(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, { error: 'expected topic ids separated by commas, e.g. security,diplomacy' }), {
      error: 'expected topic ids separated by commas, e.g. security,diplomacy',
    })
    .min(1, { error: 'expected at least one topic id, e.g. security,diplomacy' }),
);

export const regionList = z.preprocess(
  (v) => (Array.isArray(toList(v)) ? (toList(v) as string[]).map((r) => r.toUpperCase()) : v),
  z.array(regionCodeSchema, { error: 'expected ISO codes separated by commas, e.g. AF,PK or AF-KAB' }),
);

export const clockTime = z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), clockTimeSchema);

export const timeZone = z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), timeZoneSchema);

export const quietHours = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const match = /^\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$/.exec(v);
    if (!match) return v;
    const pad = (t: string) => t.padStart(5, '0');
    return { start: pad(match[1] ?? ''), end: pad(match[2] ?? '') };
  },
  z.object(
    { start: clockTimeSchema, end: clockTimeSchema },
    { error: 'expected a local time range HH:MM-HH:MM, e.g. 22:00-07:00' },
  ),
);

export const httpUrl = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().replace(/^<|>$/g, '') : v),
  z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
);

export const flag = z.preprocess((v) => {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|yes|1|on)$/i.test(v.trim())) return true;
  if (typeof v === 'string' && /^(false|no|0|off)$/i.test(v.trim())) return false;
  return v;
}, z.boolean({ error: 'expected true or false' }));

export type OptionsResult<T> = { ok: true; value: T } | { ok: false; message: string };

function shown(value: unknown): string {
  if (value === undefined) return '';
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * Validates named options against a zod object whose keys are the option names.
 * Unknown options are errors too: a typo must not be silently ignored.
 */
export function parseOptions<S extends z.ZodObject>(schema: S, raw: RawOptions, command: string): OptionsResult<z.output<S>> {
  const known = Object.keys(schema.shape);
  const unknown = Object.keys(raw).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    const list = known.length > 0 ? known.join(', ') : 'none';
    return { ok: false, message: `${unknown[0]}: unknown option for /sitrep ${command}; options: ${list}` };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const messages = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? command);
    const value = raw[name];
    if (value === undefined) return `${name}: required (${issue.message.replace(/^Invalid input: /, '')})`;
    return `${name}: ${issue.message}, got "${shown(value)}"`;
  });
  return { ok: false, message: [...new Set(messages)].join('\n') };
}
