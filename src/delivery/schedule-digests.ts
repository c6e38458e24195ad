import type { Platform } from '../adapters/chat-adapter.js';
import { channelKey, type Subscription } from '../domain/subscription.js';
import { buildDigest } from './build-digest.js';
import { digestQueueKey, type DeliveryRecords, type DigestQueueEntry } from './delivery-records.js';
import { digestKey, pendingEntry, type Outbox, type OutboxEntry } from './outbox.js';
import type { PlatformLimits } from './platform-limits.js';
import type { SubscriptionRepo } from './subscription-repo.js';
import { lastOccurrence } from './zoned-time.js';

export interface DigestSchedulerDeps {
  records: DeliveryRecords;
  outbox: Outbox;
  subscriptions: SubscriptionRepo;
  limits: Record<Platform, PlatformLimits>;
  label: (topicId: string) => string;
  nextSeq: () => number;
  enqueue: (entry: OutboxEntry) => Promise<void>;
}

export const digestRecordRetentionMs = 30 * 24 * 3_600_000;

/**
 * Builds the digests that are due at `now`: for each channel, the latest local
 * digest time of its subscriptions, covering stories queued up to that time.
 * Returns how many digests were written to the outbox.
 */
export async function scheduleDueDigests(deps: DigestSchedulerDeps, now: Date): Promise<number> {
  const byChannel = new Map<string, DigestQueueEntry[]>();
  for await (const [, entry] of deps.records.digestQueue.entries()) {
    const key = channelKey(entry);
    const group = byChannel.get(key) ?? [];
    group.push(entry);
    byChannel.set(key, group);
  }
  const allSubs = await deps.subscriptions.list();
  let written = 0;
  for (const [key, queued] of byChannel) {
    const first = queued[0];
    if (!first) continue;
    const subs = allSubs.filter((s) => channelKey(s) === key);
    if (subs.length === 0) {
      // Unsubscribed channel: nobody wants these any more.
      for (const entry of queued) await deps.records.digestQueue.delete(digestQueueKey(entry.platform, entry.channelId, entry.storyId));
      continue;
    }
    const active = subs.filter((s) => s.paused === null);
    if (active.length === 0) continue;
    if (await buildChannelDigest(deps, key, active, queued, now)) written += 1;
  }
  return written;
}

async function buildChannelDigest(
  deps: DigestSchedulerDeps,
  key: string,
  subs: Subscription[],
  queued: DigestQueueEntry[],
  now: Date,
): Promise<boolean> {
  const occurrence = subs
    .map((s) => lastOccurrence(s.digestAt, s.timezone, now))
    .reduce((latest, date) => (date.getTime() > latest.getTime() ? date : latest));
  const state = await deps.records.digestState.get(key);
  if (state && Date.parse(state.lastDigestAt) >= occurrence.getTime()) return false;
  const included = queued.filter((e) => Date.parse(e.addedAt) <= occurrence.getTime());
  if (included.length === 0) return false;

  const head = included[0] as DigestQueueEntry;
  const digestId = `digest-${occurrence.toISOString()}`;
  const recordKey = `${key}|${digestId}`;
  const existing = await deps.records.digests.get(recordKey);
  const storyIds = existing ? existing.storyIds : included.map((e) => e.storyId);

  if (!existing) {
    const since = state?.lastDigestAt ?? included.map((e) => e.addedAt).sort()[0] ?? occurrence.toISOString();
    const parts = buildDigest(
      included.map((e) => ({ alert: e.alert, score: e.score, topic: e.topic })),
      {
        since,
        until: occurrence.toISOString(),
        maxChars: deps.limits[head.platform].maxDigestChars,
        label: deps.label,
      },
    );
    const partKeys: string[] = [];
    for (const [index, digest] of parts.entries()) {
      const keyForPart = digestKey(head.platform, head.channelId, digestId, index + 1);
      partKeys.push(keyForPart);
      const { created, entry } = await deps.outbox.putIfAbsent(
        pendingEntry(
          {
            key: keyForPart,
            platform: head.platform,
            workspaceId: head.workspaceId,
            channelId: head.channelId,
            storyId: null,
            message: { kind: 'digest', channelId: head.channelId, idempotencyKey: keyForPart, digest, part: index + 1 },
            seq: deps.nextSeq(),
          },
          now,
        ),
      );
      if (created) await deps.enqueue(entry);
    }
    await deps.records.digests.set(recordKey, {
      platform: head.platform,
      channelId: head.channelId,
      digestId,
      occurrence: occurrence.toISOString(),
      storyIds,
      partKeys,
    }, digestRecordRetentionMs);
  }
  await deps.records.digestState.set(key, { lastDigestAt: occurrence.toISOString() });
  for (const storyId of storyIds) {
    const queueKey = digestQueueKey(head.platform, head.channelId, storyId);
    await deps.records.digested.set(queueKey, { digestId, at: now.toISOString() }, digestRecordRetentionMs);
    await deps.records.digestQueue.delete(queueKey);
  }
  return !existing;
}
