/** One configured feed, as the poll cycle sees it (produced by src/settings/load-config.ts). */
export interface FeedDefinition {
  id: string;
  url: string;
  title?: string | undefined;
  /** Outlet name shown on alerts. */
  source: string;
  intervalMinutes: number;
  language?: string | undefined;
  regionHints: string[];
  topicHints: string[];
  enabled: boolean;
  /** On the first poll of a new feed, announce the newest N items instead of none. */
  backfill: number;
}
