/**
 * A news item after fetch → parse → normalize: plain data, no HTML, times in UTC.
 * Every later stage (intel, clustering, routing, delivery) starts from this shape.
 */
export interface FeedItem {
  /** Stable id derived from the item's strongest dedup key (see src/pipeline/dedup). */
  id: string;
  /** Id of the configured feed the item came from. */
  feedId: string;
  /** Clean, trimmed headline text. */
  title: string;
  /** Clean text of the item's description (or its content when there is no description). */
  summary: string;
  /** Canonical absolute link (tracking parameters and fragments removed), or null. */
  link: string | null;
  /** The publisher's guid as given, or null when the item has none. */
  guid: string | null;
  /** Published time, ISO 8601 in UTC (item date → feed date → fetch time, future dates clamped). */
  published: string;
  /** The feed's own categories/tags for the item (NYT subjects, Guardian sections …). */
  sourceTags: string[];
  /** BCP 47 language tag from the feed or config, or null when unknown. */
  language: string | null;
}

/** What `sitrep parse --json` and `sitrep poll --once --json` print, one object per item. */
export function toPublicItem(item: FeedItem): Omit<FeedItem, 'guid'> {
  return {
    id: item.id,
    feedId: item.feedId,
    title: item.title,
    summary: item.summary,
    link: item.link,
    published: item.published,
    sourceTags: item.sourceTags,
    language: item.language,
  };
}
