import type { Platform } from '../adapters/chat-adapter.js';
import type { Subscription } from '../domain/subscription.js';
import type { DeliveryRecords } from './delivery-records.js';
import { noticeKey, pendingEntry, type Outbox, type OutboxEntry } from './outbox.js';

/**
 * What delivery needs to know about one feed's health: a structural subset of
 * the poller's FeedHealth record (src/pipeline/feed-health.ts), so those pass as is.
 */
export interface FeedHealthRecord {
  feedId: string;
  url: string;
  status: 'ok' | 'failing' | 'paused' | 'disabled';
  lastSuccessAt: string | null;
  lastError: { code: string; message: string; at: string } | null;
  consecutiveFailures: number;
  pausedReason: string | null;
  /** Display name, when the caller knows it. */
  title?: string | null;
}

/** A failure streak ends only with a success, which moves lastSuccessAt: that names the streak. */
export function failureStreakKey(record: FeedHealthRecord): string {
  return `${record.feedId}:${record.lastSuccessAt ?? 'never'}`;
}

export interface FeedNoticeDeps {
  records: DeliveryRecords;
  outbox: Outbox;
  subscriptions: () => Promise<Subscription[]>;
  nextSeq: () => number;
  enqueue: (entry: OutboxEntry) => Promise<void>;
  /** Only channels that received the feed's items within this window depend on it. */
  windowMs: number;
}

/** Remembers which channels received items of which feeds. */
export async function recordFeedChannels(
  records: DeliveryRecords,
  feedIds: readonly string[],
  channels: readonly { platform: Platform; workspaceId: string; channelId: string }[],
  now: Date,
): Promise<void> {
  if (channels.length === 0) return;
  for (const feedId of new Set(feedIds)) {
    const current = (await records.feedChannels.get(feedId)) ?? { channels: {} };
    for (const channel of channels) {
      current.channels[`${channel.platform}:${channel.channelId}`] = { ...channel, lastSeen: now.toISOString() };
    }
    await records.feedChannels.set(feedId, current);
  }
}

export function feedNoticeText(record: FeedHealthRecord): string {
  const name = record.title ?? record.feedId;
  const code = record.lastError ? ` (${record.lastError.code})` : '';
  const last = record.lastSuccessAt ? `last success ${record.lastSuccessAt}` : 'no success yet';
  return record.status === 'paused'
    ? `Feed "${name}" was paused after ${record.consecutiveFailures} failures${code}; ${last}. Alerts from it stop until an admin runs /sitrep feeds resume ${record.feedId}.`
    : `Feed "${name}" is failing: ${record.consecutiveFailures} failures in a row${code}; ${last}. Alerts from it may be missing.`;
}

/**
 * One notice per failure streak in every channel that depends on the feed.
 * Returns how many notices were written to the outbox.
 */
export async function noticeFeedHealth(deps: FeedNoticeDeps, health: readonly FeedHealthRecord[], now: Date): Promise<number> {
  let written = 0;
  const subs = await deps.subscriptions();
  for (const record of health) {
    if (record.status !== 'failing' && record.status !== 'paused') continue;
    const streakKey = failureStreakKey(record);
    const seen = await deps.records.feedNotices.get(record.feedId);
    if (seen?.streakKey === streakKey) continue;
    const dependents = await deps.records.feedChannels.get(record.feedId);
    for (const channel of Object.values(dependents?.channels ?? {})) {
      if (now.getTime() - Date.parse(channel.lastSeen) > deps.windowMs) continue;
      const active = subs.some((s) => s.platform === channel.platform && s.channelId === channel.channelId && s.paused === null);
      if (!active) continue;
      const key = noticeKey(channel.platform, channel.channelId, `feed-health:${streakKey}`);
      const { created, entry } = await deps.outbox.putIfAbsent(
        pendingEntry(
          {
            key,
            platform: channel.platform,
            workspaceId: channel.workspaceId,
            channelId: channel.channelId,
            storyId: null,
            message: { kind: 'notice', channelId: channel.channelId, idempotencyKey: key, notice: { level: 'warning', text: feedNoticeText(record) } },
            seq: deps.nextSeq(),
          },
          now,
        ),
      );
      if (created) {
        written += 1;
        await deps.enqueue(entry);
      }
    }
    await deps.records.feedNotices.set(record.feedId, { streakKey, at: now.toISOString() });
  }
  return written;
}
