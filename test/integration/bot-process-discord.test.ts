import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordEmulator, type DiscordEmulator } from '../emulators/discord/discord-emulator.js';
import { startFeedServer, type FeedServer } from '../emulators/feed-server.js';
import { writeE2eConfig } from './helpers/e2e-config.js';
import { ensureBuilt } from './helpers/ensure-built.js';

/**
 * The real bot as a user runs it — `sitrep register-commands` and `sitrep run` as child
 * processes — configured only through the documented environment variables and config
 * folder, against the Discord emulator and a local feed server.
 */
const channel = '710000000000000001';
const cli = resolve('dist/src/cli/main.js');

function rss(items: { guid: string; title: string; description: string }[]): string {
  const now = Date.now();
  const body = items
    .map((item, index) => `<item><title>${item.title}</title><link>https://news.example/${item.guid}</link><guid>${item.guid}</guid><pubDate>${new Date(now - (items.length - index) * 60_000).toUTCString()}</pubDate><description>${item.description}</description></item>`)
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://news.example/</link>${body}</channel></rss>`;
}

const clash = {
  wire: { guid: 'w1', title: 'Taliban fighters attack army checkpoints in Kandahar, killing nine soldiers', description: 'Taliban fighters attacked three army checkpoints on the outskirts of Kandahar city overnight, killing nine soldiers, the defence ministry said.' },
  broadcaster: { guid: 'b1', title: 'Nine Afghan soldiers killed as Taliban storm Kandahar checkpoints', description: 'Militants stormed army checkpoints near Kandahar city overnight, killing nine soldiers, according to the defence ministry.' },
};

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
}

describe('the sitrep process on Discord, configured through the environment', () => {
  let discord: DiscordEmulator;
  let feeds: FeedServer;
  let env: NodeJS.ProcessEnv;
  let worker: ChildProcess | null = null;
  let stderr = '';

  beforeAll(async () => {
    await ensureBuilt();
    discord = await startDiscordEmulator({ channels: [channel] });
    feeds = await startFeedServer();
    // Both feeds fail until the test publishes, so the first successful poll comes after subscribing.
    feeds.route('/wire.xml', { status: 503 });
    feeds.route('/broadcaster.xml', { status: 503 });
    const configDir = await writeE2eConfig([
      { id: 'wire', source: 'Wire Agency', url: feeds.url('/wire.xml') },
      { id: 'broadcaster', source: 'Broadcaster', url: feeds.url('/broadcaster.xml') },
    ]);
    env = {
      PATH: process.env['PATH'],
      SITREP_CONFIG_DIR: configDir,
      STORE_URL: `sqlite://${join(configDir, 'store.sqlite')}`,
      SITREP_ALLOW_PRIVATE_NETWORKS: 'true',
      SITREP_LOG_LEVEL: 'warn',
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_GUILD_ID: discord.guildId,
    };
  }, 120_000);

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await discord?.close();
    await feeds?.close();
  });

  async function startWorker(): Promise<void> {
    worker = run(['run'], env);
    worker.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await discord.gateway.ready();
  }

  it('register-commands, subscribe, one alert, a second outlet edits it, SIGTERM exits 0, a restart posts nothing twice', async () => {
    const register = run(['register-commands'], env);
    expect(await exitOf(register)).toBe(0);

    await startWorker();
    const reply = await discord.runCommand({ path: ['subscribe'], options: { topics: 'security' }, channelId: channel, permissions: String(1 << 5) }, 15_000);
    expect(reply.ephemeral).toBe(true);
    expect(reply.text).toMatch(/Subscribed/);

    feeds.route('/wire.xml', { body: rss([clash.wire]) });
    const [alert] = await discord.waitForMessages(channel, 1, 20_000);
    expect(JSON.stringify(alert?.embeds)).toContain('Kandahar');
    expect(alert?.pings).toEqual([]);

    feeds.route('/broadcaster.xml', { body: rss([clash.broadcaster]) });
    const deadline = Date.now() + 20_000;
    while (discord.messagesIn(channel)[0]?.edited_timestamp == null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const edited = discord.messagesIn(channel);
    expect(edited).toHaveLength(1);
    expect(edited[0]?.edited_timestamp).not.toBeNull();
    expect(JSON.stringify(edited[0]?.embeds)).toContain('Broadcaster');

    const stopping = exitOf(worker!);
    worker!.kill('SIGTERM');
    expect(await stopping).toBe(0);

    await startWorker();
    await new Promise((r) => setTimeout(r, 3_000));
    expect(discord.messagesIn(channel)).toHaveLength(1);
    expect(stderr).not.toContain(discord.token);
  }, 90_000);
});
