import type { Logger } from '../domain/logger.js';
import type { ChatAdapter, DeliveryOutcome, MessageRef, OutboundMessage, Platform } from '../adapters/chat-adapter.js';
import { createChannelQueues, type QueuedDelivery } from './channel-queues.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import type { PlatformLimits } from './platform-limits.js';
import { createTokenBucket, type TokenBucket } from './token-bucket.js';

export interface DeliveryStats {
  delivered: number;
  reconciled: number;
  rateLimited: number;
  /** `delivery/invalid` outcomes: never retried, watched so they cannot pile up. */
  invalid: number;
  rejected: number;
  demoted: number;
  failed: number;
  errors: number;
}

export interface SendLoopDeps {
  outbox: Outbox;
  adapters: ReadonlyMap<Platform, ChatAdapter>;
  limits: Record<Platform, PlatformLimits>;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  concurrency: number;
  maxQueuePerChannel: number;
  stats: DeliveryStats;
  logger?: Logger;
  /** The message to send now (updates pick up the alert's latest ref); null = give up. */
  resolveMessage(entry: OutboxEntry): Promise<OutboundMessage | null>;
  onDelivered(entry: OutboxEntry, ref: MessageRef): Promise<void>;
  onRejected(entry: OutboxEntry, code: string, reason: string): Promise<void>;
  /** An instant alert pushed out of a full channel queue: it goes to the digest. */
  onDemoted(entry: OutboxEntry): Promise<void>;
}

export interface SendLoop {
  enqueue(entry: OutboxEntry): Promise<void>;
  /** Sends until every queue is empty, waiting out rate limits with the injected sleep. */
  flush(): Promise<void>;
  queued(): number;
  isQueued(key: string): boolean;
}

type Kind = QueuedDelivery<OutboxEntry>['kind'];

function kindOf(entry: OutboxEntry): Kind {
  const kind = entry.message.kind;
  return kind === 'update-edit' || kind === 'update-thread' ? 'update' : kind;
}

const maxRetryAfterMs = 15 * 60_000;

export function createSendLoop(deps: SendLoopDeps): SendLoop {
  const queues = createChannelQueues<OutboxEntry>(deps.maxQueuePerChannel);
  const queuedKeys = new Set<string>();
  const globalBuckets = new Map<Platform, TokenBucket>();
  const channelBuckets = new Map<string, TokenBucket>();
  const inflightChannels = new Set<string>();
  // Keys being sent right now: enqueueing one again (a recover() during a drain)
  // must not start a second send of the same entry.
  const inflightKeys = new Set<string>();
  const { stats } = deps;
  const nowMs = () => deps.clock().getTime();

  function globalBucket(platform: Platform): TokenBucket {
    let bucket = globalBuckets.get(platform);
    if (!bucket) {
      const limits = deps.limits[platform];
      bucket = createTokenBucket({ ratePerSecond: limits.globalPerSecond, burst: limits.globalBurst });
      globalBuckets.set(platform, bucket);
    }
    return bucket;
  }

  function channelBucket(channel: string, platform: Platform): TokenBucket {
    let bucket = channelBuckets.get(channel);
    if (!bucket) {
      const limits = deps.limits[platform];
      bucket = createTokenBucket({ ratePerSecond: limits.perChannelPerSecond, burst: limits.perChannelBurst });
      channelBuckets.set(channel, bucket);
    }
    return bucket;
  }

  async function enqueue(entry: OutboxEntry): Promise<void> {
    if (queuedKeys.has(entry.key) || inflightKeys.has(entry.key)) return;
    queuedKeys.add(entry.key);
    const evicted = queues.push(`${entry.platform}:${entry.channelId}`, { kind: kindOf(entry), value: entry });
    if (!evicted) return;
    queuedKeys.delete(evicted.value.key);
    if (evicted.kind === 'alert') {
      stats.demoted += 1;
      await deps.outbox.update(evicted.value, { state: 'failed', error: { code: 'delivery/demoted', reason: 'channel queue full: moved to the next digest' } });
      await deps.onDemoted(evicted.value);
    } else {
      stats.failed += 1;
      await deps.outbox.update(evicted.value, { state: 'failed', error: { code: 'delivery/overflow', reason: 'channel queue full: superseded update dropped' } });
    }
  }

  /** The next channel whose head may be sent now, or how long to wait. */
  function pick(now: number): { channel: string; entry: OutboxEntry } | { waitMs: number } {
    let wait = Number.POSITIVE_INFINITY;
    const globalWait = new Map<Platform, number>();
    for (const platform of deps.adapters.keys()) globalWait.set(platform, globalBucket(platform).waitMs(now));
    if ([...globalWait.values()].every((ms) => ms > 0)) return { waitMs: Math.min(...globalWait.values()) };

    for (const channel of queues.nextChannels()) {
      if (inflightChannels.has(channel)) continue;
      const head = queues.peek(channel);
      if (!head) continue;
      const entry = head.value;
      const platformWait = globalWait.get(entry.platform) ?? 0;
      const notBefore = entry.notBefore !== null ? entry.notBefore - now : 0;
      const channelWait = channelBucket(channel, entry.platform).waitMs(now);
      const needed = Math.max(platformWait, notBefore, channelWait);
      if (needed > 0) {
        wait = Math.min(wait, needed);
        continue;
      }
      globalBucket(entry.platform).take(now);
      channelBucket(channel, entry.platform).take(now);
      queues.shift(channel);
      return { channel, entry };
    }
    return { waitMs: wait };
  }

  async function requeueFront(channel: string, entry: OutboxEntry): Promise<void> {
    queues.unshift(channel, { kind: kindOf(entry), value: entry });
    queuedKeys.add(entry.key);
  }

  async function giveUp(entry: OutboxEntry, code: string, reason: string): Promise<void> {
    stats.failed += 1;
    deps.logger?.warn('delivery given up', { key: entry.key, code, reason, attempts: entry.attempts });
    await deps.outbox.update(entry, { state: 'failed', error: { code, reason } });
  }

  async function sendOne(channel: string, queued: OutboxEntry): Promise<void> {
    queuedKeys.delete(queued.key);
    // The stored record is the truth: it may have been refreshed (newer alert
    // content) or finished by another path (recover) since it was queued.
    const stored = await deps.outbox.get(queued.key);
    if (!stored || stored.state === 'done' || stored.state === 'failed') return;
    let entry = stored;
    const adapter = deps.adapters.get(entry.platform);
    if (!adapter) return giveUp(entry, 'delivery/unavailable', `no ${entry.platform} adapter configured`);
    const limits = deps.limits[entry.platform];

    if (entry.state === 'sending') {
      // The last attempt may have reached the platform: look before posting again.
      let ref: MessageRef | null;
      try {
        ref = await adapter.findPosted(entry.channelId, entry.key);
      } catch (error) {
        return retryLater(channel, entry, limits, `reconcile failed: ${String(error)}`);
      }
      if (ref) {
        stats.reconciled += 1;
        entry = await deps.outbox.update(entry, { state: 'done', ref, error: null, notBefore: null });
        return deps.onDelivered(entry, ref);
      }
    }
    const message = await deps.resolveMessage(entry);
    if (!message) return giveUp(entry, 'delivery/invalid', 'nothing to update: the original alert was never posted');

    entry = await deps.outbox.update(entry, { state: 'sending', attempts: entry.attempts + 1, notBefore: null });
    let outcome: DeliveryOutcome;
    try {
      outcome = await adapter.send(message);
    } catch (error) {
      stats.errors += 1;
      deps.logger?.warn('send failed, outcome unknown', { key: entry.key, error: String(error) });
      // Unknown whether the platform accepted it: the entry stays "sending" so the
      // next attempt reconciles with findPosted first.
      return retryLater(channel, entry, limits, String(error));
    }
    await applyOutcome(channel, entry, outcome, limits);
  }

  async function retryLater(channel: string, entry: OutboxEntry, limits: PlatformLimits, reason: string): Promise<void> {
    if (entry.attempts >= limits.maxAttempts) return giveUp(entry, 'delivery/unavailable', reason);
    const backoff = Math.min(60_000, 1_000 * 2 ** Math.max(0, entry.attempts - 1));
    const next = await deps.outbox.update(entry, { notBefore: nowMs() + backoff, error: { code: 'delivery/unavailable', reason } });
    await requeueFront(channel, next);
  }

  async function applyOutcome(channel: string, entry: OutboxEntry, outcome: DeliveryOutcome, limits: PlatformLimits): Promise<void> {
    if (outcome.status === 'delivered') {
      stats.delivered += 1;
      const done = await deps.outbox.update(entry, { state: 'done', ref: outcome.ref, error: null });
      return deps.onDelivered(done, outcome.ref);
    }
    if (outcome.status === 'retry-after') {
      stats.rateLimited += 1;
      deps.logger?.info('rate limited', { key: entry.key, retryAfterMs: outcome.retryAfterMs, reason: outcome.reason });
      const waitMs = Math.min(maxRetryAfterMs, Math.max(0, outcome.retryAfterMs));
      const until = nowMs() + waitMs;
      channelBucket(channel, entry.platform).pauseUntil(until);
      if (/global/i.test(outcome.reason)) globalBucket(entry.platform).pauseUntil(until);
      if (entry.attempts >= limits.maxAttempts * 2) return giveUp(entry, 'delivery/rate-limited', outcome.reason);
      const next = await deps.outbox.update(entry, {
        state: 'pending',
        notBefore: until,
        error: { code: 'delivery/rate-limited', reason: outcome.reason },
      });
      return requeueFront(channel, next);
    }
    stats.rejected += 1;
    deps.logger?.warn('delivery rejected', { key: entry.key, code: outcome.code, reason: outcome.reason });
    await deps.outbox.update(entry, { state: 'failed', error: { code: outcome.code, reason: outcome.reason } });
    if (outcome.code === 'delivery/invalid') {
      stats.invalid += 1;
      return;
    }
    // The channel is gone or closed to us: everything else queued there would be
    // rejected too (and count as invalid requests), so it fails now, unsent.
    for (const rest of queues.drain(channel)) {
      queuedKeys.delete(rest.value.key);
      await giveUp(rest.value, outcome.code, `not sent: ${outcome.reason}`);
    }
    await deps.onRejected(entry, outcome.code, outcome.reason);
  }

  let running: Promise<void> | null = null;

  /** One drain at a time; a flush during a drain waits for it, then drains what is left. */
  async function flush(): Promise<void> {
    while (running) await running;
    if (queues.total() === 0) return;
    running = drain().finally(() => {
      running = null;
    });
    return running;
  }

  async function drain(): Promise<void> {
    const inflight = new Set<Promise<void>>();
    for (;;) {
      if (inflight.size >= deps.concurrency) {
        await Promise.race(inflight);
        continue;
      }
      const next = queues.total() > 0 ? pick(nowMs()) : null;
      if (next && 'entry' in next) {
        const { channel, entry } = next;
        inflightChannels.add(channel);
        inflightKeys.add(entry.key);
        // A store failure mid-send leaves the entry pending/sending in the outbox,
        // where recover() finds it; the loop itself keeps going.
        const task: Promise<void> = sendOne(channel, entry)
          .catch((error: unknown) => {
            stats.errors += 1;
            deps.logger?.error('send loop error; the outbox keeps the entry for recover()', { key: entry.key, error: String(error) });
          })
          .finally(() => {
            inflightChannels.delete(channel);
            inflightKeys.delete(entry.key);
            inflight.delete(task);
          });
        inflight.add(task);
        continue;
      }
      if (inflight.size > 0) {
        const waitMs = next?.waitMs ?? Number.POSITIVE_INFINITY;
        await Promise.race(Number.isFinite(waitMs) ? [...inflight, deps.sleep(waitMs)] : [...inflight]);
        continue;
      }
      if (!next || !Number.isFinite(next.waitMs)) return;
      await deps.sleep(Math.max(1, next.waitMs));
    }
  }

  return { enqueue, flush, queued: () => queues.total(), isQueued: (key) => queuedKeys.has(key) || inflightKeys.has(key) };
}
