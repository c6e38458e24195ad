import { z } from 'zod';
import type { ErrorCode } from '../domain/errors.js';
import type { Collection, Store } from '../store/store.js';
import { backoffDelayMs, type BackoffPolicy } from './backoff.js';

export const feedStatuses = ['ok', 'failing', 'paused', 'disabled'] as const;
export type FeedStatus = (typeof feedStatuses)[number];

/** What the store keeps per feed; read back through this schema. */
export const feedHealthSchema = z.object({
  feedId: z.string(),
  url: z.string(),
  status: z.enum(feedStatuses),
  lastAttemptAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z
    .object({ code: z.string(), message: z.string(), at: z.string(), httpStatus: z.number().int().nullable() })
    .nullable(),
  consecutiveFailures: z.number().int().nonnegative(),
  /** Items seen over the feed's life (first poll included). */
  itemsSeen: z.number().int().nonnegative(),
  lastItemCount: z.number().int().nonnegative(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  bodyHash: z.string().nullable(),
  /** When the feed is next due; null = due now. */
  nextPollAt: z.string().nullable(),
  pausedReason: z.string().nullable(),
});
export type FeedHealth = z.output<typeof feedHealthSchema>;

export interface HealthPolicy {
  /** Backoff after failures; `baseMs` defaults to the feed's own interval. */
  backoff: Omit<BackoffPolicy, 'baseMs'> & { baseMs?: number };
  /** Consecutive failures after which a feed is paused until resumed (0 = never). */
  pauseAfterFailures: number;
}

export function newFeedHealth(feedId: string, url: string): FeedHealth {
  return {
    feedId,
    url,
    status: 'ok',
    lastAttemptAt: null,
    lastSuccessAt: null,
    lastError: null,
    consecutiveFailures: 0,
    itemsSeen: 0,
    lastItemCount: 0,
    etag: null,
    lastModified: null,
    bodyHash: null,
    nextPollAt: null,
    pausedReason: null,
  };
}

export interface SuccessInput {
  now: Date;
  intervalMs: number;
  /** Items in the document; undefined when the body was unchanged (count kept). */
  itemCount?: number;
  newlySeen: number;
  etag: string | null;
  lastModified: string | null;
  bodyHash: string | null;
}

/** A poll that produced a usable document (or a 304): failures are forgiven. */
export function applySuccess(health: FeedHealth, input: SuccessInput): FeedHealth {
  const at = input.now.toISOString();
  return {
    ...health,
    status: health.status === 'disabled' ? 'disabled' : 'ok',
    lastAttemptAt: at,
    lastSuccessAt: at,
    consecutiveFailures: 0,
    itemsSeen: health.itemsSeen + input.newlySeen,
    lastItemCount: input.itemCount ?? health.lastItemCount,
    etag: input.etag,
    lastModified: input.lastModified,
    bodyHash: input.bodyHash,
    nextPollAt: new Date(input.now.getTime() + input.intervalMs).toISOString(),
    pausedReason: null,
  };
}

export interface FailureInput {
  now: Date;
  intervalMs: number;
  code: ErrorCode;
  message: string;
  httpStatus?: number;
  retryAfterMs?: number;
  random: () => number;
}

/** A failed poll: backoff grows, and after N in a row the feed is paused. */
export function applyFailure(health: FeedHealth, input: FailureInput, policy: HealthPolicy): FeedHealth {
  const failures = health.consecutiveFailures + 1;
  const at = input.now.toISOString();
  const delay = backoffDelayMs(
    failures,
    { ...policy.backoff, baseMs: policy.backoff.baseMs ?? input.intervalMs },
    input.random,
    input.retryAfterMs,
  );
  const pause = policy.pauseAfterFailures > 0 && failures >= policy.pauseAfterFailures;
  return {
    ...health,
    status: health.status === 'disabled' ? 'disabled' : pause ? 'paused' : 'failing',
    lastAttemptAt: at,
    lastError: { code: input.code, message: input.message, at, httpStatus: input.httpStatus ?? null },
    consecutiveFailures: failures,
    nextPollAt: new Date(input.now.getTime() + delay).toISOString(),
    pausedReason: pause ? `${failures} consecutive failures, last: ${input.code}` : health.pausedReason,
  };
}

/** Due = not paused/disabled and its next poll time has come. */
export function isDue(health: FeedHealth | undefined, now: Date): boolean {
  if (!health) return true;
  if (health.status === 'paused' || health.status === 'disabled') return false;
  return health.nextPollAt === null || Date.parse(health.nextPollAt) <= now.getTime();
}

/** The store-backed health records, one per feed id. */
export class FeedHealthBook {
  private readonly records: Collection<FeedHealth>;

  constructor(store: Store) {
    this.records = store.collection('feed-health', feedHealthSchema);
  }

  async get(feedId: string): Promise<FeedHealth | undefined> {
    return this.records.get(feedId);
  }

  async getMany(feedIds: readonly string[]): Promise<(FeedHealth | undefined)[]> {
    return this.records.getMany(feedIds);
  }

  async all(): Promise<FeedHealth[]> {
    const out: FeedHealth[] = [];
    for await (const [, health] of this.records.entries()) out.push(health);
    return out;
  }

  async put(health: FeedHealth): Promise<void> {
    await this.records.set(health.feedId, health);
  }

  /** Admin resume: clears failures and makes the feed due at once. */
  async resume(feedId: string, url: string): Promise<FeedHealth> {
    const current = (await this.records.get(feedId)) ?? newFeedHealth(feedId, url);
    const resumed: FeedHealth = { ...current, status: 'ok', consecutiveFailures: 0, nextPollAt: null, pausedReason: null };
    await this.records.set(feedId, resumed);
    return resumed;
  }

  /** Admin pause (or disable): the feed is skipped until resumed. */
  async pause(feedId: string, url: string, reason: string, status: 'paused' | 'disabled' = 'paused'): Promise<FeedHealth> {
    const current = (await this.records.get(feedId)) ?? newFeedHealth(feedId, url);
    const paused: FeedHealth = { ...current, status, pausedReason: reason };
    await this.records.set(feedId, paused);
    return paused;
  }
}
