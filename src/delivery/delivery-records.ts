import { z } from 'zod';
import type { Store } from '../store/store.js';
import { alertSchema } from './message-schemas.js';

const platformSchema = z.enum(['console', 'discord', 'slack']);

/** A story waiting for a channel's next digest (digest mode, quiet hours, noise budget, overflow). */
export const digestQueueEntrySchema = z.object({
  platform: platformSchema,
  workspaceId: z.string(),
  channelId: z.string(),
  storyId: z.string(),
  alert: alertSchema,
  score: z.number(),
  topic: z.string(),
  addedAt: z.string(),
  reason: z.string(),
});
export type DigestQueueEntry = z.output<typeof digestQueueEntrySchema>;

/** A digest once built: recorded before its parts enter the outbox, so a restart never rebuilds it. */
export const digestRecordSchema = z.object({
  platform: platformSchema,
  channelId: z.string(),
  digestId: z.string(),
  occurrence: z.string(),
  storyIds: z.array(z.string()),
  partKeys: z.array(z.string()),
});

export const digestStateSchema = z.object({ lastDigestAt: z.string() });

/** Timestamps (epoch ms) of instant alerts routed to a channel in the last hour. */
export const noiseRecordSchema = z.object({ sent: z.array(z.number()) });

/** Channels that received items of a feed: who to tell when the feed fails. */
export const feedChannelsSchema = z.object({
  channels: z.record(
    z.string(),
    z.object({ platform: platformSchema, workspaceId: z.string(), channelId: z.string(), lastSeen: z.string() }),
  ),
});

/** A story a channel already received in a digest: it is not alerted or digested again. */
export const digestedSchema = z.object({ digestId: z.string(), at: z.string() });

export const feedNoticeStateSchema = z.object({ streakKey: z.string(), at: z.string() });

export function openDeliveryRecords(store: Store) {
  return {
    digestQueue: store.collection('digest-queue', digestQueueEntrySchema),
    digests: store.collection('digests', digestRecordSchema),
    digestState: store.collection('digest-state', digestStateSchema),
    digested: store.collection('digested', digestedSchema),
    noise: store.collection('noise-budget', noiseRecordSchema),
    feedChannels: store.collection('feed-channels', feedChannelsSchema),
    feedNotices: store.collection('feed-notices', feedNoticeStateSchema),
  };
}
export type DeliveryRecords = ReturnType<typeof openDeliveryRecords>;

export function digestQueueKey(platform: string, channelId: string, storyId: string): string {
  return `${platform}:${channelId}|${storyId}`;
}
