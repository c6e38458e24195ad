import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDiscordAdapter } from '../src/adapters/discord/discord-adapter.js';
import { createDeliveryEngine } from '../src/delivery/delivery-engine.js';
import { defaultPlatformLimits } from '../src/delivery/platform-limits.js';
import { createSubscriptionRepo } from '../src/delivery/subscription-repo.js';
import type { AnnotatedItem } from '../src/domain/annotations.js';
import type { Story } from '../src/domain/story.js';
import { subscriptionSchema } from '../src/domain/subscription.js';
import { MemoryStore } from '../src/store/memory-store.js';

interface EmulatorInfo {
  apiUrl: string;
  token: string;
  applicationId: string;
  guildId: string;
}
interface EmulatorReport {
  posted: number;
  duplicates: number;
  http429: number;
  invalidRequests: number;
  rssMb: number;
}

/**
 * `npm run bench:delivery:discord [-- --channels N]`: one story fanned out to N
 * subscribed channels (default 10,000) end to end — delivery engine, outbox,
 * real discord.js REST — through the local Discord emulator enforcing Discord's
 * 50 requests/s global limit and 5-per-5-s channel buckets, with network latency.
 * The bound is N / 50 s (200 s for 10,000); the target is within 1.1× of it,
 * with 0 invalid requests. Prints one JSON line. The full run takes about 3.5 minutes. The emulator runs in a
 * child process (bench/discord-emulator-process.ts), as Discord is remote.
 */
const { values } = parseArgs({
  options: {
    channels: { type: 'string', default: '10000' },
    latency: { type: 'string', default: '25' },
    concurrency: { type: 'string', default: '8' },
    // The engine's Discord pacing; unset means its production defaults (platform-limits.ts).
    rate: { type: 'string' },
    burst: { type: 'string' },
  },
});
const pacing = {
  ...(values.rate ? { globalPerSecond: Number(values.rate) } : {}),
  ...(values.burst ? { globalBurst: Number(values.burst) } : {}),
};
const channels = Number(values.channels);
const latencyMs = Number(values.latency);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(channels) || channels < 1 || !Number.isFinite(latencyMs) || !Number.isInteger(concurrency) || concurrency < 1) {
  process.stderr.write('usage: delivery-discord [--channels N] [--latency MS] [--concurrency N]\n');
  process.exit(2);
}

const globalPerSecond = 50;
const channelIds = Array.from({ length: channels }, (_, i) => String(730_000_000_000_000_000n + BigInt(i)));
const child = fork(fileURLToPath(new URL('./discord-emulator-process.js', import.meta.url)));
child.once('exit', (code) => {
  if (code !== 0) {
    process.stderr.write(`delivery-discord: the emulator process exited with code ${code}\n`);
    process.exit(1);
  }
});
const emulator = await new Promise<EmulatorInfo>((resolve) => {
  child.once('message', (message) => resolve(message as EmulatorInfo));
  child.send({ channels: channelIds, latencyMs, globalPerSecond });
});
const report = (): Promise<EmulatorReport> =>
  new Promise((resolve) => {
    child.once('message', (message) => resolve((message as { report: EmulatorReport }).report));
    child.send('report');
  });

const store = new MemoryStore();
const subscriptions = createSubscriptionRepo(store);
for (const [i, channelId] of channelIds.entries()) {
  await subscriptions.save(
    subscriptionSchema.parse({
      id: `sub-${i}`,
      platform: 'discord',
      workspaceId: emulator.guildId,
      channelId,
      topics: ['security'],
      createdBy: 'bench',
      createdAt: '2026-01-01T00:00:00.000Z',
    }),
  );
}

const adapter = createDiscordAdapter({ token: emulator.token, applicationId: emulator.applicationId, apiUrl: emulator.apiUrl });
await adapter.start(async () => ({ ephemeral: true, lines: ['bench'] }));
const engine = createDeliveryEngine({
  store,
  subscriptions,
  adapters: [adapter],
  clock: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  concurrency,
  limits: { discord: pacing },
  topicLabel: (id) => (id === 'security' ? 'Security' : id),
});

const published = new Date().toISOString();
const firstReport = { itemId: 'i1', feedId: 'f1', source: 'Outlet A', title: 'Clashes near Kabul airport', link: 'https://news.example/1', published };
const story: Story = {
  id: 'story-1',
  firstReport,
  reports: [firstReport],
  topics: ['security'],
  scores: { security: 0.9 },
  places: ['AF', 'AF-KAB'],
  actors: [],
  firstSeen: published,
  lastUpdated: published,
};
const item: AnnotatedItem = {
  id: 'i1',
  feedId: 'f1',
  title: firstReport.title,
  summary: 'Fighting broke out near the airport on Monday, officials said.',
  link: firstReport.link,
  guid: null,
  published,
  sourceTags: [],
  language: 'en',
  intel: { topics: ['security'], scores: { security: 0.9 }, reasons: {}, places: ['AF'], actors: [], summary: 'Fighting broke out near the airport on Monday, officials said.' },
};

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
};
const sampler = setInterval(sample, 250);

const started = performance.now();
const routed = await engine.handleStoryEvent({ kind: 'story-created', story, item });
const routedMs = performance.now() - started;
const sendStarted = performance.now();
await engine.flush();
const ended = performance.now();
const wallSeconds = (ended - started) / 1_000;
const sendSeconds = (ended - sendStarted) / 1_000;
clearInterval(sampler);
sample();

const remote = await report();
const boundSeconds = channels / globalPerSecond;
const stats = engine.stats();
const result = {
  bench: 'delivery-discord',
  channels,
  routed: routed.instant,
  posted: remote.posted,
  duplicates: remote.duplicates,
  wallSeconds: Number(wallSeconds.toFixed(2)),
  sendSeconds: Number(sendSeconds.toFixed(2)),
  boundSeconds,
  ratio: Number((wallSeconds / boundSeconds).toFixed(3)),
  target: 1.1,
  http429: remote.http429,
  invalidRequests: remote.invalidRequests,
  engine: { delivered: stats.delivered, rateLimited: stats.rateLimited, rejected: stats.rejected, failed: stats.failed, errors: stats.errors },
  routingMs: Math.round(routedMs),
  latencyMs,
  concurrency,
  pacing: { ...defaultPlatformLimits.discord, ...pacing },
  peakRssMb: Math.round(peakRss / 1_048_576),
  peakHeapMb: Math.round(peakHeap / 1_048_576),
  emulatorRssMb: remote.rssMb,
  note: 'memory is the bot process (engine, outbox in a MemoryStore, discord.js caching every channel); the emulator runs in a child process',
};
console.log(JSON.stringify(result));
await adapter.stop();
child.send('close');
if (remote.posted !== channels || remote.duplicates > 0) process.exitCode = 1;
