import { type AliasSpec, aliasKey, aliasText } from '../text/alias-schema.js';

/** English adds no plural "s" to "Sudanese", "British", "Swiss", "French", "Czech". */
const noPlural = /(?:s|sh|ch|ese|x|z)$/i;

/** A demonym and, where English has one, its plural ("Afghan", "Afghans"). */
export function withPlural(spec: AliasSpec): AliasSpec[] {
  const text = aliasText(spec);
  if (noPlural.test(text) || !/\p{L}$/u.test(text)) return [spec];
  const plural = `${text}s`;
  return [spec, typeof spec === 'string' ? plural : { ...spec, text: plural }];
}

/**
 * The name is matched as written unless an alias has the same words, which
 * then decides how it matches ("Chad" with a guard, "Georgia" with context).
 */
export function nameUnlessOverridden(name: string, aliases: readonly AliasSpec[]): AliasSpec[] {
  const key = aliasKey(name);
  return aliases.some((spec) => aliasKey(aliasText(spec)) === key) ? [] : [name];
}
