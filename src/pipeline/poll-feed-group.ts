import type { FeedItem } from '../domain/feed-item.js';
import type { Logger } from '../domain/logger.js';
import { decodeAndParseFeed } from '../feeds/decode-and-parse.js';
import type { FetchResult } from '../feeds/fetch-feed.js';
import { normalizeItems } from '../feeds/normalize-items.js';
import type { ParsedFeed } from '../feeds/parse-feed.js';
import type { ErrorCode } from '../domain/errors.js';
import type { FeedDefinition } from './feed-definition.js';
import { applyFailure, applySuccess, type FeedHealth, type FeedHealthBook, type HealthPolicy } from './feed-health.js';
import type { Semaphore } from './limiter.js';
import type { FeedPollReport } from './poll-report.js';
import type { SeenItems } from './seen-items.js';

/** Everything one URL's feeds need once the fetch has returned. */
export interface GroupContext {
  now: Date;
  logger: Logger;
  health: FeedHealthBook;
  seen: SeenItems;
  /** Serializes check-then-commit of dedup keys across groups (the link key is global). */
  dedupLock: Semaphore;
  policy: HealthPolicy;
  random: () => number;
  dryRun: boolean;
  announceFirstPoll: boolean;
  onNewItems: (items: FeedItem[]) => Promise<void>;
  onFeedPaused?: (health: FeedHealth, feed: FeedDefinition) => Promise<void>;
  /** Shutdown: a feed still waiting for the dedup lock gives up (and is reported abandoned). */
  signal?: AbortSignal;
}

export interface GroupMember {
  feed: FeedDefinition;
  health: FeedHealth;
}

type Failure = { code: ErrorCode; message: string; httpStatus?: number; retryAfterMs?: number };

/** Turns one fetch result into per-feed outcomes: health, dedup, hand-off. */
export async function settleFeedGroup(
  members: readonly GroupMember[],
  result: FetchResult,
  context: GroupContext,
  startedAt: number,
): Promise<FeedPollReport[]> {
  if (result.status === 'failed') {
    return Promise.all(members.map((member) => recordFailure(member, result, context, startedAt)));
  }
  if (result.status === 'unchanged') {
    return Promise.all(members.map((member) => recordUnchanged(member, result, context, startedAt)));
  }
  const parsed = await decodeAndParseFeed(result.body, result.contentType);
  if (!parsed.ok) {
    const failure = { code: parsed.code, message: parsed.message, httpStatus: result.httpStatus };
    return Promise.all(members.map((member) => recordFailure(member, failure, context, startedAt)));
  }
  const reports: FeedPollReport[] = [];
  // One member at a time: a link shared by two feeds of the group is announced once.
  for (const member of members) reports.push(await settleDocument(member, parsed.feed, result, context, startedAt));
  return reports;
}

function intervalMs(feed: FeedDefinition): number {
  return feed.intervalMinutes * 60_000;
}

function report(member: GroupMember, after: FeedHealth, startedAt: number, fields: Partial<FeedPollReport>): FeedPollReport {
  return {
    feedId: member.feed.id,
    url: member.feed.url,
    status: 'fetched',
    httpStatus: null,
    items: null,
    newItems: 0,
    elapsedMs: Math.round(performance.now() - startedAt),
    error: null,
    health: after.status,
    nextPollAt: after.nextPollAt,
    ...fields,
  };
}

async function save(health: FeedHealth, context: GroupContext): Promise<void> {
  if (!context.dryRun) await context.health.put(health);
}

async function recordFailure(
  member: GroupMember,
  failure: Failure,
  context: GroupContext,
  startedAt: number,
): Promise<FeedPollReport> {
  const { feed, health } = member;
  const after = applyFailure(
    health,
    { now: context.now, intervalMs: intervalMs(feed), random: context.random, ...failure },
    context.policy,
  );
  await save(after, context);
  const log = context.logger.child({ feedId: feed.id, url: feed.url });
  log.warn('feed poll failed', {
    code: failure.code,
    error: failure.message,
    httpStatus: failure.httpStatus,
    consecutiveFailures: after.consecutiveFailures,
    nextPollAt: after.nextPollAt,
  });
  if (after.status === 'paused' && health.status !== 'paused') {
    log.warn('feed auto-paused', { reason: after.pausedReason });
    if (!context.dryRun) await context.onFeedPaused?.(after, feed);
  }
  return report(member, after, startedAt, {
    status: 'failed',
    httpStatus: failure.httpStatus ?? null,
    error: { code: failure.code, message: failure.message },
  });
}

async function recordUnchanged(
  member: GroupMember,
  result: Extract<FetchResult, { status: 'unchanged' }>,
  context: GroupContext,
  startedAt: number,
): Promise<FeedPollReport> {
  const { feed, health } = member;
  const after = applySuccess(health, {
    now: context.now,
    intervalMs: intervalMs(feed),
    newlySeen: 0,
    // A 304 may omit validators; the ones we sent are still the current ones.
    etag: result.etag ?? health.etag,
    lastModified: result.lastModified ?? health.lastModified,
    bodyHash: result.bodyHash ?? health.bodyHash,
  });
  await save(after, context);
  return report(member, after, startedAt, { status: 'unchanged', httpStatus: result.httpStatus });
}

/** Newest first by published time; items without a parsable time sort last. */
function newest(items: readonly FeedItem[], count: number): FeedItem[] {
  const time = (item: FeedItem): number => Date.parse(item.published) || 0;
  return [...items].sort((a, b) => time(b) - time(a)).slice(0, Math.max(0, count));
}

async function settleDocument(
  member: GroupMember,
  document: ParsedFeed,
  result: Extract<FetchResult, { status: 'fetched' }>,
  context: GroupContext,
  startedAt: number,
): Promise<FeedPollReport> {
  const { feed, health } = member;
  let items: FeedItem[];
  try {
    items = normalizeItems(document, {
      feedId: feed.id,
      feedUrl: result.finalUrl,
      language: feed.language ?? null,
      fetchedAt: context.now,
    });
  } catch (error) {
    return recordFailure(member, { code: 'feed/parse', message: `cannot normalize: ${String(error)}` }, context, startedAt);
  }

  const firstPoll = health.lastSuccessAt === null && !context.announceFirstPoll;
  const log = context.logger.child({ feedId: feed.id });
  let unseen: FeedItem[] = [];
  let announced: FeedItem[] = [];
  let handoffError: string | null = null;
  // Hand items on before remembering them as seen: a crash in between re-offers them next
  // poll (the item processor is idempotent), while the other order would lose them. The
  // lock also keeps one cycle's hand-offs in sequence, so the clusterer sees one feed at a time.
  const release = await context.dedupLock.acquire(context.signal);
  try {
    const check = await context.seen.check(feed.id, items);
    unseen = check.unseen;
    // First poll: remember everything, announce only the newest `backfill` (default none).
    announced = firstPoll ? newest(unseen, feed.backfill ?? 0) : unseen;
    if (announced.length > 0) {
      try {
        await context.onNewItems(announced);
      } catch (error) {
        handoffError = String(error);
        log.error('new items were not handed on; they will be offered again next poll', { error, items: announced.length });
      }
    }
    if (!context.dryRun) {
      await context.seen.commit(check);
      // Items the hand-off never took stay unseen; the ones the first poll only remembers stay seen.
      if (handoffError !== null) await context.seen.forget(feed.id, announced);
    }
  } finally {
    release();
  }

  const after = applySuccess(health, {
    now: context.now,
    intervalMs: intervalMs(feed),
    itemCount: items.length,
    newlySeen: unseen.length,
    // After a failed hand-off, keep the old validators so the next poll re-reads the body.
    etag: handoffError ? health.etag : result.etag,
    lastModified: handoffError ? health.lastModified : result.lastModified,
    bodyHash: handoffError ? health.bodyHash : result.bodyHash,
  });
  await save(after, context);
  if (firstPoll) log.info('first poll: items remembered', { items: items.length, announced: announced.length });
  return report(member, after, startedAt, {
    status: 'fetched',
    httpStatus: result.httpStatus,
    items: items.length,
    newItems: handoffError ? 0 : announced.length,
    error: handoffError ? { code: 'pipeline/hand-off', message: handoffError } : null,
  });
}
