import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FetchRequest, FetchResult } from '../../../src/feeds/fetch-feed.js';
import { createSilentLogger } from '../../../src/domain/logger.js';
import type { FeedDefinition } from '../../../src/pipeline/feed-definition.js';
import { FeedHealthBook } from '../../../src/pipeline/feed-health.js';
import { pollCycleDefaults, runPollCycle } from '../../../src/pipeline/poll-cycle.js';
import type { PollCycleReport } from '../../../src/pipeline/poll-report.js';
import { createScheduler, type CycleContext } from '../../../src/pipeline/scheduler.js';
import { MemoryStore } from '../../../src/store/memory-store.js';

const feeds: FeedDefinition[] = [
  { id: 'slow', url: 'https://slow.test/rss', intervalMinutes: 1, enabled: true },
  { id: 'fast', url: 'https://fast.test/rss', intervalMinutes: 1, enabled: true },
];

/** A fetcher we own: records calls; `hold(url)` keeps that URL's fetch open until released. */
function scriptedFetcher(options: { ignoreAbort?: boolean } = {}) {
  const calls: string[] = [];
  const held = new Map<string, () => void>();
  const holding = new Set<string>();
  const fetcher = (request: FetchRequest): Promise<FetchResult> => {
    calls.push(request.url);
    const unchanged: FetchResult = {
      status: 'unchanged', reason: 'http-304', finalUrl: request.url, httpStatus: 304,
      etag: null, lastModified: null, bodyHash: null, elapsedMs: 1,
    };
    if (!holding.has(request.url)) return Promise.resolve(unchanged);
    return new Promise((resolve) => {
      held.set(request.url, () => resolve(unchanged));
      if (!options.ignoreAbort) {
        request.signal?.addEventListener('abort', () =>
          resolve({ status: 'failed', code: 'feed/timeout', message: 'aborted', elapsedMs: 1 }),
        );
      }
    });
  };
  return { fetcher, calls, hold: (url: string) => holding.add(url), release: (url: string) => held.get(url)?.() };
}

function setup(fetch: ReturnType<typeof scriptedFetcher>) {
  let now = new Date('2026-11-28T12:00:00Z');
  const store = new MemoryStore(() => now.getTime());
  const reports: PollCycleReport[] = [];
  let onTick: (() => void) | null = null;
  const runCycle = (context: CycleContext) =>
    runPollCycle(
      { feeds, fetcher: fetch.fetcher, store, clock: () => now, logger: createSilentLogger(), onNewItems: async () => undefined },
      { ...pollCycleDefaults, ...context },
    );
  const scheduler = createScheduler(
    {
      runCycle,
      logger: createSilentLogger(),
      schedule: (_expression, tick) => {
        onTick = tick;
        return { stop: () => (onTick = null) };
      },
      onReport: (report) => reports.push(report),
    },
    { cron: '*/30 * * * * *' },
  );
  return {
    scheduler,
    store,
    reports,
    cronTick: () => onTick?.(),
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
};

describe('scheduler', () => {
  afterEach(() => vi.useRealTimers());

  it('two cron ticks overlap → no double poll of the feed still running', async () => {
    const fetch = scriptedFetcher();
    fetch.hold('https://slow.test/rss');
    const { scheduler, cronTick, advance, reports } = setup(fetch);
    scheduler.start();
    cronTick();
    await flush();
    advance(90_000); // both feeds due again
    cronTick();
    await flush();
    expect(scheduler.activeCycles).toBe(1);
    expect(fetch.calls.filter((url) => url.includes('slow'))).toHaveLength(1);
    expect(fetch.calls.filter((url) => url.includes('fast'))).toHaveLength(2);
    fetch.release('https://slow.test/rss');
    await flush();
    expect(scheduler.activeCycles).toBe(0);
    expect(reports.map((r) => r.feeds.map((f) => f.feedId).sort())).toEqual([['fast'], ['fast', 'slow']]);
    await scheduler.stop({ deadlineMs: 1_000 });
  });

  it('shutdown deadline passes → the hung fetch is aborted, its feed left untouched, stop returns', async () => {
    vi.useFakeTimers();
    const fetch = scriptedFetcher();
    fetch.hold('https://slow.test/rss');
    const { scheduler, store } = setup(fetch);
    const tick = scheduler.tick();
    await vi.advanceTimersByTimeAsync(0);
    const stopping = scheduler.stop({ deadlineMs: 5_000 });
    let stopped = false;
    void stopping.then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await stopping).toEqual({ finished: true, aborted: true });
    const report = await tick;
    expect(report?.feeds.find((f) => f.feedId === 'slow')?.status).toBe('abandoned');
    const health = await new FeedHealthBook(store).get('slow');
    expect(health).toBeUndefined();
    expect((await new FeedHealthBook(store).get('fast'))?.status).toBe('ok');
  });

  it('a fetch that ignores the abort → stop still returns after the grace period', async () => {
    vi.useFakeTimers();
    const fetch = scriptedFetcher({ ignoreAbort: true });
    fetch.hold('https://slow.test/rss');
    const { scheduler } = setup(fetch);
    void scheduler.tick();
    await vi.advanceTimersByTimeAsync(0);
    const stopping = scheduler.stop({ deadlineMs: 1_000, graceMs: 500 });
    await vi.advanceTimersByTimeAsync(1_500);
    expect(await stopping).toEqual({ finished: false, aborted: true });
  });

  it('polls that finish before the deadline → stop waits for them and aborts nothing', async () => {
    vi.useFakeTimers();
    const fetch = scriptedFetcher();
    fetch.hold('https://slow.test/rss');
    const { scheduler, store } = setup(fetch);
    void scheduler.tick();
    await vi.advanceTimersByTimeAsync(0);
    const stopping = scheduler.stop({ deadlineMs: 10_000 });
    await vi.advanceTimersByTimeAsync(100);
    fetch.release('https://slow.test/rss');
    await vi.advanceTimersByTimeAsync(1);
    expect(await stopping).toEqual({ finished: true, aborted: false });
    expect((await new FeedHealthBook(store).get('slow'))?.status).toBe('ok');
  });

  it('after stop, cron ticks and manual ticks poll nothing', async () => {
    const fetch = scriptedFetcher();
    const { scheduler, cronTick } = setup(fetch);
    scheduler.start();
    expect(await scheduler.stop({ deadlineMs: 10 })).toEqual({ finished: true, aborted: false });
    cronTick();
    expect(await scheduler.tick()).toBeNull();
    expect(fetch.calls).toEqual([]);
  });

  it('a cycle that throws (store down) is logged and the next tick still runs', async () => {
    let calls = 0;
    const scheduler = createScheduler(
      {
        runCycle: async () => {
          calls += 1;
          if (calls === 1) throw new Error('store unreachable');
          return { startedAt: '', elapsedMs: 0, requests: 0, newItems: 0, feeds: [] };
        },
        logger: createSilentLogger(),
        schedule: () => ({ stop: () => undefined }),
      },
      { cron: '* * * * *' },
    );
    expect(await scheduler.tick()).toBeNull();
    expect(await scheduler.tick()).not.toBeNull();
  });

  it('node-cron drives ticks on its schedule', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-28T12:00:00.500Z') });
    let ticks = 0;
    const scheduler = createScheduler(
      {
        runCycle: async () => {
          ticks += 1;
          return { startedAt: '', elapsedMs: 0, requests: 0, newItems: 0, feeds: [] };
        },
        logger: createSilentLogger(),
      },
      { cron: '*/2 * * * * *' },
    );
    scheduler.start();
    await vi.advanceTimersByTimeAsync(6_000);
    await scheduler.stop({ deadlineMs: 10 });
    expect(ticks).toBeGreaterThanOrEqual(2);
    expect(ticks).toBeLessThanOrEqual(4);
  });

  it('housekeeping runs on the first tick, then once per period, and a failure does not stop polling', async () => {
    let now = new Date('2026-11-28T12:00:00Z');
    let runs = 0;
    let cycles = 0;
    const scheduler = createScheduler(
      {
        runCycle: async () => {
          cycles += 1;
          return { startedAt: '', elapsedMs: 0, requests: 0, newItems: 0, feeds: [] };
        },
        logger: createSilentLogger(),
        schedule: () => ({ stop: () => undefined }),
        clock: () => now,
        housekeeping: async () => {
          runs += 1;
          if (runs === 1) throw new Error('sweep failed');
        },
      },
      { cron: '* * * * *', housekeepingEveryMs: 3_600_000 },
    );
    await scheduler.tick();
    await scheduler.tick();
    expect(runs).toBe(1);
    now = new Date(now.getTime() + 3_600_000);
    await scheduler.tick();
    expect(runs).toBe(2);
    expect(cycles).toBe(3);
    await scheduler.stop({ deadlineMs: 10 });
  });

  it('a feed marked enabled: false is never fetched', async () => {
    const fetch = scriptedFetcher();
    await runPollCycle(
      {
        feeds: [{ ...feeds[0]!, enabled: false }, feeds[1]!],
        fetcher: fetch.fetcher, store: new MemoryStore(), clock: () => new Date(), logger: createSilentLogger(), onNewItems: async () => undefined,
      },
      pollCycleDefaults,
    );
    expect(fetch.calls).toEqual(['https://fast.test/rss']);
  });

  it('an invalid cron expression is refused with an example', () => {
    expect(() =>
      createScheduler({ runCycle: async () => { throw new Error('unused'); }, logger: createSilentLogger() }, { cron: 'every minute' }),
    ).toThrow(/not a valid cron expression \(e\.g\./);
  });
});
