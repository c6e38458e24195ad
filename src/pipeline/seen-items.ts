import crypto from 'node:crypto';
import { z } from 'zod';
import type { FeedItem } from '../domain/feed-item.js';
import type { Collection, Store } from '../store/store.js';

const seenRecordSchema = z.object({ itemId: z.string(), seenAt: z.string() });
type SeenRecord = z.output<typeof seenRecordSchema>;

export const seenItemsDefaults = {
  retentionMs: 30 * 24 * 60 * 60_000, // 30 days
} as const;

export interface SeenItemsOptions {
  /** How long a key keeps an item "seen" after it was last sighted. */
  retentionMs: number;
  now: () => Date;
}

/** What one batch of a feed's items turned out to be. */
export interface SeenCheck {
  /** Items none of whose keys were seen before, in feed order, batch duplicates removed. */
  unseen: FeedItem[];
  /** Keys to write so every sighted item stays seen for the whole retention window. */
  pending: Map<string, SeenRecord>;
}

/** Lower-case, punctuation-free, whitespace-folded: "Kabul: talks resume " ≡ "kabul talks resume". */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// crypto.hash (Node ≥ 20.12) is several times cheaper than createHash per call, and a
// poll of a busy feed hashes three keys per item.
const sha256 =
  typeof crypto.hash === 'function'
    ? (value: string): string => crypto.hash('sha256', value, 'base64url')
    : (value: string): string => crypto.createHash('sha256').update(value).digest('base64url');

function digest(value: string): string {
  return sha256(value).slice(0, 22);
}

/**
 * The dedup keys of an item: its guid (per feed), its canonical link (global, so one
 * publisher's story in two feeds is one item) and its normalized title (per feed).
 * Hashed: links can exceed the 255-character keys of the SQL stores.
 */
export function dedupKeys(feedId: string, item: FeedItem): string[] {
  const keys: string[] = [];
  if (item.guid) keys.push(`guid:${feedId}:${digest(item.guid)}`);
  if (item.link) keys.push(`link:${digest(item.link)}`);
  const title = normalizeTitle(item.title);
  if (title !== '') keys.push(`title:${feedId}:${digest(title)}`);
  if (keys.length === 0) keys.push(`id:${item.id}`);
  return keys;
}

/**
 * Exact de-duplication that survives restarts: keys live in the store with a TTL of
 * the retention window, refreshed while the item is still in its feed.
 */
export class SeenItems {
  private readonly records: Collection<SeenRecord>;

  constructor(
    store: Store,
    private readonly options: SeenItemsOptions,
  ) {
    this.records = store.collection('seen-items', seenRecordSchema);
  }

  /** Splits a batch into unseen items without writing anything (dry runs stop here). */
  async check(feedId: string, items: readonly FeedItem[]): Promise<SeenCheck> {
    const keysPerItem = items.map((item) => dedupKeys(feedId, item));
    const allKeys = [...new Set(keysPerItem.flat())];
    const stored = new Map<string, SeenRecord | undefined>();
    const values = await this.records.getMany(allKeys);
    allKeys.forEach((key, index) => stored.set(key, values[index]));

    const now = this.options.now();
    const refreshBefore = now.getTime() - this.options.retentionMs / 2;
    const record = { seenAt: now.toISOString() };
    const inBatch = new Set<string>();
    const unseen: FeedItem[] = [];
    const pending = new Map<string, SeenRecord>();

    items.forEach((item, index) => {
      const keys = keysPerItem[index] ?? [];
      const seen = keys.some((key) => stored.get(key) !== undefined || inBatch.has(key));
      if (!seen) unseen.push(item);
      for (const key of keys) {
        inBatch.add(key);
        const existing = stored.get(key);
        if (existing === undefined || Date.parse(existing.seenAt) < refreshBefore) {
          if (!pending.has(key)) pending.set(key, { itemId: existing?.itemId ?? item.id, ...record });
        }
      }
    });
    return { unseen, pending };
  }

  /** Writes the keys of a check, so its items are never announced again within retention. */
  async commit(check: SeenCheck): Promise<void> {
    const ttl = this.options.retentionMs;
    await Promise.all([...check.pending].map(([key, value]) => this.records.set(key, value, ttl)));
  }

  /** Undoes a commit's new keys (the hand-off failed; the items come back next poll). */
  async forget(feedId: string, items: readonly FeedItem[]): Promise<void> {
    await Promise.all(items.flatMap((item) => dedupKeys(feedId, item)).map((key) => this.records.delete(key)));
  }

  /** Walks every key once, which lets SQL stores drop rows whose TTL has passed. */
  async sweepExpired(): Promise<number> {
    let live = 0;
    for await (const entry of this.records.entries()) if (entry) live += 1;
    return live;
  }
}
