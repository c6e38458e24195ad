import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Collection, Store } from '../store/store.js';
import { messageRefSchema, outboundMessageSchema } from './message-schemas.js';

export const outboxStates = ['pending', 'sending', 'done', 'failed'] as const;
export type OutboxState = (typeof outboxStates)[number];

export const outboxEntrySchema = z.object({
  /** Idempotency key: platform:channel:story:kind (+ item for updates, + part for digests). */
  key: z.string(),
  platform: z.enum(['console', 'discord', 'slack']),
  workspaceId: z.string(),
  channelId: z.string(),
  storyId: z.string().nullable(),
  state: z.enum(outboxStates),
  message: outboundMessageSchema,
  /** Ordering inside a channel: enqueue order survives restarts. */
  seq: z.number(),
  attempts: z.number().int(),
  /** Epoch ms before which the entry must not be sent (retry-after). */
  notBefore: z.number().nullable(),
  /** Set once the platform confirmed: later edits and thread replies target it. */
  ref: messageRefSchema.nullable(),
  error: z.object({ code: z.string(), reason: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OutboxEntry = z.output<typeof outboxEntrySchema>;

/** A new entry, written before any platform call and waiting for its first send. */
export function pendingEntry(
  fields: Pick<OutboxEntry, 'key' | 'platform' | 'workspaceId' | 'channelId' | 'storyId' | 'message' | 'seq'>,
  now: Date,
): OutboxEntry {
  const at = now.toISOString();
  return { ...fields, state: 'pending', attempts: 0, notBefore: null, ref: null, error: null, createdAt: at, updatedAt: at };
}

export interface Outbox {
  /** Writes the entry unless its key exists; the existing entry wins (idempotency). */
  putIfAbsent(entry: OutboxEntry): Promise<{ created: boolean; entry: OutboxEntry }>;
  get(key: string): Promise<OutboxEntry | undefined>;
  getMany(keys: readonly string[]): Promise<(OutboxEntry | undefined)[]>;
  update(entry: OutboxEntry, patch: Partial<Omit<OutboxEntry, 'key'>>): Promise<OutboxEntry>;
  /** Entries still pending or sending, in enqueue order. */
  open(): Promise<OutboxEntry[]>;
  all(): Promise<OutboxEntry[]>;
}

export interface OutboxOptions {
  clock: () => Date;
  /** How long finished entries are kept (their refs are needed for story updates). */
  retentionMs?: number;
}

const defaultRetentionMs = 30 * 24 * 3_600_000;

/** The durable outbox: one record per idempotency key in the `outbox` collection. */
export function createOutbox(store: Store, options: OutboxOptions): Outbox {
  const records: Collection<OutboxEntry> = store.collection('outbox', outboxEntrySchema);
  const retentionMs = options.retentionMs ?? defaultRetentionMs;

  async function write(entry: OutboxEntry): Promise<void> {
    const finished = entry.state === 'done' || entry.state === 'failed';
    await records.set(entry.key, entry, finished ? retentionMs : undefined);
  }

  async function list(filter: (entry: OutboxEntry) => boolean): Promise<OutboxEntry[]> {
    const out: OutboxEntry[] = [];
    for await (const [, entry] of records.entries()) if (filter(entry)) out.push(entry);
    return out.sort((a, b) => a.seq - b.seq);
  }

  return {
    async putIfAbsent(entry) {
      const existing = await records.get(entry.key);
      if (existing) return { created: false, entry: existing };
      await write(entry);
      return { created: true, entry };
    },
    get: (key) => records.get(key),
    getMany: (keys) => records.getMany(keys),
    async update(entry, patch) {
      const next: OutboxEntry = { ...entry, ...patch, key: entry.key, updatedAt: options.clock().toISOString() };
      await write(next);
      return next;
    },
    open: () => list((entry) => entry.state === 'pending' || entry.state === 'sending'),
    all: () => list(() => true),
  };
}

export function alertKey(platform: string, channelId: string, storyId: string): string {
  return `${platform}:${channelId}:${storyId}:alert`;
}

export function updateKey(platform: string, channelId: string, storyId: string, itemId: string): string {
  return `${platform}:${channelId}:${storyId}:update:${itemId}`;
}

export function digestKey(platform: string, channelId: string, digestId: string, part: number): string {
  return `${platform}:${channelId}:${digestId}:digest:part${part}`;
}

export function noticeKey(platform: string, channelId: string, noticeId: string): string {
  return `${platform}:${channelId}:${noticeId}:notice`;
}

/**
 * A short, stable token for an idempotency key, for platforms that cap nonce
 * size (Discord: 25 characters) or where the key should not be readable.
 * Adapters attach it when posting and look for it in findPosted.
 */
export function idempotencyNonce(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 25);
}
