import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/domain/logger.js';
import { createFeedFetcher } from '../../src/feeds/fetch-feed.js';
import { FeedHealthBook } from '../../src/pipeline/feed-health.js';
import { pollCycleDefaults, runPollCycle } from '../../src/pipeline/poll-cycle.js';
import { createScheduler } from '../../src/pipeline/scheduler.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { startFeedServer, type FeedServer } from '../emulators/feed-server.js';
import { numberedItems, rssFeed } from '../fixtures/builders/rss-feed.js';

let server: FeedServer;
beforeEach(async () => {
  server = await startFeedServer();
});
afterEach(async () => {
  await server.close();
});

describe('graceful shutdown against the local feed server', () => {
  it('shutdown deadline abandons a hung fetch and exits; the connection is closed', async () => {
    // Headers never come: only the abort can end this request.
    server.route('/hung.xml', () => undefined);
    server.route('/ok.xml', { body: rssFeed({ title: 'OK', items: numberedItems('ok', 1, 2) }) });
    const store = new MemoryStore();
    const fetcher = createFeedFetcher({
      userAgent: 'SitrepTest/1 (+mailto:test@example.org)',
      connectTimeoutMs: 30_000,
      totalTimeoutMs: 30_000,
      maxBytes: 1_000_000,
      maxRedirects: 5,
      allowPrivateNetworks: true,
    });
    const feeds = [
      { id: 'hung', url: server.url('/hung.xml'), intervalMinutes: 5, enabled: true },
      { id: 'ok', url: server.url('/ok.xml'), intervalMinutes: 5, enabled: true },
    ];
    const scheduler = createScheduler(
      {
        runCycle: (context) =>
          runPollCycle(
            { feeds, fetcher, store, clock: () => new Date(), logger: createSilentLogger(), onNewItems: async () => undefined },
            { ...pollCycleDefaults, ...context },
          ),
        logger: createSilentLogger(),
        schedule: () => ({ stop: () => undefined }),
      },
      { cron: '*/30 * * * * *' },
    );
    const tick = scheduler.tick();
    const book = new FeedHealthBook(store);
    // Stop once the healthy feed is done and the hung one is waiting on its response.
    while (server.requestsTo('/hung.xml').length === 0 || (await book.get('ok')) === undefined) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const started = performance.now();
    const result = await scheduler.stop({ deadlineMs: 20, graceMs: 2_000 });
    expect(result).toEqual({ finished: true, aborted: true });
    expect(performance.now() - started).toBeLessThan(2_000);
    const report = await tick;
    expect(report?.feeds.map((f) => [f.feedId, f.status]).sort()).toEqual([
      ['hung', 'abandoned'],
      ['ok', 'fetched'],
    ]);
    expect(await book.get('hung')).toBeUndefined();
    expect(await server.idle(2_000)).toBe(true);
  });
});
