import { toLexiconAlias } from '../text/alias-schema.js';
import { compileLexicon, type LexiconAlias } from '../text/compile-lexicon.js';
import { nameUnlessOverridden, withPlural } from './place-aliases.js';
import type { PlacesConfig } from './places-schema.js';

/**
 * Compiles config/places.yaml into a tagger: text in, sorted ISO 3166-1 alpha-2
 * and ISO 3166-2 codes out ("AF", "AF-KAB"). A subdivision brings its country.
 */
export function createPlaceTagger(config: PlacesConfig): (text: string) => string[] {
  const aliases: LexiconAlias[] = [];
  const implies: Record<string, string[]> = {};
  for (const country of config.countries) {
    const specs = [
      ...nameUnlessOverridden(country.name, country.aliases),
      ...country.aliases,
      ...country.demonyms.flatMap(withPlural),
      ...country.capitals,
    ];
    for (const spec of specs) aliases.push(toLexiconAlias(country.code, spec));
  }
  for (const subdivision of config.subdivisions) {
    implies[subdivision.code] = [subdivision.code.slice(0, 2)];
    const specs = [...nameUnlessOverridden(subdivision.name, subdivision.aliases), ...subdivision.aliases];
    for (const spec of specs) aliases.push(toLexiconAlias(subdivision.code, spec));
  }
  for (const phrase of config.ignore) aliases.push({ id: null, text: phrase });
  return compileLexicon({ aliases, implies });
}
