import type { FeedEntry, FeedRegistry } from '../commands/feed-registry.js';
import type { FeedHealthBook } from '../pipeline/feed-health.js';

/**
 * The registry chat sees, joined with feed health: a feed the poller auto-paused after
 * repeated failures shows as paused, and `/sitrep feeds resume` clears the failure streak
 * and makes it due at once, whether an admin or the poller paused it.
 */
export function feedsWithHealth(registry: FeedRegistry, health: FeedHealthBook): FeedRegistry {
  async function withStatus(entry: FeedEntry | undefined): Promise<FeedEntry | undefined> {
    if (!entry) return undefined;
    const record = await health.get(entry.id);
    return record?.status === 'paused' ? { ...entry, enabled: false } : entry;
  }
  return {
    ...registry,
    list: async () => Promise.all((await registry.list()).map(async (entry) => (await withStatus(entry)) ?? entry)),
    get: async (id) => withStatus(await registry.get(id)),
    findByUrl: async (url) => withStatus(await registry.findByUrl(url)),
    async update(id, patch) {
      if (patch.enabled === true) {
        const entry = await registry.get(id);
        if (entry) await health.resume(entry.id, entry.url);
      }
      return withStatus(await registry.update(id, patch));
    },
  };
}
