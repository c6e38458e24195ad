/**
 * What parseFeed hands to normalizeItems: the feed's own words, format-neutral, before any
 * cleaning. Strings are as the publisher wrote them (HTML still HTML, dates unparsed), except
 * that links are resolved against xml:base and FeedBurner's origLink replaces its tracking link.
 */
export interface RawFeedItem {
  guid: string | null;
  link: string | null;
  title: string | null;
  descriptionHtml: string | null;
  contentHtml: string | null;
  date: string | null;
  categories: string[];
  author: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  link: string | null;
  /** Where the feed says it lives (atom:link rel="self", JSON Feed's feed_url), as written. */
  selfLink: string | null;
  language: string | null;
  updated: string | null;
  items: RawFeedItem[];
}

export type ParseOutcome =
  | { ok: true; feed: ParsedFeed }
  | {
      ok: false;
      code: 'feed/parse';
      message: string;
      channel: { title: string | null; link: string | null };
    };

/**
 * Text of an XML value as xml2js/rss-parser hand it over: a string, `{ _: text, $: attrs }`,
 * a one-element array, or (Atom xhtml) a nested element tree whose text we concatenate.
 */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length > 0 ? textOf(value[0]) : null;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record['_'] === 'string') return record['_'];
    let collected = '';
    for (const [key, child] of Object.entries(record)) {
      if (key === '$') continue;
      const children = Array.isArray(child) ? child : [child];
      for (const part of children) collected += textOf(part) ?? '';
    }
    return collected.length > 0 ? collected : null;
  }
  return null;
}

/** Trimmed text, or null when nothing but whitespace is left. */
export function trimmedText(value: unknown): string | null {
  const text = textOf(value)?.trim();
  return text !== undefined && text.length > 0 ? text : null;
}

/** An attribute from xml2js's `$` bag. */
export function attributeOf(value: unknown, name: string): string | null {
  const node = Array.isArray(value) ? value[0] : value;
  if (node === null || typeof node !== 'object') return null;
  const attributes = (node as Record<string, unknown>)['$'];
  if (attributes === null || typeof attributes !== 'object') return null;
  const attribute = (attributes as Record<string, unknown>)[name];
  return typeof attribute === 'string' ? attribute : null;
}

/**
 * Plain text (JSON Feed's content_text, Media RSS's default description) as the HTML the
 * normalizer reads: `<` and bare `&` escaped so "a<b" is not a tag, line breaks kept.
 * A reference already written (`&amp;`) stays one.
 */
export function plainTextAsHtml(text: string): string {
  return text.replace(/&(?![#a-zA-Z0-9]+;)/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>');
}
