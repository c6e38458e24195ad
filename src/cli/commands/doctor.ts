import { parseArgs } from 'node:util';
import { loadIntel } from '../../intel/annotate-item.js';
import { loadStoryIdf } from '../../intel/cluster/story-idf.js';
import { loadConfig, resolveConfigDir } from '../../settings/load-config.js';
import { openStore } from '../../store/keyv-store.js';
import type { CliIo } from '../cli-io.js';

const help = `Usage: sitrep doctor [--config DIR]

Checks the configuration, the store, the topic model, the story clustering reference
frequencies and — when configured — Discord and
Slack (tokens, signing secret, reachability of the configured base URLs, scopes reported by
auth.test), and says in plain words what is missing. Exit 0 when all is well, 1 otherwise.`;

interface Check {
  name: string;
  ok: boolean;
  detail: string;
  problems: string[];
}

export async function runDoctorCommand(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    io.stderr.write(`sitrep doctor: ${(error as Error).message}\n\n${help}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${help}\n`);
    return 0;
  }
  const config = await loadConfig({ configDir: resolveConfigDir(values.config, io.env, io.cwd), env: io.env, cwd: io.cwd });
  const checks: Check[] = [];
  const enabled = config.feeds.filter((feed) => feed.enabled).length;
  checks.push({ name: 'config', ok: true, detail: `${config.configDir}: ${enabled} of ${config.feeds.length} feeds enabled`, problems: [] });

  try {
    const store = await openStore(config.settings.store.url, { connectTimeoutMs: 5_000 });
    await store.close();
    checks.push({ name: 'store', ok: true, detail: config.settings.store.url.replace(/\/\/[^@/]*@/, '//…@'), problems: [] });
  } catch (error) {
    checks.push({ name: 'store', ok: false, detail: config.settings.store.url, problems: [`cannot open the store: ${(error as Error).message}. Check STORE_URL and that the server runs.`] });
  }

  const intel = await loadIntel(config.configDir);
  checks.push({
    name: 'topics',
    ok: intel.modelProblem === null,
    detail: `${intel.topics.topics.length} topics, ${intel.places.countries.length} countries, ${intel.actors.actors.length} actors`,
    problems: intel.modelProblem ? [`the trained topic model is not used (${intel.modelProblem}); run \`npm run train\`.`] : [],
  });

  const storyIdf = await loadStoryIdf();
  checks.push({
    name: 'stories',
    ok: storyIdf.ok,
    detail: storyIdf.ok
      ? `${config.settings.stories.windowHours} h window; reference frequencies of ${storyIdf.background.documents} documents`
      : `${config.settings.stories.windowHours} h window`,
    problems: storyIdf.ok ? [] : [`story clustering runs without reference frequencies (${storyIdf.message}).`],
  });

  const { env } = config;
  if (env.DISCORD_TOKEN || env.DISCORD_APPLICATION_ID || env.DISCORD_API_URL) {
    const { checkDiscord } = await import('../../adapters/discord/check-discord.js');
    const report = await checkDiscord({ token: env.DISCORD_TOKEN, applicationId: env.DISCORD_APPLICATION_ID, apiUrl: env.DISCORD_API_URL });
    checks.push({ name: 'discord', ok: report.ok, detail: `${report.apiUrl}${report.botUser ? ` as ${report.botUser}` : ''}`, problems: report.problems });
  } else {
    checks.push({ name: 'discord', ok: true, detail: 'not configured (set DISCORD_TOKEN and DISCORD_APPLICATION_ID to enable)', problems: [] });
  }
  if (env.SLACK_BOT_TOKEN || env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET || env.SLACK_API_URL) {
    const { checkSlack } = await import('../../adapters/slack/check-slack.js');
    const mode = env.SLACK_MODE ?? (env.SLACK_APP_TOKEN ? 'socket' : 'http');
    const report = await checkSlack({
      botToken: env.SLACK_BOT_TOKEN,
      mode,
      appToken: env.SLACK_APP_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      apiUrl: env.SLACK_API_URL,
      adminUsers: config.settings.slack.adminUsers,
    });
    const scopes = report.scopes.length > 0 ? `; scopes: ${report.scopes.join(', ')}` : '';
    checks.push({ name: 'slack', ok: report.ok, detail: `${mode} mode, ${report.apiUrl}${report.team ? ` in ${report.team}` : ''}${scopes}`, problems: report.problems });
  } else {
    checks.push({ name: 'slack', ok: true, detail: 'not configured (set SLACK_BOT_TOKEN and a signing secret or app token to enable)', problems: [] });
  }

  for (const check of checks) {
    io.stdout.write(`${check.ok ? '✓' : '✗'} ${check.name.padEnd(8)} ${check.detail}\n`);
    for (const problem of check.problems) io.stdout.write(`    → ${problem}\n`);
  }
  const failed = checks.filter((check) => !check.ok).length;
  io.stdout.write(failed === 0 ? '\nAll good.\n' : `\n${failed} check${failed === 1 ? '' : 's'} need attention.\n`);
  return failed === 0 ? 0 : 1;
}
