import { z } from 'zod';
import type { Store } from '../store/store.js';

/**
 * A feed as the registry keeps it: structurally a FeedDefinition
 * (src/pipeline/feed-definition.ts) plus where it came from.
 */
export const feedEntrySchema = z.object({
  id: z.string().min(1),
  url: z.url(),
  title: z.string().optional(),
  source: z.string().optional(),
  intervalMinutes: z.number().int().positive(),
  language: z.string().optional(),
  regionHints: z.array(z.string()).optional(),
  topicHints: z.array(z.string()).optional(),
  enabled: z.boolean(),
  backfill: z.number().int().nonnegative().optional(),
  origin: z.enum(['config', 'chat']),
  addedBy: z.string().optional(),
});
export type FeedEntry = z.output<typeof feedEntrySchema>;
export type FeedSeed = Omit<FeedEntry, 'origin' | 'addedBy'>;

const overrideSchema = z.object({ removed: z.boolean(), feed: feedEntrySchema });

/**
 * Feeds as chat changes them: config/feeds.yaml is the seed, chat edits are
 * overrides in the Store, so they survive restarts and the file stays untouched.
 */
export interface FeedRegistry {
  list(): Promise<FeedEntry[]>;
  get(id: string): Promise<FeedEntry | undefined>;
  findByUrl(url: string): Promise<FeedEntry | undefined>;
  add(feed: { url: string; title?: string; intervalMinutes: number }, by: string): Promise<FeedEntry>;
  remove(id: string): Promise<FeedEntry | undefined>;
  update(id: string, patch: { enabled?: boolean; intervalMinutes?: number }): Promise<FeedEntry | undefined>;
  /** Called after every change with the full list (the poller reschedules from it). */
  listen(listener: (feeds: FeedEntry[]) => void | Promise<void>): () => void;
}

export function slugForFeed(url: string, title?: string): string {
  const base = title && title.trim().length > 0 ? title : new URL(url).hostname.replace(/^www\./, '');
  const slug = base
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug.length > 0 ? slug : 'feed';
}

export function createFeedRegistry(deps: { store: Store; seed: readonly FeedSeed[]; defaultIntervalMinutes?: number }): FeedRegistry {
  const overrides = deps.store.collection('feed-overrides', overrideSchema);
  const listeners = new Set<(feeds: FeedEntry[]) => void | Promise<void>>();

  async function list(): Promise<FeedEntry[]> {
    const byId = new Map<string, FeedEntry>(deps.seed.map((feed) => [feed.id, { ...feed, origin: 'config' as const }]));
    for await (const [id, override] of overrides.entries()) {
      if (override.removed) byId.delete(id);
      else byId.set(id, override.feed);
    }
    return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  async function changed(): Promise<void> {
    if (listeners.size === 0) return;
    const feeds = await list();
    for (const listener of listeners) await listener(feeds);
  }

  async function get(id: string): Promise<FeedEntry | undefined> {
    return (await list()).find((feed) => feed.id === id);
  }

  return {
    list,
    get,
    findByUrl: async (url) => (await list()).find((feed) => feed.url === url),
    async add(feed, by) {
      const existing = new Set((await list()).map((f) => f.id));
      const base = slugForFeed(feed.url, feed.title);
      let id = base;
      for (let n = 2; existing.has(id); n += 1) id = `${base}-${n}`;
      const entry: FeedEntry = {
        id,
        url: feed.url,
        ...(feed.title ? { title: feed.title } : {}),
        intervalMinutes: feed.intervalMinutes,
        enabled: true,
        origin: 'chat',
        addedBy: by,
      };
      await overrides.set(id, { removed: false, feed: entry });
      await changed();
      return entry;
    },
    async remove(id) {
      const feed = await get(id);
      if (!feed) return undefined;
      await overrides.set(id, { removed: true, feed });
      await changed();
      return feed;
    },
    async update(id, patch) {
      const feed = await get(id);
      if (!feed) return undefined;
      const next: FeedEntry = { ...feed, ...patch };
      await overrides.set(id, { removed: false, feed: next });
      await changed();
      return next;
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
