/**
 * One configured feed, as the settings schema (config/feeds.yaml) produces it.
 * Plain data: the poll cycle reads it, nothing mutates it.
 */
export interface FeedDefinition {
  /** Stable id (kebab-case), the key of the feed's health and dedup records. */
  id: string;
  url: string;
  title?: string;
  /** Outlet name shown on alerts ("UN News", "Dawn"); defaults to the id. */
  source?: string;
  intervalMinutes: number;
  /** BCP 47 tag used when the feed does not declare one. */
  language?: string;
  regionHints?: string[];
  topicHints?: string[];
  enabled: boolean;
  /** On the feed's first successful poll, announce its newest N items instead of none. */
  backfill?: number;
}
