import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FeedItem } from '../../src/domain/feed-item.js';
import { createSilentLogger } from '../../src/domain/logger.js';
import { createFeedFetcher } from '../../src/feeds/fetch-feed.js';
import type { FeedDefinition } from '../../src/pipeline/feed-definition.js';
import { FeedHealthBook } from '../../src/pipeline/feed-health.js';
import { runPollCycle, type PollCycleDeps, type PollCycleOptions } from '../../src/pipeline/poll-cycle.js';
import { openStore } from '../../src/store/keyv-store.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { startFeedServer, type FeedServer } from '../emulators/feed-server.js';
import { numberedItems, rssFeed } from '../fixtures/builders/rss-feed.js';

const fetcher = createFeedFetcher({
  userAgent: 'SitrepTest/1 (+mailto:test@example.org)',
  connectTimeoutMs: 2_000,
  totalTimeoutMs: 5_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  allowPrivateNetworks: true,
});

const options: PollCycleOptions = {
  concurrency: 8,
  perHostConcurrency: 2,
  retentionMs: 30 * 24 * 3_600_000,
  policy: { backoff: { maxMs: 6 * 3_600_000, jitter: 'equal' }, pauseAfterFailures: 3 },
};

let server: FeedServer;
let now: Date;
let announced: FeedItem[];

beforeEach(async () => {
  server = await startFeedServer();
  now = new Date('2026-11-28T13:00:00Z');
  announced = [];
});
afterEach(async () => {
  await server.close();
});

function feed(id: string, route: string, extra: Partial<FeedDefinition> = {}): FeedDefinition {
  return { id, url: server.url(route), intervalMinutes: 10, enabled: true, language: 'en', ...extra };
}

function deps(store: Store, feeds: FeedDefinition[], extra: Partial<PollCycleDeps> = {}): PollCycleDeps {
  return {
    feeds,
    fetcher,
    store,
    clock: () => now,
    logger: createSilentLogger(),
    random: () => 0.5,
    onNewItems: async (items) => {
      announced.push(...items);
    },
    ...extra,
  };
}

const advanceMinutes = (minutes: number): void => {
  now = new Date(now.getTime() + minutes * 60_000);
};

describe('poll cycle against the local feed server', () => {
  it('feed returns 500 → backoff grows with jitter', async () => {
    server.route('/down.xml', { status: 500, body: 'oops' });
    const store = new MemoryStore();
    const delays: number[] = [];
    for (const random of [0.5, 0.5, 0.5, 0]) {
      const before = now.getTime();
      const report = await runPollCycle(deps(store, [feed('down', '/down.xml')], { random: () => random }), {
        ...options,
        policy: { ...options.policy, pauseAfterFailures: 0 },
      });
      expect(report.feeds[0]).toMatchObject({ status: 'failed', httpStatus: 500 });
      expect(report.feeds[0]?.error?.code).toMatch(/^feed\/http-5/);
      const next = Date.parse(report.feeds[0]?.nextPollAt ?? '');
      delays.push(next - before);
      now = new Date(next);
    }
    // interval 10 min, equal jitter: 3/4 of 10, 20, 40 min at random 0.5, then half of 80 at random 0.
    expect(delays).toEqual([7.5, 15, 30, 40].map((m) => m * 60_000));
  });

  it('N failures → auto-paused, no more requests, one pause notice', async () => {
    server.route('/gone.xml', { status: 404, body: 'no' });
    const store = new MemoryStore();
    const paused: string[] = [];
    const run = () =>
      runPollCycle(deps(store, [feed('gone', '/gone.xml')], { onFeedPaused: async (health) => void paused.push(health.feedId) }), options);
    for (let i = 0; i < 3; i += 1) {
      const report = await run();
      expect(report.feeds[0]?.error?.code).toBe('feed/http-404');
      advanceMinutes(24 * 60);
    }
    const after = await run();
    expect(after.requests).toBe(0);
    expect(after.feeds[0]).toMatchObject({ status: 'paused', health: 'paused' });
    expect(server.requestsTo('/gone.xml')).toHaveLength(3);
    expect(paused).toEqual(['gone']);
    await new FeedHealthBook(store).resume('gone', feed('gone', '/gone.xml').url);
    expect((await run()).requests).toBe(1);
  });

  it('429 Retry-After respected: no request before the server said', async () => {
    server.route('/busy.xml', { status: 429, retryAfter: 3_600, body: '' });
    const store = new MemoryStore();
    const first = await runPollCycle(deps(store, [feed('busy', '/busy.xml')]), options);
    expect(first.feeds[0]?.error?.code).toBe('feed/rate-limited');
    expect(Date.parse(first.feeds[0]?.nextPollAt ?? '') - now.getTime()).toBeGreaterThanOrEqual(3_600_000);
    advanceMinutes(59);
    expect((await runPollCycle(deps(store, [feed('busy', '/busy.xml')]), options)).requests).toBe(0);
    advanceMinutes(2);
    expect((await runPollCycle(deps(store, [feed('busy', '/busy.xml')]), options)).requests).toBe(1);
  });

  it('malformed XML affects only that feed', async () => {
    server.route('/good.xml', { body: rssFeed({ title: 'Good', items: numberedItems('good', 1, 3) }) });
    server.route('/broken.xml', { body: '<?xml version="1.0"?><rss><channel><title>Broken</title><item><title>cut' });
    const store = new MemoryStore();
    const report = await runPollCycle(
      deps(store, [feed('broken', '/broken.xml'), feed('good', '/good.xml', { backfill: 3 })]),
      options,
    );
    const byId = new Map(report.feeds.map((r) => [r.feedId, r]));
    expect(byId.get('broken')).toMatchObject({ status: 'failed', health: 'failing', error: { code: 'feed/parse' } });
    expect(byId.get('good')).toMatchObject({ status: 'fetched', health: 'ok', items: 3, newItems: 3 });
    expect(announced.map((i) => i.title)).toEqual(['good story 3', 'good story 2', 'good story 1']);
  });

  it('two feeds, same URL → one request', async () => {
    server.route('/shared.xml', { body: rssFeed({ title: 'Shared', items: numberedItems('s', 1, 2) }) });
    const report = await runPollCycle(
      deps(new MemoryStore(), [feed('a', '/shared.xml'), feed('b', '/shared.xml')]),
      options,
    );
    expect(report.requests).toBe(1);
    expect(server.requestsTo('/shared.xml')).toHaveLength(1);
    expect(report.feeds.map((r) => [r.feedId, r.status, r.items])).toEqual([
      ['a', 'fetched', 2],
      ['b', 'fetched', 2],
    ]);
  });

  it('two feeds, same URL, different intervals → polled together, so neither misses items', async () => {
    server.route('/pair.xml', { etag: '"p1"', body: rssFeed({ title: 'Pair', items: numberedItems('p', 1, 2) }) });
    const store = new MemoryStore();
    const pair = [feed('often', '/pair.xml', { intervalMinutes: 5 }), feed('rarely', '/pair.xml', { intervalMinutes: 60 })];
    await runPollCycle(deps(store, pair), options);
    server.route('/pair.xml', { etag: '"p2"', body: rssFeed({ title: 'Pair', items: numberedItems('p', 1, 3) }) });
    advanceMinutes(6);
    const report = await runPollCycle(deps(store, pair), options);
    expect(report.requests).toBe(1);
    expect(report.feeds.map((r) => [r.feedId, r.status, r.newItems])).toEqual([
      ['often', 'fetched', 1],
      ['rarely', 'fetched', 0],
    ]);
    // The story is one item (same link) but both feeds have now seen it: the next 304 hides nothing.
    expect(announced.map((i) => [i.feedId, i.title])).toEqual([['often', 'p story 3']]);
  });

  it('per-host limit never exceeded, yet requests do overlap', async () => {
    let open = 0;
    let peak = 0;
    const body = rssFeed({ title: 'Slow', items: numberedItems('slow', 1, 1) });
    for (let i = 0; i < 8; i += 1) {
      server.route(`/slow-${i}.xml`, async (_request, response) => {
        open += 1;
        peak = Math.max(peak, open);
        await new Promise((resolve) => setTimeout(resolve, 15));
        open -= 1;
        response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
      });
    }
    const feeds = Array.from({ length: 8 }, (_, i) => feed(`slow-${i}`, `/slow-${i}.xml`));
    const report = await runPollCycle(deps(new MemoryStore(), feeds), { ...options, perHostConcurrency: 3, concurrency: 8 });
    expect(report.feeds.every((r) => r.status === 'fetched')).toBe(true);
    expect(peak).toBe(3);
  });

  it('first poll announces none; backfill 2 announces the newest 2; later items are announced', async () => {
    server.route('/plain.xml', { body: rssFeed({ title: 'Plain', items: numberedItems('p', 1, 5) }) });
    server.route('/backfill.xml', { body: rssFeed({ title: 'Backfill', items: numberedItems('b', 1, 5) }) });
    const store = new MemoryStore();
    const feeds = [feed('plain', '/plain.xml'), feed('backfill', '/backfill.xml', { backfill: 2 })];
    const first = await runPollCycle(deps(store, feeds), options);
    expect(first.feeds.map((r) => [r.feedId, r.items, r.newItems])).toEqual([
      ['plain', 5, 0],
      ['backfill', 5, 2],
    ]);
    expect(announced.map((i) => i.title)).toEqual(['b story 5', 'b story 4']);

    announced = [];
    server.route('/plain.xml', { body: rssFeed({ title: 'Plain', items: numberedItems('p', 1, 7) }) });
    advanceMinutes(11);
    await runPollCycle(deps(store, feeds), options);
    expect(announced.map((i) => i.title)).toEqual(['p story 7', 'p story 6']);
  });

  it('same canonical link in two feeds → one item', async () => {
    const store = new MemoryStore();
    server.route('/world.xml', { body: rssFeed({ title: 'World', items: numberedItems('w', 1, 2) }) });
    server.route('/asia.xml', { body: rssFeed({ title: 'Asia', items: numberedItems('a', 1, 2) }) });
    const feeds = [feed('dw-world', '/world.xml'), feed('dw-asia', '/asia.xml')];
    await runPollCycle(deps(store, feeds), options);
    const shared = { title: 'Kabul talks', guid: 'x', date: 'Sat, 28 Nov 2026 12:30:00 GMT' };
    server.route('/world.xml', {
      body: rssFeed({ title: 'World', items: [{ ...shared, guid: 'world-77', link: 'https://news.example.org/kabul-talks?utm_source=rss' }, ...numberedItems('w', 1, 2)] }),
    });
    server.route('/asia.xml', {
      body: rssFeed({ title: 'Asia', items: [{ ...shared, title: 'Kabul talks (Asia desk)', guid: 'asia-12', link: 'https://NEWS.example.org/kabul-talks#top' }, ...numberedItems('a', 1, 2)] }),
    });
    advanceMinutes(11);
    const report = await runPollCycle(deps(store, feeds), options);
    expect(report.newItems).toBe(1);
    expect(announced).toHaveLength(1);
    expect(announced[0]?.link).toBe('https://news.example.org/kabul-talks');
  });

  it('restart → nothing announced twice (sqlite store reopened)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sitrep-poll-'));
    const url = `sqlite://${path.join(dir, 'sitrep.sqlite')}`;
    try {
      const feeds = [feed('un', '/un.xml')];
      server.route('/un.xml', { body: rssFeed({ title: 'UN', items: numberedItems('un', 1, 3) }) });
      let store = await openStore(url);
      await runPollCycle(deps(store, feeds), options);
      server.route('/un.xml', { body: rssFeed({ title: 'UN', buildDate: 'Sat, 28 Nov 2026 13:05:00 GMT', items: numberedItems('un', 1, 5) }) });
      advanceMinutes(11);
      await runPollCycle(deps(store, feeds), options);
      expect(announced.map((i) => i.title)).toEqual(['un story 5', 'un story 4']);
      await store.close();

      store = await openStore(url);
      // A changed body (new build date, same items) is re-parsed: dedup, not the body hash, must hold.
      server.route('/un.xml', { body: rssFeed({ title: 'UN', buildDate: 'Sat, 28 Nov 2026 13:30:00 GMT', items: numberedItems('un', 1, 5) }) });
      advanceMinutes(11);
      const report = await runPollCycle(deps(store, feeds), options);
      expect(report.feeds[0]).toMatchObject({ status: 'fetched', items: 5, newItems: 0 });
      expect(announced).toHaveLength(2);
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('304 with ETag → unchanged, validators sent back, nothing re-parsed', async () => {
    server.route('/etag.xml', { etag: '"v1"', body: rssFeed({ title: 'E', items: numberedItems('e', 1, 2) }) });
    const store = new MemoryStore();
    await runPollCycle(deps(store, [feed('e', '/etag.xml')]), options);
    advanceMinutes(11);
    const report = await runPollCycle(deps(store, [feed('e', '/etag.xml')]), options);
    expect(report.feeds[0]).toMatchObject({ status: 'unchanged', httpStatus: 304, health: 'ok' });
    expect(server.requestsTo('/etag.xml')[1]?.headers['if-none-match']).toBe('"v1"');
    expect((await new FeedHealthBook(store).get('e'))?.lastItemCount).toBe(2);
  });

  it('config URL changed → old validators are not sent and the first-poll rule applies again', async () => {
    server.route('/old.xml', { etag: '"old"', body: rssFeed({ title: 'Old', items: numberedItems('o', 1, 2) }) });
    server.route('/new.xml', { etag: '"old"', body: rssFeed({ title: 'New', items: numberedItems('n', 1, 4) }) });
    const store = new MemoryStore();
    await runPollCycle(deps(store, [feed('moved', '/old.xml')]), options);
    const report = await runPollCycle(deps(store, [feed('moved', '/new.xml')]), options);
    expect(report.feeds[0]).toMatchObject({ status: 'fetched', items: 4, newItems: 0 });
    expect(server.requestsTo('/new.xml')[0]?.headers['if-none-match']).toBeUndefined();
    expect((await new FeedHealthBook(store).get('moved'))?.url).toBe(server.url('/new.xml'));
  });

  it('a feed not yet due is not fetched; force polls it anyway; dry run writes nothing', async () => {
    server.route('/due.xml', { body: rssFeed({ title: 'D', items: numberedItems('d', 1, 1) }) });
    const store = new MemoryStore();
    await runPollCycle(deps(store, [feed('d', '/due.xml')]), options);
    advanceMinutes(5);
    expect((await runPollCycle(deps(store, [feed('d', '/due.xml')]), options)).requests).toBe(0);
    const health = await new FeedHealthBook(store).get('d');
    const forced = await runPollCycle(deps(store, [feed('d', '/due.xml')]), { ...options, force: true, dryRun: true });
    expect(forced.requests).toBe(1);
    expect(await new FeedHealthBook(store).get('d')).toEqual(health);
  });

  it('onNewItems throws → items are offered again on the next poll', async () => {
    const store = new MemoryStore();
    server.route('/h.xml', { body: rssFeed({ title: 'H', items: numberedItems('h', 1, 2) }) });
    let fail = true;
    const flaky = deps(store, [feed('h', '/h.xml', { backfill: 1 })], {
      onNewItems: async (items) => {
        if (fail) throw new Error('delivery down');
        announced.push(...items);
      },
    });
    const first = await runPollCycle(flaky, options);
    expect(first.feeds[0]).toMatchObject({ status: 'fetched', newItems: 0, error: { code: 'pipeline/hand-off' } });
    fail = false;
    advanceMinutes(11);
    await runPollCycle(flaky, options);
    expect(announced.map((i) => i.title)).toEqual(['h story 2']);
  });
});
