import { performance } from 'node:perf_hooks';
import type { ChatAdapter, DeliveryOutcome, OutboundMessage, Platform } from '../src/adapters/chat-adapter.js';
import { createDeliveryEngine } from '../src/delivery/delivery-engine.js';
import { createSubscriptionRepo } from '../src/delivery/subscription-repo.js';
import type { Story } from '../src/domain/story.js';
import { subscriptionSchema } from '../src/domain/subscription.js';
import { MemoryStore } from '../src/store/memory-store.js';

/**
 * `node dist/bench/delivery-core.js`: the delivery core alone (no SDK, no network)
 * fanning one story out to N channels on virtual time, against a platform stand-in
 * that enforces the rate limit in fixed one-second windows and answers 429 beyond
 * it. Reports virtual wall time versus the rate-limit bound, 429s, invalid
 * requests, CPU time and memory. The end-to-end figure through the Discord and
 * Slack emulators is `npm run bench:delivery` (adapter owners).
 */
interface Scenario {
  platform: Platform;
  channels: number;
  /** What the stand-in platform allows per one-second window, all channels together. */
  windowLimit: number;
}

function platformStandIn(platform: Platform, clock: () => number, windowLimit: number) {
  let windowStart = 0;
  let inWindow = 0;
  const stats = { requests: 0, rateLimited: 0, posted: 0 };
  const adapter: ChatAdapter = {
    platform,
    async start() {},
    async stop() {},
    async send(message: OutboundMessage): Promise<DeliveryOutcome> {
      stats.requests += 1;
      const now = clock();
      if (now - windowStart >= 1_000) {
        windowStart = now - ((now - windowStart) % 1_000);
        inWindow = 0;
      }
      if (inWindow >= windowLimit) {
        stats.rateLimited += 1;
        return { status: 'retry-after', retryAfterMs: 1_000 - (now - windowStart), reason: 'global rate limit' };
      }
      inWindow += 1;
      stats.posted += 1;
      return { status: 'delivered', ref: { platform, channelId: message.channelId, messageId: String(stats.posted) } };
    },
    async findPosted() {
      return null;
    },
  };
  return { adapter, stats };
}

async function run(scenario: Scenario): Promise<void> {
  let virtualNow = Date.parse('2026-03-01T12:00:00Z');
  const clock = () => new Date(virtualNow);
  const sleep = async (ms: number) => {
    virtualNow += ms;
  };
  const store = new MemoryStore(() => virtualNow);
  const subscriptions = createSubscriptionRepo(store);
  for (let i = 0; i < scenario.channels; i += 1) {
    await subscriptions.save(
      subscriptionSchema.parse({
        id: `sub-${i}`,
        platform: scenario.platform,
        workspaceId: 'w1',
        channelId: `c${i}`,
        topics: ['security'],
        createdBy: 'bench',
        createdAt: '2026-01-01T00:00:00.000Z',
      }),
    );
  }
  const { adapter, stats } = platformStandIn(scenario.platform, () => virtualNow, scenario.windowLimit);
  const engine = createDeliveryEngine({ store, subscriptions, adapters: [adapter], clock, sleep, concurrency: 8 });
  const report = { itemId: 'i1', feedId: 'f1', source: 'Outlet', title: 'Fan-out story', link: 'https://news.example/1', published: clock().toISOString() };
  const story: Story = {
    id: 'story-1',
    firstReport: report,
    reports: [report],
    topics: ['security'],
    scores: { security: 0.9 },
    places: ['AF'],
    actors: [],
    firstSeen: report.published,
    lastUpdated: report.published,
  };
  const item = { id: 'i1', feedId: 'f1', title: report.title, summary: 'Summary.', link: report.link, guid: null, published: report.published, sourceTags: [], language: 'en', intel: { topics: ['security'], scores: { security: 0.9 }, reasons: {}, places: ['AF'], actors: [], summary: 'Summary.' } };

  const cpuBefore = process.cpuUsage();
  const started = virtualNow;
  const t0 = performance.now();
  await engine.handleStoryEvent({ kind: 'story-created', story, item });
  const routedMs = performance.now() - t0;
  await engine.flush();
  const cpu = process.cpuUsage(cpuBefore);
  const virtualSeconds = (virtualNow - started) / 1_000;
  const bound = scenario.channels / scenario.windowLimit;
  const engineStats = engine.stats();
  console.log(
    `${scenario.platform}: ${scenario.channels} channels at ${scenario.windowLimit}/s — ` +
      `virtual wall ${virtualSeconds.toFixed(1)} s vs bound ${bound.toFixed(1)} s (${(virtualSeconds / bound).toFixed(3)}×), ` +
      `posted ${stats.posted}, 429s ${stats.rateLimited}, invalid ${engineStats.invalid}, ` +
      `routing+outbox ${routedMs.toFixed(0)} ms, CPU ${((cpu.user + cpu.system) / 1_000).toFixed(0)} ms, ` +
      `heap ${(process.memoryUsage().heapUsed / 1_048_576).toFixed(0)} MB`,
  );
}

await run({ platform: 'discord', channels: 10_000, windowLimit: 50 });
await run({ platform: 'slack', channels: 1_000, windowLimit: 20 });
