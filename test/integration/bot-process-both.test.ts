import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordEmulator, type DiscordEmulator } from '../emulators/discord/discord-emulator.js';
import { startFeedServer, type FeedServer } from '../emulators/feed-server.js';
import { startSlackEmulator, type SlackEmulator } from '../emulators/slack/slack-emulator.js';
import { writeE2eConfig } from './helpers/e2e-config.js';
import { ensureBuilt } from './helpers/ensure-built.js';

/** One sitrep process serving Discord and Slack at once, each configured by its environment variables. */
const discordChannel = '720000000000000001';
const slackChannel = 'C0BOTHPLATFORMS';

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('one sitrep process, Discord and Slack together', () => {
  let discord: DiscordEmulator;
  let slack: SlackEmulator;
  let feeds: FeedServer;
  let worker: ChildProcess | null = null;

  beforeAll(async () => {
    await ensureBuilt();
    discord = await startDiscordEmulator({ channels: [discordChannel] });
    slack = await startSlackEmulator();
    slack.state.addChannel(slackChannel, { name: 'desk' });
    slack.state.addUser('U0ADMIN', { name: 'editor', isAdmin: true });
    feeds = await startFeedServer();
    feeds.route('/wire.xml', { status: 503 });
    const configDir = await writeE2eConfig([{ id: 'wire', source: 'Wire Agency', url: feeds.url('/wire.xml') }]);
    worker = spawn(process.execPath, [resolve('dist/src/cli/main.js'), 'run'], {
      stdio: ['ignore', 'ignore', 'ignore'],
      env: {
        PATH: process.env['PATH'],
        SITREP_CONFIG_DIR: configDir,
        STORE_URL: 'memory://',
        SITREP_ALLOW_PRIVATE_NETWORKS: 'true',
        DISCORD_TOKEN: discord.token,
        DISCORD_APPLICATION_ID: discord.applicationId,
        DISCORD_API_URL: discord.apiUrl,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_APP_TOKEN: slack.appToken,
        SLACK_API_URL: slack.apiUrl,
      },
    });
    await discord.gateway.ready();
    await until(() => slack.socket.connections() > 0, 30_000, 'the Slack Socket Mode connection');
  }, 120_000);

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await discord?.close();
    await slack?.close();
    await feeds?.close();
  });

  it('a story subscribed on both platforms is posted once on each', async () => {
    const onDiscord = await discord.runCommand({ path: ['subscribe'], options: { topics: 'humanitarian' }, channelId: discordChannel, permissions: String(1 << 5) }, 15_000);
    expect(onDiscord.text).toMatch(/Subscribed/);
    const { responseUrl } = await slack.slashCommand({ text: 'subscribe topics:humanitarian', userId: 'U0ADMIN', channelId: slackChannel });
    expect(JSON.stringify((await slack.responseTo(responseUrl, 15_000)).body)).toMatch(/Subscribed/);

    feeds.route('/wire.xml', {
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><link>https://news.example/</link><item><title>Floods displace 20,000 families in Sindh as aid agencies appeal for funds</title><link>https://news.example/f1</link><guid>f1</guid><pubDate>${new Date(Date.now() - 60_000).toUTCString()}</pubDate><description>Monsoon floods have displaced more than 20,000 families across Sindh province, the UN humanitarian office said, as relief agencies appealed for shelter and clean water.</description></item></channel></rss>`,
    });
    await until(() => discord.messagesIn(discordChannel).length > 0 && slack.state.channelMessages(slackChannel).length > 0, 20_000, 'an alert on both platforms');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(discord.messagesIn(discordChannel)).toHaveLength(1);
    expect(slack.state.channelMessages(slackChannel)).toHaveLength(1);
  }, 60_000);
});
