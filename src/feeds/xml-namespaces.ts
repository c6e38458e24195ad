/**
 * Namespaces are named by URI, not by prefix, but rss-parser (through xml2js) matches
 * element names literally: `<dc:date>` is read, `<dcterms2:date>` bound to the same Dublin
 * Core URI is not, and an Atom feed written as `<a:feed xmlns:a="…/Atom">` is not Atom at
 * all to it. Before parsing, the prefixes of the namespaces Sitrep reads are rewritten to
 * the ones the parser expects. Most feeds already use them and are returned unchanged.
 */

/** The prefix the parser expects for each namespace it reads ('' = unprefixed). */
const expectedPrefixes: ReadonlyMap<string, string> = new Map([
  ['http://purl.org/dc/elements/1.1/', 'dc'],
  ['http://purl.org/rss/1.0/modules/content/', 'content'],
  ['http://rssnamespace.org/feedburner/ext/1.0', 'feedburner'],
  ['http://www.pheedo.com/namespace/pheedo', 'pheedo'],
  ['http://www.w3.org/1999/02/22-rdf-syntax-ns#', 'rdf'],
  ['http://purl.org/rss/1.0/', ''],
]);
const atomNamespace = 'http://www.w3.org/2005/Atom';

const declaration = /\sxmlns:([A-Za-z_][\w.-]*)\s*=\s*(["'])(.*?)\2/g;

/**
 * The prefixes the document declares, with their namespace URIs. Declarations on inner
 * elements count too (an entry may declare its own prefix for Atom); a prefix bound to
 * different URIs in different places maps to null and is never renamed.
 */
function declaredPrefixes(xml: string): Map<string, string | null> {
  const prefixes = new Map<string, string | null>();
  if (!xml.includes('xmlns:')) return prefixes;
  for (const match of xml.matchAll(declaration)) {
    const prefix = match[1] ?? '';
    const uri = (match[3] ?? '').trim();
    const known = prefixes.get(prefix);
    prefixes.set(prefix, known === undefined || known === uri ? uri : null);
  }
  return prefixes;
}

/**
 * Prefix renames the document needs: from its own prefix to the expected one. In an Atom
 * document Atom's own elements lose their prefix (`<a:feed>` → `<feed>`); in RSS the Atom
 * namespace is `atom` (`<a10:updated>` → `<atom:updated>`).
 */
export function prefixRenames(rootName: string, xml: string): Map<string, string> {
  const declared = declaredPrefixes(xml);
  const atomRoot = rootName === 'feed' || rootName.endsWith(':feed');
  const renames = new Map<string, string>();
  for (const [prefix, uri] of declared) {
    if (uri === null) continue;
    const expected = uri === atomNamespace ? (atomRoot ? '' : 'atom') : expectedPrefixes.get(uri);
    if (expected === undefined || expected === prefix) continue;
    // Another namespace already uses the expected prefix: renaming would merge the two.
    if (expected !== '' && declared.has(expected) && declared.get(expected) !== uri) continue;
    renames.set(prefix, expected);
  }
  return renames;
}

const literalSection = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;

/** The document with element prefixes renamed (`<a:entry>` → `<entry>`), CDATA and comments untouched. */
export function renamePrefixes(xml: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0) return xml;
  const alternatives = [...renames.keys()].map((prefix) => prefix.replace(/[.-]/g, '\\$&')).join('|');
  const tag = new RegExp(`${literalSection.source}|<(/?)(${alternatives}):(?=[A-Za-z_])`, 'g');
  return xml.replace(tag, (match: string, slash: string | undefined, prefix: string | undefined) => {
    if (prefix === undefined) return match;
    const expected = renames.get(prefix) ?? prefix;
    return `<${slash ?? ''}${expected === '' ? '' : `${expected}:`}`;
  });
}
