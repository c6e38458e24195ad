import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDemoFeedServer } from '../../demo/demo-feed-server.js';
import { createSitrep } from '../../main.js';
import type { FeedDefinition } from '../../pipeline/feed-definition.js';
import { loadConfig, packageRoot, resolveConfigDir } from '../../settings/load-config.js';
import { MemoryStore } from '../../store/memory-store.js';
import { buildLogger } from '../../app/wiring.js';
import type { CliIo } from '../cli-io.js';
import { waitForShutdownSignal } from '../shutdown-signal.js';

const help = `Usage: sitrep demo [--port N] [--wave-after SECONDS] [--duration SECONDS]

Serves Sitrep's own sample feeds (demo/feeds) on 127.0.0.1 and runs the worker against them
with an in-memory store, printing alerts and story updates to the terminal. No network needed.
  --port        port of the sample feed server (default: any free port)
  --wave-after  seconds until the second wave of sample news is published (default 20)
  --duration    stop by itself after this many seconds (default: run until Ctrl-C)`;

function positive(value: string | undefined, name: string, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new Error(`--${name}: expected a non-negative number, got "${value}"`);
  return number;
}

export async function runDemoCommand(argv: string[], io: CliIo): Promise<number> {
  let options: { port: number | undefined; waveAfter: number; duration: number | undefined };
  try {
    const { values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, 'wave-after': { type: 'string' }, duration: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.stdout.write(`${help}\n`);
      return 0;
    }
    options = {
      port: positive(values.port, 'port', undefined),
      waveAfter: positive(values['wave-after'], 'wave-after', 20) ?? 20,
      duration: positive(values.duration, 'duration', undefined),
    };
  } catch (error) {
    io.stderr.write(`sitrep demo: ${(error as Error).message}\n\n${help}\n`);
    return 2;
  }

  const server = await startDemoFeedServer({ feedsDir: join(packageRoot(), 'demo/feeds'), port: options.port, waveAfterMs: options.waveAfter * 1000 });
  const base = await loadConfig({ configDir: resolveConfigDir(undefined, {}, packageRoot()), env: {}, cwd: io.cwd });
  // The demo's feeds live on loopback by design; everything else keeps its defaults.
  const config = {
    ...base,
    settings: { ...base.settings, fetch: { ...base.settings.fetch, allowPrivateNetworks: true }, polling: { ...base.settings.polling, tick: '*/5 * * * * *' } },
  };
  const feeds: FeedDefinition[] = server.feeds.map((feed) => ({
    id: feed.id,
    url: `${server.baseUrl}${feed.path}`,
    source: feed.id.replace(/^demo-/, '').replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
    // Sample feeds change fast on purpose; real feeds keep the 1-minute floor of feeds.yaml.
    intervalMinutes: 0.25,
    regionHints: [],
    topicHints: [],
    enabled: true,
    backfill: 0,
  }));
  const logger = buildLogger(base.env, io.stderr, 'warn');
  const sitrep = await createSitrep({ config, logger, adapters: [], feeds, announceFirstPoll: true, store: new MemoryStore(), printEventsTo: io.stdout });
  io.stdout.write(
    `Sitrep demo: ${feeds.length} sample feeds served at ${server.baseUrl}; a second wave of news arrives after ${options.waveAfter} s.\n` +
      `Alerts and story updates appear below. Ctrl-C stops.\n\n`,
  );
  await sitrep.start();
  const stopReason = options.duration === undefined
    ? await waitForShutdownSignal()
    : await Promise.race([waitForShutdownSignal(), new Promise<'duration'>((resolve) => setTimeout(() => resolve('duration'), (options.duration ?? 0) * 1000))]);
  await sitrep.stop(5_000);
  await server.close();
  io.stdout.write(`demo stopped (${stopReason})\n`);
  return 0;
}
