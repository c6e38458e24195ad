import type { ChatAdapter, MessageRef, OutboundMessage, Platform } from '../adapters/chat-adapter.js';
import type { Logger } from '../domain/logger.js';
import type { Story, StoryEvent } from '../domain/story.js';
import { channelKey, type Subscription } from '../domain/subscription.js';
import type { Store } from '../store/store.js';
import { createAdminNotices, type AdminNotices } from './admin-notices.js';
import { digestQueueKey, openDeliveryRecords, type DigestQueueEntry } from './delivery-records.js';
import { noticeFeedHealth, recordFeedChannels, type FeedHealthRecord } from './feed-health-notices.js';
import { alertKey, createOutbox, pendingEntry, updateKey, type Outbox, type OutboxEntry } from './outbox.js';
import { resolveLimits, type PlatformLimits } from './platform-limits.js';
import { routeStoryEvent, type RouteContext, type RoutedDelivery } from './route-story-event.js';
import { digestRecordRetentionMs, scheduleDueDigests } from './schedule-digests.js';
import { createDeliveryHooks } from './delivery-hooks.js';
import { createNoiseBudget } from './noise-budget.js';
import { createSendLoop, type DeliveryStats } from './send-loop.js';
import { storyToAlert, type TopicLabeler } from './story-to-alert.js';
import type { SubscriptionRepo } from './subscription-repo.js';

export interface DeliveryEngineDeps {
  store: Store;
  /** Shared with the command core so both see the same subscriptions. */
  subscriptions: SubscriptionRepo;
  adapters: readonly ChatAdapter[];
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  topicLabel?: TopicLabeler;
  limits?: Partial<Record<Platform, Partial<PlatformLimits>>>;
  /** Bound of each channel's queue; overflowing instant alerts go to the digest. Default 50. */
  maxQueuePerChannel?: number;
  /** Sends in flight at once (never two in one channel). Default 4. */
  concurrency?: number;
  mention?: RouteContext['mention'];
  /** A channel depends on a feed when it received the feed's items within this window. Default 7 days. */
  feedDependencyWindowMs?: number;
  adminNotices?: AdminNotices;
  logger?: Logger;
}

export interface RouteSummary {
  instant: number;
  updates: number;
  digested: number;
  deliveries: RoutedDelivery[];
}

export interface ChannelStoryStatus {
  alert: OutboxEntry | undefined;
  digest: DigestQueueEntry | undefined;
  /** Set when the story already went out in one of this channel's digests. */
  digested: { digestId: string; at: string } | undefined;
}

export interface DeliveryEngine {
  /** Routes a story event and writes its deliveries to the outbox (no platform call). */
  handleStoryEvent(event: StoryEvent): Promise<RouteSummary>;
  /** Sends everything queued, honouring rate limits and retry-after. */
  flush(): Promise<void>;
  /** On start: reconciles entries left "sending" via findPosted and re-queues open ones. */
  recover(): Promise<{ reconciled: number; requeued: number }>;
  /** Writes due digests to the outbox; call flush() after. */
  tick(now?: Date): Promise<{ digests: number }>;
  /** Writes feed-health notices (one per failure streak per dependent channel). */
  handleFeedHealth(health: readonly FeedHealthRecord[]): Promise<number>;
  channelStoryStatus(platform: Platform, channelId: string, storyId: string): Promise<ChannelStoryStatus>;
  sentLastHour(platform: Platform, channelId: string): Promise<number>;
  stats(): DeliveryStats & { queued: number };
  readonly outbox: Outbox;
}

export function createDeliveryEngine(deps: DeliveryEngineDeps): DeliveryEngine {
  const outbox = createOutbox(deps.store, { clock: deps.clock });
  const records = openDeliveryRecords(deps.store);
  const notices = deps.adminNotices ?? createAdminNotices(deps.store);
  const limits = resolveLimits(deps.limits);
  const label = deps.topicLabel ?? ((id: string) => id);
  const adapters = new Map(deps.adapters.map((adapter) => [adapter.platform, adapter] as const));
  const noise = createNoiseBudget(records.noise);
  const stats: DeliveryStats = { delivered: 0, reconciled: 0, rateLimited: 0, invalid: 0, rejected: 0, demoted: 0, failed: 0, errors: 0 };
  let seqCounter = 0;
  const nextSeq = () => deps.clock().getTime() * 1_000 + (seqCounter++ % 1_000);

  const hooks = createDeliveryHooks({ outbox, records, notices, subscriptions: deps.subscriptions, clock: deps.clock });
  const { addToDigest, onDelivered } = hooks;
  const loop = createSendLoop({
    ...hooks,
    outbox,
    adapters,
    limits,
    clock: deps.clock,
    sleep: deps.sleep,
    concurrency: deps.concurrency ?? 4,
    maxQueuePerChannel: deps.maxQueuePerChannel ?? 50,
    stats,
    ...(deps.logger ? { logger: deps.logger.child({ component: 'delivery' }) } : {}),
  });

  function newEntry(d: RoutedDelivery, key: string, message: OutboundMessage, now: Date): OutboxEntry {
    return pendingEntry({ key, platform: d.platform, workspaceId: d.workspaceId, channelId: d.channelId, storyId: d.storyId, message, seq: nextSeq() }, now);
  }

  /**
   * Channels that may hold this story already. Scores only grow as a story gains reports
   * (or absorbs another story), so every channel that got it still passes its topic
   * threshold: only those need a lookup.
   */
  function channelsPassing(story: Story, subs: readonly Subscription[]): Map<string, Subscription> {
    const channels = new Map<string, Subscription>();
    for (const sub of subs) {
      if (sub.topics.some((t) => (story.scores[t] ?? 0) >= sub.minConfidence)) channels.set(channelKey(sub), sub);
    }
    return channels;
  }

  async function alertedChannels(event: StoryEvent, subs: readonly Subscription[]): Promise<Set<string>> {
    const alerted = new Set<string>();
    if (event.kind !== 'story-updated') return alerted;
    const keys = [...channelsPassing(event.story, subs)].map(([channel, sub]): [string, string] => [channel, alertKey(sub.platform, sub.channelId, event.story.id)]);
    const found = await outbox.getMany(keys.map(([, key]) => key));
    keys.forEach(([channel], index) => {
      const entry = found[index];
      if (entry?.state === 'done' && entry.ref) alerted.add(channel);
    });
    return alerted;
  }

  /**
   * A story merged into this one may already be in a channel: as an alert, waiting in a
   * digest, or sent in one. That is this story's delivery there now (re-keyed to it), so
   * the channel's message grows with the merged story and no second alert is posted.
   */
  async function carryOverAbsorbed(event: StoryEvent, subs: readonly Subscription[], now: Date): Promise<void> {
    if (event.kind !== 'story-updated' || !event.absorbed || event.absorbed.length === 0) return;
    const survivor = event.story.id;
    for (const { platform, channelId } of channelsPassing(event.story, subs).values()) {
      const survivorQueueKey = digestQueueKey(platform, channelId, survivor);
      for (const absorbed of event.absorbed) {
        const earlier = await outbox.get(alertKey(platform, channelId, absorbed));
        if (earlier) {
          // Not sent yet, it keeps its own send; until it is, updates have no message to edit.
          const ref = earlier.state === 'done' ? earlier.ref : null;
          await outbox.putIfAbsent({ ...earlier, key: alertKey(platform, channelId, survivor), storyId: survivor, state: 'done', ref, updatedAt: now.toISOString() });
        }
        const absorbedQueueKey = digestQueueKey(platform, channelId, absorbed);
        const digested = await records.digested.get(absorbedQueueKey);
        if (digested && !(await records.digested.has(survivorQueueKey))) {
          await records.digested.set(survivorQueueKey, digested, digestRecordRetentionMs);
        }
        const queued = await records.digestQueue.get(absorbedQueueKey);
        if (queued) {
          if (!(await records.digestQueue.get(survivorQueueKey))) await records.digestQueue.set(survivorQueueKey, { ...queued, storyId: survivor });
          await records.digestQueue.delete(absorbedQueueKey);
        }
      }
    }
  }

  async function handleStoryEvent(event: StoryEvent): Promise<RouteSummary> {
    const now = deps.clock();
    const subs = await deps.subscriptions.list();
    await carryOverAbsorbed(event, subs, now);
    const routed = routeStoryEvent(event, subs, now, {
      alertedChannels: await alertedChannels(event, subs),
      sentLastHour: await noise.counts(now),
      ...(deps.mention ? { mention: deps.mention } : {}),
    });
    const summary: RouteSummary = { instant: 0, updates: 0, digested: 0, deliveries: routed.deliveries };
    const budgeted = new Set(subs.filter((s) => s.maxPerHour !== null).map((s) => s.id));
    for (const d of routed.deliveries) {
      const alert = storyToAlert(event.story, event.item, label, d.matchedTopics);
      if (d.kind === 'update') {
        const key = updateKey(d.platform, d.channelId, d.storyId, event.item.id);
        const original = await outbox.get(alertKey(d.platform, d.channelId, d.storyId));
        if (!original?.ref) continue;
        const kind = d.updates === 'thread' ? 'update-thread' : 'update-edit';
        const message: OutboundMessage = { kind, channelId: d.channelId, idempotencyKey: key, alert, target: original.ref };
        const { created, entry } = await outbox.putIfAbsent(newEntry(d, key, message, now));
        if (created) {
          summary.updates += 1;
          await loop.enqueue(entry);
        }
        continue;
      }
      const key = alertKey(d.platform, d.channelId, d.storyId);
      // A new story cannot be waiting in a digest or the outbox yet: skip the lookups
      // (they dominate fan-out to thousands of channels on a networked store).
      const fresh = event.kind === 'story-created';
      // Already in one of this channel's digests: the story has been delivered here.
      if (!fresh && (await records.digested.has(digestQueueKey(d.platform, d.channelId, d.storyId)))) continue;
      const inDigest = fresh ? undefined : await records.digestQueue.get(digestQueueKey(d.platform, d.channelId, d.storyId));
      const existing = fresh ? undefined : await outbox.get(key);
      if (existing && !inDigest) {
        // Not posted yet: post the freshest version of the story.
        if (existing.state === 'pending' && existing.message.kind === 'alert') {
          await outbox.update(existing, { message: { ...existing.message, alert } });
        }
        continue;
      }
      if (d.route === 'digest' || inDigest) {
        const reason = inDigest?.reason ?? 'digest';
        await addToDigest(
          { platform: d.platform, workspaceId: d.workspaceId, channelId: d.channelId, storyId: d.storyId, alert, score: d.score, topic: d.matchedTopics[0] ?? 'other', reason },
          now,
        );
        summary.digested += 1;
        continue;
      }
      const message: OutboundMessage = {
        kind: 'alert',
        channelId: d.channelId,
        idempotencyKey: key,
        alert,
        ...(d.mentionRoleId ? { mentionRoleId: d.mentionRoleId } : {}),
      };
      const { created, entry } = await outbox.putIfAbsent(newEntry(d, key, message, now));
      if (!created) continue;
      summary.instant += 1;
      if (d.subscriptionIds.some((id) => budgeted.has(id))) await noise.record(`${d.platform}:${d.channelId}`, now);
      await loop.enqueue(entry);
    }
    await recordFeedChannels(records, [event.item.feedId], routed.deliveries.filter((d) => d.kind === 'alert'), now);
    return summary;
  }

  async function recover(): Promise<{ reconciled: number; requeued: number }> {
    let reconciled = 0;
    let requeued = 0;
    for (let entry of await outbox.open()) {
      if (loop.isQueued(entry.key)) continue;
      const adapter = adapters.get(entry.platform);
      if (entry.state === 'sending' && adapter) {
        let ref: MessageRef | null | undefined;
        try {
          ref = await adapter.findPosted(entry.channelId, entry.key);
        } catch {
          ref = undefined; // unknown: stays "sending", the send loop looks again first
        }
        if (ref) {
          reconciled += 1;
          stats.reconciled += 1;
          const done = await outbox.update(entry, { state: 'done', ref, error: null });
          await onDelivered(done, ref);
          continue;
        }
        if (ref === null) entry = await outbox.update(entry, { state: 'pending' });
      }
      requeued += 1;
      await loop.enqueue(entry);
    }
    return { reconciled, requeued };
  }

  // Events are handled one at a time: the outbox's put-if-absent is a read then a
  // write, and two interleaved events for one story must not both see "absent".
  let eventChain: Promise<unknown> = Promise.resolve();
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = eventChain.then(task, task);
    eventChain = run.catch(() => undefined);
    return run;
  }

  const schedulerDeps = { records, outbox, subscriptions: deps.subscriptions, limits, label, nextSeq, enqueue: loop.enqueue };

  return {
    handleStoryEvent: (event) => serialized(() => handleStoryEvent(event)),
    flush: () => loop.flush(),
    recover,
    tick: (now) => serialized(async () => ({ digests: await scheduleDueDigests(schedulerDeps, now ?? deps.clock()) })),
    handleFeedHealth: (health) =>
      serialized(() => noticeFeedHealth(
        {
          records,
          outbox,
          subscriptions: () => deps.subscriptions.list(),
          nextSeq,
          enqueue: loop.enqueue,
          windowMs: deps.feedDependencyWindowMs ?? 7 * 24 * 3_600_000,
        },
        health,
        deps.clock(),
      )),
    async channelStoryStatus(platform, channelId, storyId) {
      return {
        alert: await outbox.get(alertKey(platform, channelId, storyId)),
        digest: await records.digestQueue.get(digestQueueKey(platform, channelId, storyId)),
        digested: await records.digested.get(digestQueueKey(platform, channelId, storyId)),
      };
    },
    sentLastHour: async (platform, channelId) => (await noise.counts(deps.clock())).get(`${platform}:${channelId}`) ?? 0,
    stats: () => ({ ...stats, queued: loop.queued() }),
    outbox,
  };
}
