import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createSlackAdapter } from '../src/adapters/slack/create-slack-adapter.js';
import { createDeliveryEngine } from '../src/delivery/delivery-engine.js';
import { createSubscriptionRepo } from '../src/delivery/subscription-repo.js';
import { createSilentLogger } from '../src/domain/logger.js';
import type { Story } from '../src/domain/story.js';
import { subscriptionSchema } from '../src/domain/subscription.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { startSlackEmulator } from '../test/emulators/slack/slack-emulator.js';

/**
 * `npm run bench:delivery:slack [-- --channels N] [-- --workspace-per-minute M]`:
 * one story fanned out to N subscribed Slack channels through the real adapter
 * (Web API client over HTTP) and the Slack emulator, on real time.
 *
 * Emulated limits: chat.postMessage about 1 message/s per channel (burst 2) and a
 * workspace limit of M per minute (default 600 — Slack documents "several hundred
 * per minute" for chat.postMessage above the per-channel limit). The engine's Slack
 * global rate is set to M/60 per second, as the composition root would from settings.
 * `--engine-per-second R` sets it otherwise (to see 429 handling when the two disagree).
 * Bound: N / (M/60) seconds (each channel gets one message, so the per-channel
 * limit never binds). Prints a summary line and one JSON line.
 */
const { values } = parseArgs({
  options: {
    channels: { type: 'string', default: '1000' },
    'workspace-per-minute': { type: 'string', default: '600' },
    concurrency: { type: 'string', default: '4' },
    /** The engine's Slack rate; default matches the emulated workspace limit. */
    'engine-per-second': { type: 'string' },
  },
});
const channels = Number(values.channels);
const perMinute = Number(values['workspace-per-minute']);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(channels) || channels < 1 || !(perMinute > 0) || !(concurrency >= 1)) {
  console.error('usage: delivery-slack [--channels N] [--workspace-per-minute M] [--concurrency C]');
  process.exit(2);
}

const emulator = await startSlackEmulator({ limits: { perChannelPerSecond: 1, perChannelBurst: 2, workspacePerMinute: perMinute } });
const store = new MemoryStore();
const subscriptions = createSubscriptionRepo(store);
for (let i = 0; i < channels; i += 1) {
  const channelId = `C${String(i).padStart(8, '0')}`;
  emulator.state.addChannel(channelId);
  await subscriptions.save(
    subscriptionSchema.parse({ id: `sub-${i}`, platform: 'slack', workspaceId: emulator.teamId, channelId, topics: ['security'], createdBy: 'bench', createdAt: new Date().toISOString() }),
  );
}
const adapter = createSlackAdapter({ botToken: emulator.botToken, mode: 'socket', appToken: emulator.appToken, apiUrl: emulator.apiUrl, logger: createSilentLogger() });
const perSecond = values['engine-per-second'] ? Number(values['engine-per-second']) : perMinute / 60;
const engine = createDeliveryEngine({
  store,
  subscriptions,
  adapters: [adapter],
  clock: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  concurrency,
  maxQueuePerChannel: 50,
  limits: { slack: { globalPerSecond: perSecond, globalBurst: Math.min(2, perSecond) } },
});

const published = new Date().toISOString();
const report = { itemId: 'i1', feedId: 'f1', source: 'Outlet', title: 'Fan-out story', link: 'https://news.example/1', published };
const story: Story = { id: 'story-1', firstReport: report, reports: [report], topics: ['security'], scores: { security: 0.9 }, places: ['AF'], actors: [], firstSeen: published, lastUpdated: published };
const item = { id: 'i1', feedId: 'f1', title: report.title, summary: 'Summary.', link: report.link, guid: null, published, sourceTags: [], language: 'en', intel: { topics: ['security'], scores: { security: 0.9 }, reasons: {}, places: ['AF'], actors: [], summary: 'Summary.' } };

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
};
const sampler = setInterval(sample, 250);
const cpuBefore = process.cpuUsage();
const t0 = performance.now();
await engine.handleStoryEvent({ kind: 'story-created', story, item });
const routedMs = performance.now() - t0;
await engine.flush();
const wallSeconds = (performance.now() - t0) / 1_000;
clearInterval(sampler);
sample();
const cpu = process.cpuUsage(cpuBefore);

const posted = emulator.state.allMessages().length;
const requests = emulator.callsTo('chat.postMessage').length;
const boundSeconds = channels / Math.min(perSecond, perMinute / 60);
const stats = engine.stats();
const result = {
  bench: 'delivery-slack',
  channels,
  workspacePerMinute: perMinute,
  enginePerSecond: perSecond,
  wallSeconds: Number(wallSeconds.toFixed(2)),
  boundSeconds: Number(boundSeconds.toFixed(2)),
  ratio: Number((wallSeconds / boundSeconds).toFixed(3)),
  posted,
  requests,
  rateLimited429: emulator.rateLimited(),
  invalid: stats.invalid,
  rejected: stats.rejected,
  duplicates: posted - new Set(emulator.state.allMessages().map((m) => m.channel)).size,
  routingMs: Math.round(routedMs),
  cpuMs: Math.round((cpu.user + cpu.system) / 1_000),
  peakRssMB: Math.round(peakRss / 1_048_576),
  peakHeapMB: Math.round(peakHeap / 1_048_576),
};
console.log(
  `slack: ${channels} channels, workspace ${perMinute}/min, 1/s per channel — wall ${result.wallSeconds} s vs bound ${result.boundSeconds} s ` +
    `(${result.ratio}×), posted ${posted}/${channels}, 429s ${result.rateLimited429}, invalid ${result.invalid}, duplicates ${result.duplicates}, ` +
    `CPU ${result.cpuMs} ms, peak RSS ${result.peakRssMB} MB, heap ${result.peakHeapMB} MB`,
);
console.log(JSON.stringify(result));
await adapter.stop();
await emulator.close();
