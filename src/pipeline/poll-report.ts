import type { FeedStatus } from './feed-health.js';

/** How one feed's poll ended. */
export type FeedPollStatus =
  | 'fetched' // a document was parsed
  | 'unchanged' // 304 or the same body as last time
  | 'failed' // fetch, decode or parse failed: see `error`
  | 'paused' // auto-paused or paused by an admin; not polled
  | 'abandoned'; // shutdown aborted the poll; health untouched

export interface FeedPollReport {
  feedId: string;
  url: string;
  status: FeedPollStatus;
  httpStatus: number | null;
  /** Items in the document (null when nothing was parsed). */
  items: number | null;
  /** Items handed to onNewItems (after dedup, first-poll rule and backfill). */
  newItems: number;
  elapsedMs: number;
  error: { code: string; message: string } | null;
  /** The feed's health status after this poll. */
  health: FeedStatus;
  nextPollAt: string | null;
}

/** What `sitrep poll --once` and `sitrep feeds check` print. */
export interface PollCycleReport {
  startedAt: string;
  elapsedMs: number;
  /** HTTP fetches made (one per distinct URL among due feeds). */
  requests: number;
  newItems: number;
  feeds: FeedPollReport[];
}
