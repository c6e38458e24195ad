import http from 'node:http';
import { parseArgs } from 'node:util';
import { createSilentLogger } from '../src/domain/logger.js';
import { createFeedFetcher, fetchDefaults } from '../src/feeds/fetch-feed.js';
import type { FeedDefinition } from '../src/pipeline/feed-definition.js';
import { pollCycleDefaults, runPollCycle, type PollCycleDeps } from '../src/pipeline/poll-cycle.js';
import { openStore } from '../src/store/keyv-store.js';
import { startPollBenchServer } from './poll-bench-server.js';

/**
 * Benchmark (b) of issue 2: one poll cycle of 1,000 feeds against local servers
 * answering after 50 ms, 80 % of them 304. The floor is feeds × latency / concurrency;
 * the target is within 2× of it.
 */
const { values } = parseArgs({
  options: {
    feeds: { type: 'string', default: '1000' },
    latency: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: String(pollCycleDefaults.concurrency) },
    'per-host': { type: 'string', default: String(pollCycleDefaults.perHostConcurrency) },
    hosts: { type: 'string', default: '50' },
    changed: { type: 'string', default: '0.2' },
    items: { type: 'string', default: '20' },
    store: { type: 'string', default: 'memory://' },
  },
});

const feedsCount = Number(values.feeds);
const latencyMs = Number(values.latency);
const concurrency = Number(values.concurrency);
const perHost = Number(values['per-host']);
const hosts = Number(values.hosts);
const changedShare = Number(values.changed);

/**
 * The same number of bare node:http GETs (fresh connection each, like the fetcher)
 * at the same concurrency: what this machine's TCP stack allows before any of our code.
 */
async function transportFloorMs(urls: readonly string[], parallel: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const url = urls[next++] ?? '';
      await new Promise<void>((resolve, reject) => {
        http
          .get(url, { agent: false, headers: { connection: 'close' } }, (response) => {
            response.resume();
            response.on('end', resolve);
          })
          .on('error', reject);
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return performance.now() - started;
}

const server = await startPollBenchServer({ feeds: feedsCount, hosts, latencyMs, items: Number(values.items) });
const store = await openStore(values.store);
try {
  const feeds: FeedDefinition[] = server.urls.map((url, i) => ({ id: `bench-${i}`, url, intervalMinutes: 15, enabled: true, language: 'en' }));
  let announced = 0;
  const deps: PollCycleDeps = {
    feeds,
    fetcher: createFeedFetcher({ ...fetchDefaults, userAgent: 'SitrepBench/1 (+mailto:bench@example.org)', allowPrivateNetworks: true }),
    store,
    clock: () => new Date(),
    logger: createSilentLogger(),
    onNewItems: async (items) => {
      announced += items.length;
    },
  };
  const options = { ...pollCycleDefaults, concurrency, perHostConcurrency: perHost, force: true };

  // Warm-up: every feed answers 200 once, so the store holds ETags and seen items.
  const warm = await runPollCycle(deps, options);
  const changed = await server.publishNewVersions(changedShare);
  const before = await server.requests();
  announced = 0;

  const started = performance.now();
  const report = await runPollCycle(deps, options);
  const elapsedMs = performance.now() - started;

  const after = await server.requests();
  const floorMs = await transportFloorMs(server.urls, concurrency);
  const boundMs = (feedsCount * latencyMs) / concurrency;
  const statuses: Record<string, number> = {};
  for (const feed of report.feeds) statuses[feed.status] = (statuses[feed.status] ?? 0) + 1;
  const result = {
    bench: 'ingest-poll',
    feeds: feedsCount,
    hosts,
    latencyMs,
    concurrency,
    perHostConcurrency: perHost,
    store: values.store,
    requests: after.total - before.total,
    notModified: after.notModified - before.notModified,
    changedFeeds: changed,
    newItemsAnnounced: announced,
    statuses,
    warmupMs: warm.elapsedMs,
    elapsedMs: Math.round(elapsedMs),
    boundMs: Math.round(boundMs),
    ratio: Number((elapsedMs / boundMs).toFixed(2)),
    target: 2,
    transportFloorMs: Math.round(floorMs),
    ratioToTransportFloor: Number((elapsedMs / floorMs).toFixed(2)),
  };
  process.stdout.write(
    [
      `poll cycle: ${feedsCount} feeds on ${hosts} hosts, ${latencyMs} ms latency, ${result.notModified} × 304, ${changed} changed (${result.newItemsAnnounced} new items)`,
      `concurrency ${concurrency} (≤ ${perHost} per host), store ${values.store}`,
      `elapsed ${result.elapsedMs} ms   bound feeds × latency / concurrency = ${result.boundMs} ms   ratio ${result.ratio} (target ≤ 2)`,
      `transport floor (bare node:http, same requests and concurrency) ${result.transportFloorMs} ms   ratio to it ${result.ratioToTransportFloor}`,
      JSON.stringify(result),
      '',
    ].join('\n'),
  );
  if (report.feeds.some((feed) => feed.status === 'failed')) process.exitCode = 1;
} finally {
  await store.close();
  await server.close();
}
