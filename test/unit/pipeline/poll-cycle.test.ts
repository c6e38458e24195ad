import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createSilentLogger } from '../../../src/domain/logger.js';
import type { FetchRequest, FetchResult } from '../../../src/feeds/fetch-feed.js';
import type { FeedDefinition } from '../../../src/pipeline/feed-definition.js';
import { pollCycleDefaults, runPollCycle } from '../../../src/pipeline/poll-cycle.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import type { Collection, Store } from '../../../src/store/store.js';
import { numberedItems, rssFeed } from '../../fixtures/builders/rss-feed.js';

const feeds: FeedDefinition[] = ['a', 'b', 'c'].map((id) => ({ id, url: `https://${id}.test/rss`, intervalMinutes: 10, enabled: true }));

function fetched(url: string): FetchResult {
  const body = Buffer.from(rssFeed({ title: url, items: numberedItems(new URL(url).hostname, 1, 2) }));
  return { status: 'fetched', finalUrl: url, httpStatus: 200, body, contentType: 'application/rss+xml', etag: null, lastModified: null, bodyHash: url, elapsedMs: 1 };
}

/** A store whose writes to one feed's health record fail, as a flaky backend would. */
class FailingHealthStore implements Store {
  private readonly inner = new MemoryStore();
  constructor(private readonly failingKey: string) {}
  collection<S extends z.ZodType>(name: string, schema: S): Collection<z.output<S>> {
    const collection = this.inner.collection(name, schema);
    if (name !== 'feed-health') return collection;
    const failingKey = this.failingKey;
    return {
      get: (key) => collection.get(key),
      getMany: (keys) => collection.getMany(keys),
      has: (key) => collection.has(key),
      delete: (key) => collection.delete(key),
      clear: () => collection.clear(),
      entries: () => collection.entries(),
      set: async (key, value, ttl) => {
        if (key === failingKey) throw new Error('SQLITE_IOERR: disk I/O error');
        await collection.set(key, value, ttl);
      },
    };
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

describe('poll cycle (fetcher and store we own)', () => {
  it('a fetcher that throws instead of returning a failure → only that URL fails, as feed/connect', async () => {
    const fetcher = async (request: FetchRequest): Promise<FetchResult> => {
      if (request.url.includes('b.test')) throw new Error('socket hang up');
      return fetched(request.url);
    };
    const report = await runPollCycle(
      { feeds, fetcher, store: new MemoryStore(), clock: () => new Date(), logger: createSilentLogger(), onNewItems: async () => undefined },
      pollCycleDefaults,
    );
    expect(report.feeds.map((f) => [f.feedId, f.status, f.error?.code ?? null])).toEqual([
      ['a', 'fetched', null],
      ['b', 'failed', 'feed/connect'],
      ['c', 'fetched', null],
    ]);
  });

  it('the store fails while saving one feed → that feed reports pipeline/internal, the others complete', async () => {
    const report = await runPollCycle(
      {
        feeds,
        fetcher: async (request) => fetched(request.url),
        store: new FailingHealthStore('b'),
        clock: () => new Date(),
        logger: createSilentLogger(),
        onNewItems: async () => undefined,
      },
      pollCycleDefaults,
    );
    const byId = new Map(report.feeds.map((f) => [f.feedId, f]));
    expect(byId.get('b')).toMatchObject({ status: 'failed', error: { code: 'pipeline/internal' } });
    expect(byId.get('b')?.error?.message).toContain('SQLITE_IOERR');
    expect(byId.get('a')?.status).toBe('fetched');
    expect(byId.get('c')?.status).toBe('fetched');
  });

  it('progress is reported once per feed, ending at the total', async () => {
    const seen: [number, number][] = [];
    await runPollCycle(
      { feeds, fetcher: async (request) => fetched(request.url), store: new MemoryStore(), clock: () => new Date(), logger: createSilentLogger(), onNewItems: async () => undefined },
      { ...pollCycleDefaults, onProgress: (done, total) => seen.push([done, total]) },
    );
    expect(seen).toHaveLength(3);
    expect(seen.at(-1)).toEqual([3, 3]);
  });

  it('the global limit holds across hosts', async () => {
    let open = 0;
    let peak = 0;
    const many = Array.from({ length: 12 }, (_, i) => ({ id: `f${i}`, url: `https://h${i}.test/rss`, intervalMinutes: 10, enabled: true }));
    const fetcher = async (request: FetchRequest): Promise<FetchResult> => {
      open += 1;
      peak = Math.max(peak, open);
      await new Promise((resolve) => setImmediate(resolve));
      open -= 1;
      return fetched(request.url);
    };
    await runPollCycle(
      { feeds: many, fetcher, store: new MemoryStore(), clock: () => new Date(), logger: createSilentLogger(), onNewItems: async () => undefined },
      { ...pollCycleDefaults, concurrency: 4 },
    );
    expect(peak).toBe(4);
  });
});
