import { toLexiconAlias } from '../text/alias-schema.js';
import { compileLexicon, type LexiconAlias } from '../text/compile-lexicon.js';
import type { ActorsConfig } from './actors-schema.js';

/**
 * Compiles config/actors.yaml into a tagger: text in, sorted actor ids out
 * ("nato", "taliban", "unsc"). Longest alias first, so "UN Human Rights
 * Council" is unhrc and not also the generic "un".
 */
export function createActorTagger(config: ActorsConfig): (text: string) => string[] {
  const aliases: LexiconAlias[] = [];
  const implies: Record<string, string[]> = {};
  for (const actor of config.actors) {
    if (actor.implies.length > 0) implies[actor.id] = actor.implies;
    for (const spec of actor.aliases) aliases.push(toLexiconAlias(actor.id, spec));
  }
  for (const phrase of config.ignore) aliases.push({ id: null, text: phrase });
  return compileLexicon({ aliases, implies });
}
