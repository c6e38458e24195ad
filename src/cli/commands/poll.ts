import { parseArgs } from 'node:util';
import { buildChatAdapters, lateChoices } from '../../adapters/build-adapters.js';
import { toPublicItem } from '../../domain/feed-item.js';
import { createSitrep } from '../../main.js';
import { loadConfig, resolveConfigDir } from '../../settings/load-config.js';
import { MemoryStore } from '../../store/memory-store.js';
import { buildLogger } from '../../app/wiring.js';
import type { CliIo } from '../cli-io.js';
import { createProgress } from '../progress.js';

const help = `Usage: sitrep poll --once [--dry-run] [--json] [--config DIR]

Runs one poll cycle over every enabled feed, due or not, and exits.
  --once     required: one cycle (use \`sitrep run\` to keep polling)
  --json     one JSON object per new item on stdout (id, feedId, title, summary, link, published,
             sourceTags, language); logs go to stderr
  --dry-run  use a throwaway in-memory store: nothing is written and nothing is posted, so every
             item counts as new
New means not seen before in the store; unlike \`sitrep run\`, a feed's first poll counts too.
Exit codes: 0 done (even if some feeds failed; see the summary), 2 bad arguments or config.`;

export async function runPollCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        once: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr.write(`sitrep poll: ${(error as Error).message}\n\n${help}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout.write(`${help}\n`);
    return 0;
  }
  if (!parsed.values.once) {
    io.stderr.write(`sitrep poll: --once is required (use \`sitrep run\` to keep polling)\n\n${help}\n`);
    return 2;
  }
  const config = await loadConfig({ configDir: resolveConfigDir(parsed.values.config, io.env, io.cwd), env: io.env, cwd: io.cwd });
  const logger = buildLogger(config.env, io.stderr, parsed.values.json ? 'warn' : 'info');
  const dryRun = parsed.values['dry-run'];
  const choices = lateChoices();
  const adapters = dryRun ? [] : await buildChatAdapters(config, logger, choices);
  const json = parsed.values.json;
  const sitrep = await createSitrep({
    config,
    logger,
    adapters,
    announceFirstPoll: true,
    ...(dryRun ? { store: new MemoryStore() } : {}),
    ...(json
      ? { onStoryEvent: (event) => void io.stdout.write(`${JSON.stringify(toPublicItem(event.item))}\n`) }
      : adapters.length === 0
        ? { printEventsTo: io.stdout }
        : {}),
  });
  choices.bind(sitrep.choices);
  const progress = createProgress(io.stderr, 'polling');
  try {
    for (const adapter of adapters) await adapter.start(sitrep.commands);
    const report = await sitrep.pollOnce({ force: true, onProgress: progress.update });
    progress.done();
    const failed = report.feeds.filter((feed) => feed.error);
    io.stderr.write(
      `polled ${report.feeds.length} feeds (${report.requests} requests) in ${(report.elapsedMs / 1000).toFixed(1)} s: ${report.newItems} new items, ${failed.length} failed\n`,
    );
    for (const feed of failed) io.stderr.write(`  ${feed.feedId}: ${feed.error?.code}: ${feed.error?.message}\n`);
  } finally {
    await sitrep.stop(config.settings.polling.shutdownDeadlineSeconds * 1000);
  }
  return 0;
}
