import { describe, expect, it } from 'vitest';
import { feedsWithHealth } from '../../../src/app/feeds-with-health.js';
import { createFeedRegistry } from '../../../src/commands/feed-registry.js';
import { FeedHealthBook } from '../../../src/pipeline/feed-health.js';
import { MemoryStore } from '../../../src/store/memory-store.js';

const seed = [{ id: 'wire', url: 'https://news.example/wire.xml', intervalMinutes: 15, enabled: true }];

describe('feeds as chat sees them', () => {
  it('a feed the poller auto-paused shows as paused and /sitrep feeds resume clears the streak', async () => {
    const store = new MemoryStore();
    const health = new FeedHealthBook(store);
    const feeds = feedsWithHealth(createFeedRegistry({ store, seed }), health);
    await health.pause('wire', seed[0]!.url, 'auto-paused after 12 failures');
    expect((await feeds.get('wire'))?.enabled).toBe(false);
    expect((await feeds.list())[0]?.enabled).toBe(false);

    await feeds.update('wire', { enabled: true });
    expect((await feeds.get('wire'))?.enabled).toBe(true);
    expect(await health.get('wire')).toMatchObject({ status: 'ok', consecutiveFailures: 0, nextPollAt: null });
  });

  it('an admin pause is the registry’s, and resume undoes it', async () => {
    const store = new MemoryStore();
    const feeds = feedsWithHealth(createFeedRegistry({ store, seed }), new FeedHealthBook(store));
    await feeds.update('wire', { enabled: false });
    expect((await feeds.get('wire'))?.enabled).toBe(false);
    await feeds.update('wire', { enabled: true });
    expect((await feeds.get('wire'))?.enabled).toBe(true);
  });
});
