import { z } from 'zod';
import { aliasWords, type LexiconAlias } from './compile-lexicon.js';

const words = z.array(z.string().min(1, 'expected a word or phrase')).min(1, 'expected at least one word or phrase');

const aliasObjectSchema = z
  .object({
    text: z.string().min(1, 'expected a non-empty name'),
    guard: z.literal('name', { error: 'expected "name" (skip it when it looks like part of a person\'s name)' }).optional(),
    context: words.optional(),
    unless: words.optional(),
  })
  .strict();

export type AliasSpec = string | z.output<typeof aliasObjectSchema>;

/**
 * An alias in config: a plain string, or an object when the name is ambiguous
 * and needs a guard ("Chad", "Jordan"), context words ("Georgia", "RSF") or
 * words that rule it out ("Turkey" near "Thanksgiving"). Picks the branch by
 * the value's type, so a mistake inside an object is reported where it is.
 */
export const aliasSpecSchema = z.unknown().transform((value, ctx): AliasSpec => {
  if (typeof value === 'string' && value.trim().length > 0) return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const parsed = aliasObjectSchema.safeParse(value, { reportInput: true });
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const found = 'input' in issue ? { input: issue.input } : {};
      ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message, ...found });
    }
    return z.NEVER;
  }
  ctx.addIssue({ code: 'custom', input: value, message: 'expected a name, or { text, guard?, context?, unless? }' });
  return z.NEVER;
});

export function aliasText(spec: AliasSpec): string {
  return typeof spec === 'string' ? spec : spec.text;
}

export function toLexiconAlias(id: string | null, spec: AliasSpec): LexiconAlias {
  if (typeof spec === 'string') return { id, text: spec };
  return { id, text: spec.text, guard: spec.guard, context: spec.context, unless: spec.unless };
}

/** The folded word sequence two aliases collide on ("U.N. Security Council" = "UN Security Council"). */
export function aliasKey(text: string): string | null {
  const tokens = aliasWords(text);
  return tokens ? tokens.map((token) => token.norm).join(' ') : null;
}

export interface AliasOwner {
  id: string;
  /** Where the aliases sit in the file, e.g. ['countries', 3, 'aliases']. */
  path: readonly PropertyKey[];
  aliases: readonly AliasSpec[];
}

/**
 * Reports aliases that cannot be matched (punctuation that splits phrases) and
 * plain aliases claimed by two ids, which would make tagging depend on order.
 */
export function checkAliases(
  owners: readonly AliasOwner[],
  ignore: readonly string[],
  ctx: z.RefinementCtx,
): void {
  const plainOwner = new Map<string, string>();
  owners.forEach((owner) => {
    owner.aliases.forEach((spec, index) => {
      const text = aliasText(spec);
      const key = aliasKey(text);
      const path = [...owner.path, index];
      if (key === null) {
        ctx.addIssue({ code: 'custom', path, input: text, message: 'an alias must be words without , ; : ( ) / or quotes' });
        return;
      }
      if (typeof spec !== 'string' && spec.context) return;
      const other = plainOwner.get(key);
      if (other !== undefined && other !== owner.id) {
        ctx.addIssue({
          code: 'custom',
          path,
          input: text,
          message: `also an alias of "${other}"; give one of them context words or remove one`,
        });
      } else plainOwner.set(key, owner.id);
    });
  });
  ignore.forEach((text, index) => {
    const key = aliasKey(text);
    if (key === null || plainOwner.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ignore', index],
        input: text,
        message: key === null ? 'an ignore phrase must be words without , ; : ( ) / or quotes' : `is also an alias of "${plainOwner.get(key)}"`,
      });
    }
  });
}
