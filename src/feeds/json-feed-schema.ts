import { z } from 'zod';
import { plainTextAsHtml, type ParsedFeed, type RawFeedItem } from './parsed-feed.js';

/**
 * JSON Feed 1.0/1.1 (https://www.jsonfeed.org/version/1.1/), read tolerantly: a field of the
 * wrong type counts as absent instead of failing the feed, ids may be numbers, and dates stay
 * strings here because publishers write RFC 822 where the spec says RFC 3339 (parseDate reads both).
 */
const optionalText = z.string().optional().catch(undefined);
const author = z.object({ name: optionalText }).optional().catch(undefined);

export const jsonFeedItemSchema = z.object({
  id: z.union([z.string(), z.number()]).optional().catch(undefined),
  url: optionalText,
  external_url: optionalText,
  title: optionalText,
  content_html: optionalText,
  content_text: optionalText,
  summary: optionalText,
  date_published: optionalText,
  date_modified: optionalText,
  author,
  authors: z.array(z.object({ name: optionalText }).catch({ name: undefined })).optional().catch(undefined),
  tags: z.array(z.string().catch('')).optional().catch(undefined),
});

export const jsonFeedSchema = z.object({
  version: z.string().startsWith('https://jsonfeed.org/version/'),
  title: optionalText,
  home_page_url: optionalText,
  feed_url: optionalText,
  language: optionalText,
  items: z.array(z.unknown()),
});

export type JsonFeedItem = z.infer<typeof jsonFeedItemSchema>;

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed !== undefined && trimmed.length > 0 ? trimmed : null;
}

function toRawItem(item: JsonFeedItem): RawFeedItem {
  // content_text is plain text; escaping `<` keeps htmlToText from reading "a<b" as a tag.
  const contentHtml = item.content_html ?? (item.content_text === undefined ? undefined : plainTextAsHtml(item.content_text));
  return {
    guid: item.id === undefined ? null : nonEmpty(String(item.id)),
    link: nonEmpty(item.url) ?? nonEmpty(item.external_url),
    title: item.title ?? null,
    descriptionHtml: item.summary === undefined ? null : plainTextAsHtml(item.summary),
    contentHtml: contentHtml ?? null,
    date: nonEmpty(item.date_published) ?? nonEmpty(item.date_modified),
    categories: (item.tags ?? []).filter((tag) => tag.trim().length > 0),
    author: nonEmpty(item.author?.name) ?? nonEmpty(item.authors?.[0]?.name),
  };
}

export type JsonFeedOutcome = { ok: true; feed: ParsedFeed } | { ok: false; message: string; title: string | null; link: string | null };

export function readJsonFeed(document: unknown): JsonFeedOutcome {
  const parsed = jsonFeedSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : `${issue.path.join('.') || '(root)'}: `;
    return {
      ok: false,
      message: `not a JSON Feed: ${where}${issue?.message ?? 'unexpected shape'}`,
      title: null,
      link: null,
    };
  }
  const feed = parsed.data;
  const items: RawFeedItem[] = [];
  for (const entry of feed.items) {
    const item = jsonFeedItemSchema.safeParse(entry);
    if (item.success) items.push(toRawItem(item.data));
  }
  return {
    ok: true,
    feed: {
      format: 'json',
      title: nonEmpty(feed.title),
      link: nonEmpty(feed.home_page_url),
      selfLink: nonEmpty(feed.feed_url),
      language: nonEmpty(feed.language),
      updated: null,
      items,
    },
  };
}
