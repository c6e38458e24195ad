import { parseArgs } from 'node:util';
import { createSilentLogger } from '../../domain/logger.js';
import { runPollCycle, type FeedPollReport } from '../../pipeline/poll-cycle.js';
import { loadConfig, resolveConfigDir } from '../../settings/load-config.js';
import { MemoryStore } from '../../store/memory-store.js';
import { buildFetcher, buildPollOptions } from '../../app/wiring.js';
import type { CliIo } from '../cli-io.js';
import { createProgress } from '../progress.js';

const help = `Usage: sitrep feeds <check|list> [--json] [--config DIR]

  check   fetch every configured feed once (enabled or not) and report status, HTTP code,
          item count and time; changes nothing. Exit 1 when any enabled feed fails.
  list    print the configured feeds.
  --json  one JSON object per feed`;

function checkLine(report: FeedPollReport): string {
  const status = report.error ? report.error.code : report.status;
  const http = report.httpStatus === null ? '   ' : String(report.httpStatus);
  const items = report.items === null ? '   -' : String(report.items).padStart(4);
  const time = `${report.elapsedMs} ms`.padStart(8);
  return `${report.error ? '✗' : '✓'} ${report.feedId.padEnd(26)} ${http} ${items} items ${time}  ${status}${report.error ? `: ${report.error.message}` : ''}`;
}

export async function runFeedsCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.stderr.write(`sitrep feeds: ${(error as Error).message}\n\n${help}\n`);
    return 2;
  }
  const action = parsed.positionals[0];
  if (parsed.values.help || !action) {
    (parsed.values.help ? io.stdout : io.stderr).write(`${help}\n`);
    return parsed.values.help ? 0 : 2;
  }
  const config = await loadConfig({ configDir: resolveConfigDir(parsed.values.config, io.env, io.cwd), env: io.env, cwd: io.cwd });

  if (action === 'list') {
    for (const feed of config.feeds) {
      if (parsed.values.json) io.stdout.write(`${JSON.stringify(feed)}\n`);
      else io.stdout.write(`${feed.enabled ? ' ' : '-'} ${feed.id.padEnd(26)} every ${String(feed.intervalMinutes).padStart(3)} min  ${feed.url}\n`);
    }
    return 0;
  }
  if (action !== 'check') {
    io.stderr.write(`sitrep feeds: unknown action "${action}"\n\n${help}\n`);
    return 2;
  }

  const progress = createProgress(io.stderr, 'checking feeds');
  // A throwaway store: checking must not touch the worker's validators, dedup or health.
  const report = await runPollCycle(
    {
      feeds: config.feeds,
      fetcher: buildFetcher(config.settings),
      store: new MemoryStore(),
      clock: () => new Date(),
      logger: createSilentLogger(),
      onNewItems: async () => undefined,
    },
    { ...buildPollOptions(config.settings), force: true, includePaused: true, dryRun: true, onProgress: progress.update },
  );
  progress.done();
  const byId = new Map(report.feeds.map((feed) => [feed.feedId, feed] as const));
  let failures = 0;
  for (const feed of config.feeds) {
    const result = byId.get(feed.id);
    if (!result) continue;
    if (result.error && feed.enabled) failures += 1;
    if (parsed.values.json) {
      io.stdout.write(
        `${JSON.stringify({ id: feed.id, url: feed.url, enabled: feed.enabled, status: result.error ? 'failed' : 'ok', httpStatus: result.httpStatus, items: result.items, elapsedMs: result.elapsedMs, error: result.error })}\n`,
      );
    } else io.stdout.write(`${checkLine(result)}${feed.enabled ? '' : '  (disabled)'}\n`);
  }
  if (!parsed.values.json) {
    io.stdout.write(`\n${config.feeds.length - failures} of ${config.feeds.length} feeds OK in ${(report.elapsedMs / 1000).toFixed(1)} s\n`);
  }
  return failures > 0 ? 1 : 0;
}
