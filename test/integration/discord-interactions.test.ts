import { Writable } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandHandler, CommandRequest } from '../../src/adapters/chat-adapter.js';
import { buildCommandDefinitions, commandTree } from '../../src/adapters/discord/command-definitions.js';
import { createDiscordAdapter } from '../../src/adapters/discord/discord-adapter.js';
import { runRegisterCommandsCommand } from '../../src/cli/commands/register-commands.js';
import { commandSpecs } from '../../src/commands/command-specs.js';
import { feedText } from '../../src/commands/feed-text.js';
import { startDiscordEmulator, type DiscordEmulator } from '../emulators/discord/discord-emulator.js';
import { scratchDir } from '../helpers/scratch-dir.js';

/** Slash commands and autocomplete through the gateway, with real discord.js. */
const channel = '720000000000000001';
const manageGuild = String(1 << 5);
let emulator: DiscordEmulator;
let adapter: ReturnType<typeof createDiscordAdapter>;
let seen: CommandRequest[];

async function startWith(handler: CommandHandler, adminRoles: string[] = [], deferAfterMs = 2_000) {
  adapter = createDiscordAdapter(
    { token: emulator.token, applicationId: emulator.applicationId, apiUrl: emulator.apiUrl, adminRoles, deferAfterMs },
    {
      choices: {
        topics: () => [
          { id: 'security', label: 'Security' },
          { id: 'diplomacy', label: 'Diplomacy' },
          { id: 'humanitarian', label: 'Humanitarian' },
        ],
        feeds: async () => [{ id: 'un-news', title: 'UN News' }, { id: 'bbc-world', title: 'BBC World' }],
      },
    },
  );
  await adapter.start(async (request) => {
    seen.push(request);
    return handler(request);
  });
}

async function waitUntil(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const echo: CommandHandler = async (request) => ({ ephemeral: request.options['public'] !== true, lines: [`ran ${request.path.join(' ')}`] });

describe('discord interactions', () => {
  beforeEach(async () => {
    seen = [];
    emulator = await startDiscordEmulator({ channels: [channel], roles: [{ id: '610000000000000001', name: 'Sitrep Admins', permissions: '0' }] });
    emulator.state.commands.global = buildCommandDefinitions() as unknown as Record<string, unknown>[];
  });
  afterEach(async () => {
    await adapter.stop();
    await emulator.close();
  });

  it('logs in through DISCORD_API_URL, identifies with the Guilds intent only, and sees the guild', async () => {
    await startWith(echo);
    expect(emulator.gateway.identifies).toBe(1);
    expect(adapter.client?.guilds.cache.get(emulator.guildId)?.name).toBe('Emulated Guild');
    expect(adapter.client?.options.intents.bitfield).toBe(1);
    expect(emulator.state.requests.map((r) => r.path)).toContain('/gateway/bot');
  });

  it('heartbeats are acknowledged and a dropped gateway connection resumes: commands keep arriving', async () => {
    await emulator.close();
    emulator = await startDiscordEmulator({ channels: [channel], heartbeatIntervalMs: 40 });
    await startWith(echo);
    await waitUntil(() => emulator.gateway.heartbeats >= 2);
    emulator.gateway.disconnectAll(4000);
    await waitUntil(() => emulator.gateway.resumes >= 1);
    expect((await emulator.runCommand({ path: ['topics'], channelId: channel })).text).toBe('ran topics');
    expect(emulator.gateway.identifies).toBe(1);
  });

  it('a wrong token → start() rejects instead of hanging', async () => {
    adapter = createDiscordAdapter({ token: 'wrong', applicationId: emulator.applicationId, apiUrl: emulator.apiUrl });
    await expect(adapter.start(echo)).rejects.toThrow();
  });

  it('a subcommand in a group arrives as path and flat options, typed as registered', async () => {
    await startWith(echo);
    const reply = await emulator.runCommand({ path: ['feeds', 'interval'], options: { id: 'un-news', minutes: 30 }, channelId: channel, permissions: manageGuild });
    expect(seen[0]).toEqual({
      platform: 'discord',
      workspaceId: emulator.guildId,
      channelId: channel,
      userId: '100000000000000001',
      isAdmin: true,
      path: ['feeds', 'interval'],
      options: { id: 'un-news', minutes: 30 },
    });
    expect(reply).toMatchObject({ callbackType: 4, ephemeral: true, text: 'ran feeds interval' });
  });

  it('admin is Manage Server or a configured role (by name or id); anyone else is not', async () => {
    await startWith(echo, ['sitrep admins']);
    await emulator.runCommand({ path: ['status'], channelId: channel });
    await emulator.runCommand({ path: ['status'], channelId: channel, roles: ['610000000000000001'] });
    await emulator.runCommand({ path: ['status'], channelId: channel, permissions: String(1 << 3) /* Administrator */ });
    await emulator.runCommand({ path: ['status'], channelId: channel, permissions: String(1 << 4) /* Manage Channels only */ });
    expect(seen.map((r) => r.isAdmin)).toEqual([false, true, true, false]);
  });

  it('public:true → the reply is visible to the channel; otherwise ephemeral (flags 64)', async () => {
    await startWith(echo);
    expect((await emulator.runCommand({ path: ['topics'], options: { public: true }, channelId: channel })).ephemeral).toBe(false);
    expect((await emulator.runCommand({ path: ['topics'], channelId: channel })).ephemeral).toBe(true);
  });

  it('a slow command core → deferred within the deadline, then the answer edited in', async () => {
    await startWith(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return echo(request);
    }, [], 50);
    const reply = await emulator.runCommand({ path: ['recent'], channelId: channel });
    expect(reply).toMatchObject({ callbackType: 5, ephemeral: true, text: 'ran recent' });
  });

  it('a command core that throws → an ephemeral apology, the bot keeps serving', async () => {
    await startWith(async (request) => {
      if (request.path[0] === 'search') throw new Error('index down');
      return echo(request);
    });
    expect((await emulator.runCommand({ path: ['search'], options: { query: 'x' }, channelId: channel })).text).toMatch(/could not run this command/);
    expect((await emulator.runCommand({ path: ['topics'], channelId: channel })).text).toBe('ran topics');
  });

  it('user text echoed in a reply cannot ping or format', async () => {
    await startWith(async () => ({ ephemeral: false, title: 'Search', lines: [`No results for ${feedText('@everyone **x** <@&610000000000000001>')}`] }));
    const reply = await emulator.runCommand({ path: ['search'], options: { query: '@everyone' }, channelId: channel });
    expect(reply.text).toContain('No results for @\u200beveryone \\*\\*x\\*\\* <\u200b@&610000000000000001>');
    expect(emulator.state.callbacks[0]?.body.data?.['allowed_mentions']).toEqual({ parse: [] });
  });

  it('autocomplete offers topic ids, completes the last item of a topic list, and feed ids', async () => {
    await startWith(echo);
    const topics = await emulator.autocomplete({ path: ['recent'], options: { topic: 'dip' }, focused: 'topic', channelId: channel });
    expect(topics).toEqual([{ name: 'diplomacy — Diplomacy', value: 'diplomacy' }]);
    const list = await emulator.autocomplete({ path: ['subscribe'], options: { topics: 'security,hu' }, focused: 'topics', channelId: channel });
    expect(list).toEqual([{ name: 'security,humanitarian — Humanitarian', value: 'security,humanitarian' }]);
    const feeds = await emulator.autocomplete({ path: ['feeds', 'pause'], options: { id: '' }, focused: 'id', channelId: channel });
    expect(feeds.map((c) => c.value)).toEqual(['bbc-world', 'un-news']);
    expect(seen).toHaveLength(0);
  });
});

describe('discord command definitions', () => {
  it('mirror the command core: the same subcommand paths and option names', () => {
    const core = Object.fromEntries(commandSpecs.map((spec) => [spec.path.join(' '), Object.keys(spec.schema.shape).sort()]));
    const discord = Object.fromEntries(Object.entries(commandTree).map(([path, spec]) => [path, spec.options.map((o) => o.name).sort()]));
    expect(discord).toEqual(core);
  });

  it('stay within Discord limits: 25 options per level, names 1-32 lowercase, descriptions 1-100, required options first', () => {
    const problems: string[] = [];
    const walk = (options: { name: string; description: string; required?: boolean; options?: unknown[] }[], at: string) => {
      if (options.length > 25) problems.push(`${at}: ${options.length} options`);
      let optionalSeen = false;
      for (const option of options) {
        if (!/^[-_a-z0-9]{1,32}$/.test(option.name)) problems.push(`${at} ${option.name}: bad name`);
        if (option.description.length < 1 || option.description.length > 100) problems.push(`${at} ${option.name}: description length`);
        if (option.required && optionalSeen) problems.push(`${at} ${option.name}: required after optional`);
        if (!option.required) optionalSeen = true;
        if (option.options) walk(option.options as typeof options, `${at} ${option.name}`);
      }
    };
    for (const command of buildCommandDefinitions()) walk(command.options, command.name);
    expect(problems).toEqual([]);
  });
});

describe('sitrep register-commands', () => {
  let out: string;
  let err: string;
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const io = (env: Record<string, string>) => {
    const cwd = scratchDir('sitrep-register-');
    writeFileSync(join(cwd, 'feeds.yaml'), 'feeds: []\n');
    return { stdin: Readable.from([]), stdout: sink((t) => (out += t)), stderr: sink((t) => (err += t)), env: { SITREP_CONFIG_DIR: cwd, ...env }, cwd };
  };

  beforeEach(async () => {
    out = '';
    err = '';
    emulator = await startDiscordEmulator();
  });
  afterEach(async () => {
    await emulator.close();
  });

  const env = () => ({ DISCORD_TOKEN: emulator.token, DISCORD_APPLICATION_ID: emulator.applicationId, DISCORD_API_URL: emulator.apiUrl });

  it('registers /sitrep globally through DISCORD_API_URL', async () => {
    expect(await runRegisterCommandsCommand([], io(env()))).toBe(0);
    expect(out).toMatch(/Registered \/sitrep globally/);
    expect(emulator.state.commands.global.map((c) => c['name'])).toEqual(['sitrep']);
  });

  it('--guild (or DISCORD_GUILD_ID) registers in one server', async () => {
    expect(await runRegisterCommandsCommand(['--guild', emulator.guildId], io(env()))).toBe(0);
    expect(emulator.state.commands.guild.get(emulator.guildId)).toHaveLength(1);
    expect(await runRegisterCommandsCommand([], io({ ...env(), DISCORD_GUILD_ID: '123456789' }))).toBe(0);
    expect(emulator.state.commands.guild.get('123456789')).toHaveLength(1);
  });

  it('missing token → exit 2 naming the variables; a refused token → exit 1', async () => {
    expect(await runRegisterCommandsCommand([], io({ DISCORD_API_URL: emulator.apiUrl }))).toBe(2);
    expect(err).toMatch(/DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
    expect(await runRegisterCommandsCommand([], io({ ...env(), DISCORD_TOKEN: 'wrong' }))).toBe(1);
    expect(err).toMatch(/Discord refused/);
    expect(err).not.toContain('wrong');
  });
});
