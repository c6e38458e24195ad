import { parseArgs } from 'node:util';
import { buildChatAdapters, lateChoices } from '../../adapters/build-adapters.js';
import { createSitrep } from '../../main.js';
import { loadConfig, resolveConfigDir } from '../../settings/load-config.js';
import { buildLogger } from '../../app/wiring.js';
import type { CliIo } from '../cli-io.js';
import { waitForShutdownSignal } from '../shutdown-signal.js';

const help = `Usage: sitrep run [--config DIR]

Runs the worker: polls the configured feeds on schedule, sorts items into topics, groups
stories and posts alerts to Discord and/or Slack when their tokens are set, else prints
them to the terminal. Ctrl-C (SIGINT) or SIGTERM stops it gracefully (exit 0).`;

export async function runRunCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.stderr.write(`sitrep run: ${(error as Error).message}\n\n${help}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout.write(`${help}\n`);
    return 0;
  }
  const config = await loadConfig({ configDir: resolveConfigDir(parsed.values.config, io.env, io.cwd), env: io.env, cwd: io.cwd });
  const logger = buildLogger(config.env, io.stderr);
  const choices = lateChoices();
  const adapters = await buildChatAdapters(config, logger, choices);
  const consoleOnly = adapters.length === 0;
  const sitrep = await createSitrep({ config, logger, adapters, ...(consoleOnly ? { printEventsTo: io.stdout } : {}) });
  choices.bind(sitrep.choices);
  const enabled = config.feeds.filter((feed) => feed.enabled).length;
  logger.info('sitrep started', {
    feeds: enabled,
    platforms: consoleOnly ? ['console'] : adapters.map((adapter) => adapter.platform),
    store: config.settings.store.url.replace(/\/\/[^@/]*@/, '//…@'),
    configDir: config.configDir,
  });
  if (consoleOnly) {
    io.stdout.write(`Sitrep is polling ${enabled} feeds; new stories appear here (no Slack or Discord token set). Ctrl-C stops.\n\n`);
  }
  await sitrep.start();
  const signal = await waitForShutdownSignal();
  logger.info('shutting down', { signal });
  const result = await sitrep.stop(config.settings.polling.shutdownDeadlineSeconds * 1000);
  logger.info('stopped', { finished: result.finished });
  return 0;
}
