import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedItem } from '../../src/domain/feed-item.js';
import { createSilentLogger } from '../../src/domain/logger.js';
import { createFeedFetcher } from '../../src/feeds/fetch-feed.js';
import type { FeedDefinition } from '../../src/pipeline/feed-definition.js';
import { pollCycleDefaults, runPollCycle, type PollCycleDeps } from '../../src/pipeline/poll-cycle.js';
import type { PollCycleReport } from '../../src/pipeline/poll-report.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { startFeedServer, type FeedServer } from '../emulators/feed-server.js';

const corpus = path.resolve(process.cwd(), '../shared/feeds/real');
const manifest = path.join(corpus, 'MANIFEST.md');

/** `file → item count` from the corpus MANIFEST's tables (column 5). */
function manifestCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of readFileSync(manifest, 'utf8').split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const file = /^`([^`]+)`/.exec(cells[1] ?? '')?.[1];
    const count = Number(cells[5]);
    if (file && Number.isInteger(count)) counts.set(file, count);
  }
  return counts;
}

const contentTypes: Record<string, string> = { '.json': 'application/feed+json', '.xml': 'application/xml' };

if (!existsSync(manifest)) {
  describe('poll cycle over the real corpus served locally', () => {
    it.skip(`skipped: the real feed corpus is not at ${corpus}`, () => undefined);
  });
}

describe.runIf(existsSync(manifest))('poll cycle over the real corpus served locally', () => {
  let server: FeedServer;
  const feeds: FeedDefinition[] = [];
  const announced: FeedItem[] = [];
  const store = new MemoryStore();
  let now = new Date('2026-08-14T00:00:00Z');
  let deps: PollCycleDeps;

  beforeAll(async () => {
    server = await startFeedServer();
    for (const file of readdirSync(corpus).filter((name) => name !== 'MANIFEST.md').sort()) {
      // Served as bytes with a bare media type: charset detection is the pipeline's job.
      server.route(`/${file}`, { body: readFileSync(path.join(corpus, file)), headers: { 'content-type': contentTypes[path.extname(file)] ?? 'application/xml' } });
      feeds.push({ id: file.replace(/\.[a-z]+$/, ''), url: server.url(`/${file}`), intervalMinutes: 10, enabled: true });
    }
    deps = {
      feeds,
      fetcher: createFeedFetcher({
        userAgent: 'SitrepTest/1 (+mailto:test@example.org)', connectTimeoutMs: 5_000, totalTimeoutMs: 10_000,
        maxBytes: 5 * 1024 * 1024, maxRedirects: 5, allowPrivateNetworks: true,
      }),
      store,
      clock: () => now,
      logger: createSilentLogger(),
      onNewItems: async (items) => void announced.push(...items),
    };
  });
  afterAll(async () => {
    await server?.close();
  });

  let first: PollCycleReport;

  it('every file yields its MANIFEST item count; only the truncated one fails, as feed/parse', async () => {
    first = await runPollCycle(deps, { ...pollCycleDefaults, announceFirstPoll: true });
    const counts = manifestCounts();
    const byFeed = new Map(first.feeds.map((report) => [report.feedId, report]));
    for (const feed of feeds) {
      const file = path.basename(new URL(feed.url).pathname);
      const report = byFeed.get(feed.id);
      const expected = counts.get(file);
      if (expected === 0) {
        expect(report, file).toMatchObject({ status: 'failed', error: { code: 'feed/parse' }, health: 'failing' });
      } else {
        expect(report, file).toMatchObject({ status: 'fetched', items: expected, health: 'ok' });
      }
    }
  });

  it('one publisher in two feeds: shared stories are announced once', () => {
    const ids = (prefix: string) => new Set(announced.filter((item) => item.feedId.startsWith(prefix)).map((item) => item.link));
    // BBC poll2 holds all 28 poll1 items plus 4 new ones; NYT home shares 9 stories with NYT world.
    expect(ids('bbc-world').size).toBe(32);
    expect(announced.filter((item) => item.feedId.startsWith('bbc-world'))).toHaveLength(32);
    const nyt = announced.filter((item) => item.feedId.startsWith('nyt-'));
    expect(new Set(nyt.map((item) => item.link)).size).toBe(nyt.length);
    expect(nyt.length).toBeLessThanOrEqual(56 + 30 - 9);
  });

  it('the next cycle over the same documents announces nothing', async () => {
    const before = announced.length;
    now = new Date(now.getTime() + 11 * 60_000);
    const second = await runPollCycle(deps, pollCycleDefaults);
    expect(second.newItems).toBe(0);
    expect(announced).toHaveLength(before);
  });
});
