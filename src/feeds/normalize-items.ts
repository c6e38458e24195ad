import type { FeedItem } from '../domain/feed-item.js';
import { canonicalUrl } from './canonical-url.js';
import { htmlToText } from './html-to-text.js';
import { itemId } from './item-id.js';
import { parseDate } from './parse-date.js';
import type { ParsedFeed, RawFeedItem } from './parsed-feed.js';
import { stripBoilerplate } from './strip-boilerplate.js';
import { splitSentences } from '../intel/text/split-sentences.js';

/**
 * ParsedFeed → FeedItems every later stage can trust: clean text, one canonical link, a UTC
 * time that is never in the future, the feed's own tags, a language, and a stable id.
 * One FeedItem per item that has any content (an item with no title, text or link is
 * dropped). Items a publisher repeats inside one document (India Today does) get the same
 * id and are collapsed by dedup, which owns "seen before". Pure: the clock comes in as
 * `fetchedAt`, the rest from the feed and its configuration.
 */
export interface NormalizeContext {
  feedId: string;
  feedUrl: string;
  language: string | null;
  fetchedAt: Date;
}

/** Summaries longer than this are cut at a word boundary; alerts and classifiers need less. */
export const summaryMaxChars = 4000;
const titleFromSummaryChars = 140;

export function normalizeItems(feed: ParsedFeed, context: NormalizeContext): FeedItem[] {
  const fetchedAt = context.fetchedAt.getTime();
  const feedDate = parseDate(feed.updated);
  const fallbackDate = feedDate !== null && feedDate <= fetchedAt ? feedDate : fetchedAt;
  const documentUrl = documentUrlOf(feed, context.feedUrl);
  const base = (feed.link === null ? null : canonicalUrl(feed.link, documentUrl)) ?? documentUrl;
  const language = languageTag(feed.language) ?? languageTag(context.language);
  const scope: ItemScope = { context, base, language, fetchedAt, fallbackDate };
  const items: FeedItem[] = [];
  for (const raw of feed.items) {
    const item = normalizeItem(raw, scope);
    if (item !== null) items.push(item);
  }
  return items;
}

/**
 * The URL relative links resolve against: where the feed was fetched from, or, for a feed
 * read from a file or stdin, where it says it lives (its absolute self link), so
 * `sitrep parse saved.xml` resolves `/news/1` as the live feed would.
 */
function documentUrlOf(feed: ParsedFeed, feedUrl: string): string {
  if (/^https?:/i.test(feedUrl) || feed.selfLink === null) return feedUrl;
  return /^https?:\/\//i.test(feed.selfLink) ? feed.selfLink : feedUrl;
}

interface ItemScope {
  context: NormalizeContext;
  base: string;
  language: string | null;
  fetchedAt: number;
  fallbackDate: number;
}

function normalizeItem(raw: RawFeedItem, scope: ItemScope): FeedItem | null {
  const summary = summaryOf(raw);
  let title = raw.title === null ? '' : htmlToText(raw.title, { singleLine: true });
  const link = raw.link === null ? null : canonicalUrl(raw.link, scope.base);
  const guid = raw.guid?.trim() || null;
  if (title.length === 0 && summary.length === 0 && link === null) return null;
  if (title.length === 0) title = titleFromSummary(summary);
  const itemDate = parseDate(raw.date);
  const date = itemDate === null ? scope.fallbackDate : Math.min(itemDate, scope.fetchedAt);
  return {
    id: itemId({ feedId: scope.context.feedId, link: link === null ? null : withAnchor(link, raw.link), guid, title, summary }),
    feedId: scope.context.feedId,
    title,
    summary,
    link,
    guid,
    published: new Date(date).toISOString(),
    sourceTags: sourceTags(raw.categories),
    language: scope.language,
  };
}

/** Fragments that point into any page (navigation), not at one post of it. */
const navigationAnchors: ReadonlySet<string> = new Set(['top', 'main', 'content', 'main-content', 'article', 'story', 'comments', 'respond', 'more', 'start', 'page', '0']);

/**
 * The canonical link drops fragments (`#xtor=RSS-3`, `#top`, BBC's `#0`), but some blogs
 * give each post of a day's page only an anchor (`…/2002/09/29#a243`): without it their
 * posts would share one id and all but the first be taken for repeats. Such an anchor (not
 * a `key=value` tracker, not a navigation target) stays part of the item's identity; the
 * link shown keeps none.
 */
function withAnchor(canonical: string, rawLink: string | null): string {
  const hash = rawLink?.indexOf('#') ?? -1;
  if (rawLink === null || hash < 0) return canonical;
  const anchor = rawLink.slice(hash + 1).trim();
  if (anchor.length === 0 || anchor.includes('=') || navigationAnchors.has(anchor.toLowerCase())) return canonical;
  return `${canonical}#${anchor}`;
}

function summaryOf(raw: RawFeedItem): string {
  // The description is the publisher's own summary; when it is empty or only boilerplate
  // (FeedBurner sends share buttons alone), the content stands in.
  for (const html of [raw.descriptionHtml, raw.contentHtml]) {
    if (html === null || html.length === 0) continue;
    // A little beyond the clip so boilerplate at the cut cannot hide real text.
    const text = stripBoilerplate(htmlToText(html, { maxChars: summaryMaxChars + 200 }));
    if (text.length > 0) return clip(text, summaryMaxChars);
  }
  return '';
}

/**
 * A headline for an item that has none (JSON Feed `content_text` posts, RSS items with only
 * a description): its first sentence when that is short enough to read as one, else the
 * text cut at a word. "Floods displace 10,000 in Assam. More rain is due." → the first.
 */
function titleFromSummary(summary: string): string {
  const text = summary.replace(/\s+/g, ' ').trim();
  const first = splitSentences(text)[0] ?? '';
  return first.length > 0 && first.length <= titleFromSummaryChars ? first : clip(text, titleFromSummaryChars);
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max - 1);
  return `${text.slice(0, space > max / 2 ? space : max - 1).trimEnd()}…`;
}

const messySpace = /[\t\n\r\f\v\u00a0]| {2}/;

function sourceTags(categories: string[]): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const category of categories) {
    const tag =
      category.includes('&') || category.includes('<') || messySpace.test(category)
        ? htmlToText(category, { singleLine: true })
        : category.trim();
    const key = tag.toLowerCase();
    if (tag.length === 0 || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

/** `en-us`, `pt_BR`, ` EN ` → `en-US`, `pt-BR`, `en` (BCP 47 casing); nonsense → null. */
export function languageTag(raw: string | null): string | null {
  if (raw === null) return null;
  const parts = raw.trim().replace(/_/g, '-').split('-');
  const [primary, ...rest] = parts;
  if (primary === undefined || !/^[a-z]{2,3}$/i.test(primary)) return null;
  if (!rest.every((part) => /^[a-z0-9]{2,8}$/i.test(part))) return null;
  const subtags = rest.map((part) =>
    part.length === 2 ? part.toUpperCase() : part.length === 4 ? part[0]?.toUpperCase() + part.slice(1).toLowerCase() : part.toLowerCase(),
  );
  return [primary.toLowerCase(), ...subtags].join('-');
}
