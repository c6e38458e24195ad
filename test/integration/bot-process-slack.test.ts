import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../emulators/feed-server.js';
import { startSlackEmulator, type SlackEmulator } from '../emulators/slack/slack-emulator.js';
import { writeE2eConfig } from './helpers/e2e-config.js';
import { ensureBuilt } from './helpers/ensure-built.js';

/**
 * The real bot as a user runs it — `sitrep run` as a child process in Socket Mode —
 * configured only through the documented environment variables, against the Slack
 * emulator and a local feed server.
 */
const channel = 'C0SITREPE2E';
const cli = resolve('dist/src/cli/main.js');

function rss(item: { guid: string; title: string; description: string }): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://news.example/</link>` +
    `<item><title>${item.title}</title><link>https://news.example/${item.guid}</link><guid>${item.guid}</guid>` +
    `<pubDate>${new Date(Date.now() - 60_000).toUTCString()}</pubDate><description>${item.description}</description></item></channel></rss>`;
}

const talks = {
  wire: { guid: 'w1', title: 'Sudan army and RSF envoys meet in Jeddah for ceasefire talks', description: 'Envoys of the Sudanese army and the Rapid Support Forces met in Jeddah on Monday for talks on a ceasefire, Saudi and US mediators said. &lt;!channel&gt; urged calm.' },
  broadcaster: { guid: 'b1', title: 'Ceasefire talks between Sudan’s warring sides open in Jeddah', description: 'Talks between Sudan’s army and the paramilitary RSF opened in the Saudi city of Jeddah on Monday, with US and Saudi mediators pressing for a ceasefire.' },
};

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
}

describe('the sitrep process on Slack (Socket Mode), configured through the environment', () => {
  let slack: SlackEmulator;
  let feeds: FeedServer;
  let worker: ChildProcess | null = null;
  let stderr = '';

  beforeAll(async () => {
    await ensureBuilt();
    slack = await startSlackEmulator();
    slack.state.addChannel(channel, { name: 'news-desk' });
    slack.state.addUser('U0ADMIN', { name: 'editor', isAdmin: true });
    feeds = await startFeedServer();
    feeds.route('/wire.xml', { status: 503 });
    feeds.route('/broadcaster.xml', { status: 503 });
    const configDir = await writeE2eConfig([
      { id: 'wire', source: 'Wire Agency', url: feeds.url('/wire.xml') },
      { id: 'broadcaster', source: 'Broadcaster', url: feeds.url('/broadcaster.xml') },
    ]);
    worker = spawn(process.execPath, [cli, 'run'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env['PATH'],
        SITREP_CONFIG_DIR: configDir,
        STORE_URL: `sqlite://${join(configDir, 'store.sqlite')}`,
        SITREP_ALLOW_PRIVATE_NETWORKS: 'true',
        SITREP_LOG_LEVEL: 'warn',
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_APP_TOKEN: slack.appToken,
        SLACK_MODE: 'socket',
        SLACK_API_URL: slack.apiUrl,
      },
    });
    worker.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 30_000;
    while (slack.socket.connections() === 0) {
      if (Date.now() > deadline) throw new Error(`the worker never opened a Socket Mode connection:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 120_000);

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await slack?.close();
    await feeds?.close();
  });

  it('subscribe by slash command, one Block Kit alert with mentions escaped, a second outlet edits it, SIGTERM exits 0', async () => {
    const { responseUrl } = await slack.slashCommand({ text: 'subscribe topics:diplomacy,security', userId: 'U0ADMIN', channelId: channel });
    const reply = await slack.responseTo(responseUrl, 15_000);
    expect(JSON.stringify(reply.body)).toMatch(/Subscribed/);

    feeds.route('/wire.xml', { body: rss(talks.wire) });
    await slack.waitFor(() => slack.state.channelMessages(channel).length === 1, 20_000);
    const [alert] = slack.state.channelMessages(channel);
    expect(JSON.stringify(alert?.blocks)).toContain('Jeddah');
    expect(JSON.stringify(alert?.blocks)).not.toContain('<!channel>');
    expect(alert?.unfurl_links).toBe(false);

    feeds.route('/broadcaster.xml', { body: rss(talks.broadcaster) });
    await slack.waitFor(() => (slack.state.channelMessages(channel)[0]?.edits.length ?? 0) > 0, 20_000);
    expect(slack.state.channelMessages(channel)).toHaveLength(1);
    // `edits` keeps the versions replaced; the message holds the current one.
    expect(JSON.stringify(slack.state.channelMessages(channel)[0]?.blocks)).toContain("Broadcaster");

    const stopping = exitOf(worker!);
    worker!.kill('SIGTERM');
    expect(await stopping).toBe(0);
  }, 90_000);
});
