import Parser from 'rss-parser';
import { attributeOf, plainTextAsHtml, textOf, trimmedText, type ParsedFeed, type RawFeedItem } from './parsed-feed.js';
import { RawItemMarkup } from './raw-item-markup.js';
import type { XmlEnvelope } from './xml-envelope.js';

/**
 * RSS 0.9x/2.0, RDF and Atom through rss-parser's parseString, mapped to our ParsedFeed.
 * rss-parser keeps only the fields it knows, so custom fields pull in the rest: every guid
 * with its isPermaLink, categories with their attributes, dc:subject, FeedBurner's and Pheedo's origLink,
 * item attributes (xml:base) and Atom's raw dates.
 *
 * Atom's <published>/<updated> are renamed before rss-parser sees them: it feeds them to
 * `new Date(…).toISOString()` unguarded, so one unreadable date would reject the whole feed.
 */
type Fields = Record<string, unknown>;

const atomDateTags: Record<string, string> = { published: 'sitrepPublished', updated: 'sitrepUpdated' };

function renameAtomDates(name: string): string {
  return atomDateTags[name] ?? name;
}

function createParser(atom: boolean): Parser<Fields, Fields> {
  return new Parser<Fields, Fields>({
    // A document whose <rss> has no version attribute is read as RSS 2.0.
    defaultRSS: 2,
    // Renaming costs a call per element, so only Atom documents pay it.
    xml2js: atom ? { tagNameProcessors: [renameAtomDates] } : {},
    customFields: {
      // rss-parser maps [from, to] pairs for feed fields at run time, but its typings only
      // admit plain keys there, hence the cast.
      feed: [
        'sitrepUpdated',
        ['dc:date', 'sitrepDcDate'],
        ['dc:language', 'sitrepDcLanguage'],
        // Atom's own links, and atom:link inside an RSS channel (the prefix made `atom`).
        ['link', 'sitrepFeedLinks', { keepArray: true }],
        ['atom:link', 'sitrepAtomLinks', { keepArray: true }],
      ] as unknown as (keyof Fields)[],
      item: [
        ['guid', 'sitrepGuids', { keepArray: true }],
        ['category', 'sitrepCategories', { keepArray: true }],
        ['dc:subject', 'sitrepSubjects', { keepArray: true }],
        ['feedburner:origLink', 'sitrepOrigLink'],
        // Pheedo, FeedBurner's rival in the 2010s, kept the original link the same way.
        ['pheedo:origLink', 'sitrepPheedoOrigLink'],
        ['sitrepPublished', 'sitrepPublished'],
        ['sitrepUpdated', 'sitrepUpdated'],
        ['$', 'sitrepAttributes', { keepArray: true }],
        ['description', 'sitrepDescription', { keepArray: true }],
        ['title', 'sitrepTitle', { keepArray: true }],
        ['summary', 'sitrepSummary', { keepArray: true }],
        ['content', 'sitrepContent', { keepArray: true }],
        ['link', 'sitrepLinks', { keepArray: true }],
        ['media:group', 'sitrepMediaGroup'],
        ['media:description', 'sitrepMediaDescription', { keepArray: true }],
        // RSS items dated only the Atom way (xml-namespaces.ts makes the prefix `atom`).
        ['atom:published', 'sitrepAtomPublished'],
        ['atom:updated', 'sitrepAtomUpdated'],
      ],
    },
  });
}

export async function parseXmlFeed(text: string, envelope: XmlEnvelope): Promise<ParsedFeed> {
  // A fresh parser per document: xml2js keeps state that an aborted parse can leave behind.
  const format = formatOf(envelope.rootName);
  const output = (await createParser(format === 'atom').parseString(text)) as unknown as Fields & { items: Fields[] };
  const feedBase = envelope.base;
  const markup = new RawItemMarkup(text, format === 'atom' ? 'entry' : 'item');
  const items = output.items.map((item, index) => {
    const source: MixedContentSource = { markup, index };
    return format === 'atom' ? atomItem(item, feedBase, source) : rssItem(item, feedBase, source);
  });
  return {
    format,
    title: trimmedText(output['title']),
    link: (format === 'atom' ? alternateLink(output['sitrepFeedLinks']) : null) ?? trimmedText(output['link']),
    selfLink: selfLink(format === 'atom' ? output['sitrepFeedLinks'] : output['sitrepAtomLinks']),
    language: trimmedText(output['language']) ?? trimmedText(output['sitrepDcLanguage']) ?? envelope.lang,
    updated:
      trimmedText(output['sitrepUpdated']) ??
      trimmedText(output['lastBuildDate']) ??
      trimmedText(output['pubDate']) ??
      trimmedText(output['sitrepDcDate']),
    items,
  };
}

export function formatOf(rootName: string): 'rss' | 'atom' | 'rdf' {
  if (rootName === 'feed') return 'atom';
  if (rootName === 'rss') return 'rss';
  return 'rdf';
}

interface MixedContentSource {
  markup: RawItemMarkup;
  index: number;
}

function hasElementChildren(node: unknown): boolean {
  const first = Array.isArray(node) ? node[0] : node;
  if (first === null || typeof first !== 'object') return false;
  for (const key of Object.keys(first)) if (key !== '_' && key !== '$') return true;
  return false;
}

/** The element's text as rss-parser read it, or its source markup when that lost the order. */
function markupOf(item: Fields, rawKey: string, parsed: unknown, element: string, source: MixedContentSource): string | null {
  if (hasElementChildren(item[rawKey])) {
    const inner = source.markup.innerOf(source.index, element);
    if (inner !== null) return inner;
  }
  return textOf(parsed);
}

function itemBase(item: Fields, feedBase: string | null): string | null {
  const attributes = item['sitrepAttributes'];
  const own =
    attributes !== null && typeof attributes === 'object'
      ? (attributes as Record<string, unknown>)['xml:base']
      : undefined;
  if (typeof own !== 'string') return feedBase;
  return resolve(own, feedBase) ?? own;
}

const hasScheme = /^[a-z][a-z0-9+.-]*:/i;

function resolve(link: string, base: string | null): string | null {
  if (base === null || hasScheme.test(link)) return link;
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
}

function categories(item: Fields): string[] {
  const found: string[] = [];
  for (const key of ['sitrepCategories', 'sitrepSubjects']) {
    const list = item[key];
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      // RSS: text content (the domain attribute names the taxonomy, not the tag).
      // Atom: label, else term.
      const text =
        trimmedText(typeof entry === 'string' ? entry : (entry as Fields)['_']) ??
        attributeOf(entry, 'label') ??
        attributeOf(entry, 'term');
      if (text !== null && text.trim().length > 0) found.push(text);
    }
  }
  return found;
}

function rssItem(item: Fields, feedBase: string | null, source: MixedContentSource): RawFeedItem {
  const guids = item['sitrepGuids'];
  // Some feeds repeat <guid>; the first one is the item's identity.
  const firstGuid = Array.isArray(guids) ? guids[0] : undefined;
  const guid = trimmedText(firstGuid);
  const permalink = attributeOf(firstGuid, 'isPermaLink') !== 'false';
  const base = itemBase(item, feedBase);
  let link = trimmedText(item['sitrepOrigLink']) ?? trimmedText(item['sitrepPheedoOrigLink']) ?? trimmedText(item['link']);
  if (link === null && guid !== null && permalink && /^https?:\/\//i.test(guid)) link = guid;
  return {
    guid,
    link: link === null ? null : resolve(link, base),
    title: markupOf(item, 'sitrepTitle', item['title'], 'title', source),
    descriptionHtml: orMediaDescription(markupOf(item, 'sitrepDescription', item['content'], 'description', source), item),
    contentHtml: textOf(item['content:encoded']),
    date: trimmedText(item['pubDate']) ?? trimmedText(item['date']) ?? trimmedText(item['sitrepAtomPublished']) ?? trimmedText(item['sitrepAtomUpdated']),
    categories: categories(item),
    author: trimmedText(item['creator']) ?? trimmedText(item['author']),
  };
}

/**
 * Media RSS's description (YouTube puts it in <media:group>), for items that have no other
 * text. It is plain text by default, so it is escaped to read as text, not markup.
 */
function mediaDescription(item: Fields): string | null {
  const group = item['sitrepMediaGroup'];
  const node = item['sitrepMediaDescription'] ?? (group !== null && typeof group === 'object' ? (group as Fields)['media:description'] : undefined);
  const text = trimmedText(node);
  if (text === null) return null;
  if (attributeOf(node, 'type') === 'html') return text;
  return plainTextAsHtml(text);
}

function orMediaDescription(description: string | null, item: Fields): string | null {
  return description !== null && description.trim() !== '' ? description : (mediaDescription(item) ?? description);
}

interface LinkElement {
  href: string;
  rel: string;
  type: string | null;
}

function linkElements(links: unknown): LinkElement[] {
  if (!Array.isArray(links)) return [];
  return links
    .map((link: unknown) => ({ href: attributeOf(link, 'href')?.trim() ?? '', rel: attributeOf(link, 'rel') ?? 'alternate', type: attributeOf(link, 'type') }))
    .filter((link) => link.href !== '');
}

/**
 * The page an Atom feed or entry stands for: its first `alternate` link (a link without
 * `rel` is one), an HTML one when there is a choice. rss-parser takes the first link of
 * any kind, which for some feeds is a `related` image, the `replies` thread or `self`.
 */
function alternateLink(links: unknown): string | null {
  const alternates = linkElements(links).filter((link) => link.rel === 'alternate');
  return (alternates.find((link) => link.type === null || link.type.includes('html')) ?? alternates[0])?.href ?? null;
}

function selfLink(links: unknown): string | null {
  return linkElements(links).find((link) => link.rel === 'self')?.href ?? null;
}

function atomItem(item: Fields, feedBase: string | null, source: MixedContentSource): RawFeedItem {
  const base = itemBase(item, feedBase);
  const link = trimmedText(item['sitrepOrigLink']) ?? alternateLink(item['sitrepLinks']) ?? trimmedText(item['link']);
  return {
    guid: trimmedText(item['id']),
    link: link === null ? null : resolve(link, base),
    title: markupOf(item, 'sitrepTitle', item['title'], 'title', source),
    descriptionHtml: orMediaDescription(markupOf(item, 'sitrepSummary', item['summary'], 'summary', source), item),
    contentHtml: markupOf(item, 'sitrepContent', item['content'], 'content', source),
    date: trimmedText(item['sitrepPublished']) ?? trimmedText(item['sitrepUpdated']),
    categories: categories(item),
    author: trimmedText(item['author']),
  };
}
