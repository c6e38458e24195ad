import type { FeedItem } from '../domain/feed-item.js';
import type { Logger } from '../domain/logger.js';
import type { FeedFetcher, FetchResult } from '../feeds/fetch-feed.js';
import type { Store } from '../store/store.js';
import { backoffDefaults } from './backoff.js';
import type { FeedDefinition } from './feed-definition.js';
import { FeedHealthBook, isDue, newFeedHealth, type FeedHealth, type HealthPolicy } from './feed-health.js';
import { KeyedLimiter, Semaphore } from './limiter.js';
import { settleFeedGroup, type GroupContext, type GroupMember } from './poll-feed-group.js';
import type { FeedPollReport, PollCycleReport } from './poll-report.js';
import { SeenItems, seenItemsDefaults } from './seen-items.js';

export type { FeedPollReport, PollCycleReport } from './poll-report.js';

export interface PollCycleDeps {
  /** The enabled feeds. */
  feeds: readonly FeedDefinition[];
  fetcher: FeedFetcher;
  store: Store;
  clock: () => Date;
  logger: Logger;
  /** In [0, 1); injected so backoff jitter is reproducible in tests. */
  random?: () => number;
  /** Receives each feed's new items (after dedup); intel → stories → delivery hang here. */
  onNewItems: (items: FeedItem[]) => Promise<void>;
  /** Called once when a feed is auto-paused (e.g. to post a notice). */
  onFeedPaused?: (health: FeedHealth, feed: FeedDefinition) => Promise<void>;
}

export interface PollCycleOptions {
  /** Requests in flight at once, all hosts together. */
  concurrency: number;
  /** Requests in flight at once to one host. */
  perHostConcurrency: number;
  policy: HealthPolicy;
  /** How long dedup keys live (ms). */
  retentionMs: number;
  /** Poll every feed now, whatever its nextPollAt (`poll --once`, `feeds check`). */
  force?: boolean;
  /** Poll paused and disabled feeds (and `enabled: false` ones) too: `feeds check`. */
  includePaused?: boolean;
  /** Write nothing: no health, no dedup keys (items are still handed on). */
  dryRun?: boolean;
  /** Treat a feed's first poll like any other (every item is new). */
  announceFirstPoll?: boolean;
  /** Aborts waits and fetches (graceful shutdown). */
  signal?: AbortSignal;
  /**
   * Feed ids being polled right now, shared by overlapping cycles: a feed in the
   * set is skipped, and the cycle adds and removes its own.
   */
  inFlight?: Set<string>;
  onProgress?: (done: number, total: number) => void;
}

export const pollCycleDefaults = {
  concurrency: 16,
  perHostConcurrency: 2,
  retentionMs: seenItemsDefaults.retentionMs,
  policy: { backoff: { maxMs: backoffDefaults.maxMs, jitter: backoffDefaults.jitter }, pauseAfterFailures: 10 },
} as const satisfies PollCycleOptions;

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

/**
 * A feed whose configured URL changed is a new feed: validators of the old URL mean
 * nothing to the new one, and its first poll must not announce its whole backlog.
 * An admin's "disabled" survives the change.
 */
function currentHealth(feed: FeedDefinition, stored: FeedHealth | undefined): FeedHealth {
  if (!stored) return newFeedHealth(feed.id, feed.url);
  if (stored.url === feed.url) return stored;
  const fresh = newFeedHealth(feed.id, feed.url);
  return stored.status === 'disabled' ? { ...fresh, status: 'disabled', pausedReason: stored.pausedReason } : { ...fresh, itemsSeen: stored.itemsSeen };
}

/** Validators are only sent when every feed sharing the URL holds the same ones. */
function conditionalFor(members: readonly GroupMember[]): { etag: string | null; lastModified: string | null; previousBodyHash: string | null } {
  const none = { etag: null, lastModified: null, previousBodyHash: null };
  const first = members[0]?.health;
  if (!first) return none;
  const same = members.every(
    ({ health }) =>
      health.etag === first.etag &&
      health.lastModified === first.lastModified &&
      health.bodyHash === first.bodyHash,
  );
  return same ? { etag: first.etag, lastModified: first.lastModified, previousBodyHash: first.bodyHash } : none;
}

/**
 * One poll cycle: due feeds, one fetch per URL under global and per-host limits,
 * decode → parse → normalize → dedup → onNewItems. A feed's failure is recorded
 * on that feed only; the cycle itself only throws when the store does.
 */
export async function runPollCycle(deps: PollCycleDeps, options: PollCycleOptions): Promise<PollCycleReport> {
  const started = performance.now();
  const now = deps.clock();
  const healthBook = new FeedHealthBook(deps.store);
  const inFlight = options.inFlight ?? new Set<string>();
  const stored = await healthBook.getMany(deps.feeds.map((feed) => feed.id));

  const reports: FeedPollReport[] = [];
  const eligible: GroupMember[] = [];
  const dueUrls = new Set<string>();
  deps.feeds.forEach((feed, index) => {
    if (!feed.enabled && !options.includePaused) return;
    const health = currentHealth(feed, stored[index]);
    const paused = health.status === 'paused' || health.status === 'disabled';
    if (paused && !options.includePaused) {
      reports.push(pausedReport(feed, health));
      return;
    }
    if (inFlight.has(feed.id)) return;
    eligible.push({ feed, health });
    if (options.force || paused || isDue(health, now)) dueUrls.add(feed.url);
  });
  // Feeds sharing a URL ride along with the one that is due: polled apart, the first
  // would take the new ETag and the others would get 304s for items they never saw.
  // Claimed synchronously (no await since the in-flight check), so two cycles never both win.
  const claimed = eligible.filter(({ feed }) => dueUrls.has(feed.url));
  for (const { feed } of claimed) inFlight.add(feed.id);

  const groups = new Map<string, GroupMember[]>();
  for (const member of claimed) {
    const group = groups.get(member.feed.url) ?? [];
    group.push(member);
    groups.set(member.feed.url, group);
  }

  const context: GroupContext = {
    now,
    logger: deps.logger.child({ component: 'poll' }),
    health: healthBook,
    seen: new SeenItems(deps.store, { retentionMs: options.retentionMs, now: deps.clock }),
    dedupLock: new Semaphore(1),
    policy: options.policy,
    random: deps.random ?? Math.random,
    dryRun: options.dryRun ?? false,
    announceFirstPoll: options.announceFirstPoll ?? false,
    onNewItems: deps.onNewItems,
    ...(deps.onFeedPaused ? { onFeedPaused: deps.onFeedPaused } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const global = new Semaphore(options.concurrency);
  const perHost = new KeyedLimiter(options.perHostConcurrency);
  let done = 0;
  let requests = 0;

  const pollGroup = async (url: string, members: GroupMember[]): Promise<FeedPollReport[]> => {
    const groupStarted = performance.now();
    try {
      const result = await limitedFetch(url, members);
      if (result === null || options.signal?.aborted) return members.map((m) => abandonedReport(m, groupStarted));
      return await settleFeedGroup(members, result, context, groupStarted);
    } catch (error) {
      if (options.signal?.aborted) return members.map((m) => abandonedReport(m, groupStarted));
      // A store outage or a bug must not take the other feeds' polls down with it.
      context.logger.error('poll of a feed group crashed', { url, error });
      return members.map((m) => crashedReport(m, groupStarted, error));
    } finally {
      for (const { feed } of members) inFlight.delete(feed.id);
      done += members.length;
      options.onProgress?.(done, claimed.length);
    }
  };

  const limitedFetch = async (url: string, members: GroupMember[]): Promise<FetchResult | null> => {
    const signal = options.signal;
    let releaseHost: (() => void) | undefined;
    let releaseGlobal: (() => void) | undefined;
    try {
      // Host slot first: a request waiting on a busy host must not hold a global slot idle.
      releaseHost = await perHost.acquire(hostOf(url), signal);
      releaseGlobal = await global.acquire(signal);
      requests += 1;
      return await deps.fetcher({ url, ...conditionalFor(members), ...(signal ? { signal } : {}) });
    } catch (error) {
      if (signal?.aborted) return null;
      // The fetcher reports failures as values; a throw is still only this URL's failure.
      return { status: 'failed', code: 'feed/connect', message: String(error), elapsedMs: 0 };
    } finally {
      releaseGlobal?.();
      releaseHost?.();
    }
  };

  const settled = await Promise.all([...groups].map(([url, members]) => pollGroup(url, members)));
  for (const group of settled) reports.push(...group);
  const newItems = reports.reduce((sum, r) => sum + r.newItems, 0);
  return {
    startedAt: now.toISOString(),
    elapsedMs: Math.round(performance.now() - started),
    requests,
    newItems,
    feeds: reports,
  };
}

function pausedReport(feed: FeedDefinition, health: FeedHealth): FeedPollReport {
  return {
    feedId: feed.id,
    url: feed.url,
    status: 'paused',
    httpStatus: null,
    items: null,
    newItems: 0,
    elapsedMs: 0,
    error: health.lastError ? { code: health.lastError.code, message: health.lastError.message } : null,
    health: health.status,
    nextPollAt: health.nextPollAt,
  };
}

function abandonedReport({ feed, health }: GroupMember, startedAt: number): FeedPollReport {
  return {
    feedId: feed.id,
    url: feed.url,
    status: 'abandoned',
    httpStatus: null,
    items: null,
    newItems: 0,
    elapsedMs: Math.round(performance.now() - startedAt),
    error: null,
    health: health.status,
    nextPollAt: health.nextPollAt,
  };
}

function crashedReport({ feed, health }: GroupMember, startedAt: number, error: unknown): FeedPollReport {
  return {
    ...abandonedReport({ feed, health }, startedAt),
    status: 'failed',
    error: { code: 'pipeline/internal', message: String(error) },
  };
}
