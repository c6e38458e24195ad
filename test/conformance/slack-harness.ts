import type { CommandHandler, CommandRequest } from '../../src/adapters/chat-adapter.js';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/create-slack-adapter.js';
import { createCommandCore } from '../../src/commands/command-core.js';
import { createFeedRegistry } from '../../src/commands/feed-registry.js';
import { createTopicsRegistry } from '../../src/commands/topics-registry.js';
import { createAdminNotices } from '../../src/delivery/admin-notices.js';
import { createDeliveryEngine, type DeliveryEngine } from '../../src/delivery/delivery-engine.js';
import { createSearchIndex } from '../../src/delivery/search-index.js';
import { createSubscriptionRepo } from '../../src/delivery/subscription-repo.js';
import { createSilentLogger, type Logger } from '../../src/domain/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { EmulatedMessage } from '../emulators/slack/emulator-state.js';
import { postSigned } from '../emulators/slack/signed-request.js';
import { startSlackEmulator, type Fault, type ResponseUrlPost, type SlackEmulator } from '../emulators/slack/slack-emulator.js';
import { slashCommandPayload } from '../emulators/slack/slack-payloads.js';
import { conformanceTopics } from './discord-harness.js';
import type { HarnessFailure, HarnessMessage, PlatformHarness } from './harness.js';

export interface SlackHarnessOptions {
  /** Which Bolt transport carries commands; delivery is the Web API either way. */
  mode?: 'socket' | 'http';
  adminUsers?: string[];
  logger?: Logger;
}

const signingSecret = 'conformance-signing-secret';

/** What a person sees: link labels, date fallbacks, entities decoded. */
export function visibleSlackText(raw: string): string {
  return raw
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<(?:https?:[^|>]+)\|([^>]*)>/g, '$1')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Who a Slack message would notify, read from its raw mrkdwn. */
export function slackPings(raw: string): string[] {
  const pings: string[] = [];
  if (/<!(channel|here|everyone)(\|[^>]*)?>/.test(raw)) pings.push('everyone');
  for (const match of raw.matchAll(/<@([UW][A-Z0-9]+)(\|[^>]*)?>/g)) pings.push(`user:${match[1]}`);
  for (const match of raw.matchAll(/<!subteam\^(S[A-Z0-9]+)(\|[^>]*)?>/g)) pings.push(`role:${match[1]}`);
  return pings;
}

type TextBlock = { text?: { text?: string }; elements?: { text?: string | { text?: string } }[] };

function rawText(text: string, blocks: unknown): string {
  const parts = [text];
  for (const block of (Array.isArray(blocks) ? blocks : []) as TextBlock[]) {
    parts.push(block.text?.text ?? '');
    for (const element of block.elements ?? []) parts.push(typeof element.text === 'string' ? element.text : element.text?.text ?? '');
  }
  return parts.filter((part) => part.length > 0).join('\n');
}

function toHarnessMessage(message: EmulatedMessage): HarnessMessage {
  const raw = rawText(message.text, message.blocks);
  return {
    id: message.ts,
    channelId: message.channel,
    text: visibleSlackText(raw),
    pings: slackPings(raw),
    threadId: message.reply_count > 0 ? message.ts : null,
    edited: message.edits.length > 0,
  };
}

function fault(failure: HarnessFailure): Fault {
  switch (failure.kind) {
    case 'rate-limit':
      return { type: 'rate-limited', retryAfterSec: Math.max(1, Math.ceil(failure.retryAfterMs / 1_000)) };
    case 'forbidden':
      return { type: 'error', error: 'not_in_channel' };
    case 'channel-gone':
      return { type: 'error', error: 'channel_not_found' };
    case 'lost-response':
      return { type: 'lost-response' };
  }
}

/** `/sitrep` text for a path and options, as a person would type it. */
export function commandText(path: readonly string[], options: CommandRequest['options']): string {
  const args = Object.entries(options).map(([key, value]) => {
    const text = String(value);
    // Keywords are typed as on Discord (`keywords:airport -football`): the parser takes the rest
    // of the keyword list as one value, and quotes there mean a phrase, not grouping.
    if (key === 'keywords') return `${key}:${text}`;
    return /\s/.test(text) && !text.startsWith('"') ? `${key}:"${text}"` : `${key}:${text}`;
  });
  return [...path, ...args].join(' ');
}

const rejectedErrors = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'invalid_auth', 'not_authed', 'account_inactive', 'invalid_blocks']);

/**
 * The Slack side of the conformance suite: the real Bolt app (Socket Mode by
 * default) against the Slack emulator, the real command core and delivery
 * engine over one MemoryStore, on the real clock with fast channel limits.
 */
export function createSlackHarness(options: SlackHarnessOptions = {}): PlatformHarness & { readonly emulator: SlackEmulator } {
  const mode = options.mode ?? 'socket';
  const channels = ['C0CONF1', 'C0CONF2', 'C0CONF3'];
  const store = new MemoryStore();
  const subscriptions = createSubscriptionRepo(store);
  const adminNotices = createAdminNotices(store);
  const topics = createTopicsRegistry({ store, seed: conformanceTopics });
  const feeds = createFeedRegistry({ store, seed: [{ id: 'wire-a', url: 'https://wire-a.example/rss.xml', title: 'Wire A', intervalMinutes: 15, enabled: true }] });
  const logger = options.logger ?? createSilentLogger();
  let emulator: SlackEmulator | null = null;
  let adapter: SlackAdapter | null = null;
  let engine: DeliveryEngine | null = null;

  const need = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`slack harness: ${what} not started`);
    return value;
  };

  async function startAdapter(): Promise<void> {
    const emu = need(emulator, 'emulator');
    adapter = createSlackAdapter({
      botToken: emu.botToken,
      mode,
      appToken: emu.appToken,
      signingSecret,
      port: 0,
      apiUrl: emu.apiUrl,
      adminUsers: options.adminUsers ?? [],
      logger,
      unavailableRetryMs: 50,
    });
    const current = createDeliveryEngine({
      store,
      subscriptions: createSubscriptionRepo(store),
      adapters: [adapter],
      clock: () => new Date(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      adminNotices,
      topicLabel: (id) => conformanceTopics.find((topic) => topic.id === id)?.label ?? id,
      // The emulator enforces no limits here: keep tests fast.
      limits: { slack: { perChannelPerSecond: 100, perChannelBurst: 10, globalPerSecond: 200, globalBurst: 20 } },
    });
    engine = current;
    const core: CommandHandler = createCommandCore({
      subscriptions,
      topics,
      feeds,
      validateFeedUrl: async () => ({ ok: true, title: 'Example Wire', itemCount: 20 }),
      feedHealth: async () => [],
      stories: { recent: async () => [], findByUrl: async () => null },
      search: createSearchIndex(),
      delivery: { channelStoryStatus: (...args) => current.channelStoryStatus(...args), sentLastHour: (...args) => current.sentLastHour(...args) },
      adminNotices,
      clock: () => new Date(),
    });
    await adapter.start(core);
  }

  async function slash(text: string, userId: string, channelId: string): Promise<ResponseUrlPost> {
    const emu = need(emulator, 'emulator');
    if (mode === 'socket') {
      const { responseUrl } = await emu.slashCommand({ text, userId, channelId });
      return emu.responseTo(responseUrl);
    }
    const responseUrl = emu.responseUrl();
    const url = `http://127.0.0.1:${need(adapter, 'adapter').port ?? 0}/slack/events`;
    const result = await postSigned(url, slashCommandPayload({ text, userId, channelId, teamId: emu.teamId, responseUrl }), { signingSecret });
    if (result.status !== 200) throw new Error(`slack harness: /sitrep answered HTTP ${result.status}`);
    return emu.responseTo(responseUrl);
  }

  return {
    platform: 'slack',
    channels,
    get emulator() {
      return need(emulator, 'emulator');
    },
    get engine() {
      return need(engine, 'engine');
    },
    get edits() {
      return need(emulator, 'emulator')
        .callsTo('chat.update')
        .filter((call) => call.ok)
        .map((call) => ({ channelId: String(call.params['channel']), messageId: String(call.params['ts']), text: visibleSlackText(rawText(String(call.params['text'] ?? ''), call.params['blocks'])) }));
    },

    async start() {
      emulator = await startSlackEmulator();
      for (const channel of channels) emulator.state.addChannel(channel);
      emulator.state.addUser('U0MEMBER');
      emulator.state.addUser('U0ADMIN', { isAdmin: true });
      await startAdapter();
    },

    async runCommand(path, commandOptions = {}, who = {}) {
      const emu = need(emulator, 'emulator');
      const userId = who.admin ? 'U0ADMIN' : (who.userId ?? 'U0MEMBER');
      if (!emu.state.users.has(userId)) emu.state.addUser(userId);
      const post = await slash(commandText(path, commandOptions), userId, who.channelId ?? channels[0] ?? '');
      return { ephemeral: post.body.response_type !== 'in_channel', text: visibleSlackText(rawText(post.body.text ?? '', post.body.blocks)) };
    },

    messagesIn: (channelId) => need(emulator, 'emulator').state.channelMessages(channelId).map(toHarnessMessage),
    threadReplies: (channelId, messageId) => need(emulator, 'emulator').state.threadReplies(channelId, messageId).map(toHarnessMessage),

    scriptFailure(channelId, failure, times = 1) {
      need(emulator, 'emulator').fail('chat.postMessage', fault(failure), { channel: channelId, times });
    },

    async route(event) {
      await need(engine, 'engine').handleStoryEvent(event);
    },
    async flush() {
      await need(engine, 'engine').flush();
    },
    async publish(event) {
      const current = need(engine, 'engine');
      await current.handleStoryEvent(event);
      await current.flush();
    },

    async restart() {
      // Dropped without flush or graceful hand-over, as a killed worker would be.
      await need(adapter, 'adapter').stop();
      adapter = null;
      engine = null;
      await startAdapter();
      const current = need(engine as DeliveryEngine | null, 'engine');
      const recovered = await current.recover();
      await current.flush();
      return recovered;
    },

    /** Slack's analogue of Discord's invalid requests: 429s and calls refused for access or shape. */
    invalidRequests: () => need(emulator, 'emulator').calls.filter((call) => call.status === 429 || (call.error !== null && rejectedErrors.has(call.error))).length,

    async stop() {
      await adapter?.stop();
      await emulator?.close();
      adapter = null;
      emulator = null;
    },
  };
}

