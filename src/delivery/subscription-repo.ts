import type { Platform } from '../adapters/chat-adapter.js';
import { subscriptionSchema, type Subscription } from '../domain/subscription.js';
import type { Store } from '../store/store.js';

/**
 * Subscriptions through the Store, cached in memory after the first read (one
 * process owns the store's subscriptions; other processes would need a reload).
 */
export interface SubscriptionRepo {
  list(): Promise<Subscription[]>;
  forChannel(platform: Platform, channelId: string): Promise<Subscription[]>;
  get(id: string): Promise<Subscription | undefined>;
  save(sub: Subscription): Promise<void>;
  remove(id: string): Promise<boolean>;
  /** Pauses every subscription of a channel the platform rejected; returns how many. */
  pauseChannel(platform: Platform, channelId: string, reason: string, at: Date): Promise<number>;
  resumeChannel(platform: Platform, channelId: string): Promise<number>;
}

// One cache per store, so every repo over the same store (command core, engine,
// a restarted engine) sees every write.
const caches = new WeakMap<Store, Promise<Map<string, Subscription>>>();

export function createSubscriptionRepo(store: Store): SubscriptionRepo {
  const records = store.collection('subscriptions', subscriptionSchema);

  function load(): Promise<Map<string, Subscription>> {
    let cache = caches.get(store);
    if (!cache) {
      cache = (async () => {
        const loaded = new Map<string, Subscription>();
        for await (const [id, sub] of records.entries()) loaded.set(id, sub);
        return loaded;
      })();
      caches.set(store, cache);
    }
    return cache;
  }

  const byCreation = (a: Subscription, b: Subscription) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

  async function forChannel(platform: Platform, channelId: string): Promise<Subscription[]> {
    const all = await load();
    return [...all.values()].filter((s) => s.platform === platform && s.channelId === channelId).sort(byCreation);
  }

  async function save(sub: Subscription): Promise<void> {
    const valid = subscriptionSchema.parse(sub);
    await records.set(valid.id, valid);
    (await load()).set(valid.id, valid);
  }

  return {
    list: async () => [...(await load()).values()].sort(byCreation),
    forChannel,
    get: async (id) => (await load()).get(id),
    save,
    async remove(id) {
      const all = await load();
      all.delete(id);
      return records.delete(id);
    },
    async pauseChannel(platform, channelId, reason, at) {
      const subs = (await forChannel(platform, channelId)).filter((s) => s.paused === null);
      for (const sub of subs) await save({ ...sub, paused: { reason, at: at.toISOString() } });
      return subs.length;
    },
    async resumeChannel(platform, channelId) {
      const subs = (await forChannel(platform, channelId)).filter((s) => s.paused !== null);
      for (const sub of subs) await save({ ...sub, paused: null });
      return subs.length;
    },
  };
}
