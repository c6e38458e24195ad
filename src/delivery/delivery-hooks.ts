import type { MessageRef, OutboundMessage } from '../adapters/chat-adapter.js';
import type { AdminNotices } from './admin-notices.js';
import { digestQueueKey, type DeliveryRecords, type DigestQueueEntry } from './delivery-records.js';
import { alertKey, type Outbox, type OutboxEntry } from './outbox.js';
import type { SubscriptionRepo } from './subscription-repo.js';

export interface DeliveryHookDeps {
  outbox: Outbox;
  records: DeliveryRecords;
  notices: AdminNotices;
  subscriptions: SubscriptionRepo;
  clock: () => Date;
}

/**
 * What the send loop asks of the engine around each send: the message to send
 * now, and what to do once it is delivered, rejected or pushed out of a full queue.
 */
export function createDeliveryHooks(deps: DeliveryHookDeps) {
  const { outbox, records, notices } = deps;

  async function resolveMessage(entry: OutboxEntry): Promise<OutboundMessage | null> {
    const message = entry.message;
    if (message.kind !== 'update-edit' && message.kind !== 'update-thread') return message;
    const original = entry.storyId ? await outbox.get(alertKey(entry.platform, entry.channelId, entry.storyId)) : undefined;
    if (!original?.ref) return null;
    return { ...message, target: original.ref };
  }

  async function onDelivered(entry: OutboxEntry, ref: MessageRef): Promise<void> {
    // The first thread reply creates the thread: later replies go into it.
    if (entry.message.kind !== 'update-thread' || !ref.threadId || !entry.storyId) return;
    const original = await outbox.get(alertKey(entry.platform, entry.channelId, entry.storyId));
    if (original?.ref && !original.ref.threadId) {
      await outbox.update(original, { ref: { ...original.ref, threadId: ref.threadId } });
    }
  }

  async function onRejected(entry: OutboxEntry, code: string, reason: string): Promise<void> {
    const now = deps.clock();
    const paused = await deps.subscriptions.pauseChannel(entry.platform, entry.channelId, `${code}: ${reason}`, now);
    await notices.record({
      platform: entry.platform,
      channelId: entry.channelId,
      code,
      at: now.toISOString(),
      text:
        `Sitrep could not post in this channel (${code}: ${reason}); ${paused} subscription(s) here are paused. ` +
        'Give the bot access to the channel, then run /sitrep subscribe again to resume.',
    });
  }

  async function addToDigest(entry: Omit<DigestQueueEntry, 'addedAt'>, now: Date): Promise<void> {
    const key = digestQueueKey(entry.platform, entry.channelId, entry.storyId);
    const existing = await records.digestQueue.get(key);
    await records.digestQueue.set(key, { ...entry, addedAt: existing?.addedAt ?? now.toISOString() });
  }

  async function onDemoted(entry: OutboxEntry): Promise<void> {
    if (entry.message.kind !== 'alert' || !entry.storyId) return;
    const alert = entry.message.alert;
    const best = alert.topics[0];
    await addToDigest(
      {
        platform: entry.platform,
        workspaceId: entry.workspaceId,
        channelId: entry.channelId,
        storyId: entry.storyId,
        alert,
        score: best?.score ?? 0,
        topic: best?.id ?? 'other',
        reason: 'channel queue full',
      },
      deps.clock(),
    );
  }

  return { resolveMessage, onDelivered, onRejected, onDemoted, addToDigest };
}
