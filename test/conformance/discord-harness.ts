import type { CommandHandler } from '../../src/adapters/chat-adapter.js';
import { buildCommandDefinitions } from '../../src/adapters/discord/command-definitions.js';
import { createDiscordAdapter } from '../../src/adapters/discord/discord-adapter.js';
import { createCommandCore } from '../../src/commands/command-core.js';
import { createFeedRegistry } from '../../src/commands/feed-registry.js';
import { createTopicsRegistry, type TopicDefinition } from '../../src/commands/topics-registry.js';
import { createAdminNotices } from '../../src/delivery/admin-notices.js';
import { createDeliveryEngine, type DeliveryEngine } from '../../src/delivery/delivery-engine.js';
import { createSearchIndex } from '../../src/delivery/search-index.js';
import { createSubscriptionRepo } from '../../src/delivery/subscription-repo.js';
import type { Logger } from '../../src/domain/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { startDiscordEmulator, type DiscordEmulator } from '../emulators/discord/discord-emulator.js';
import type { ScriptedFailure } from '../emulators/discord/emulator-faults.js';
import type { EmuMessage } from '../emulators/discord/emulator-state.js';
import type { HarnessFailure, HarnessMessage, PlatformHarness } from './harness.js';

export const conformanceTopics: TopicDefinition[] = [
  { id: 'security', label: 'Security', description: 'Armed conflict, attacks, military operations.', terms: ['airstrike', 'attack'], threshold: 0.5 },
  { id: 'diplomacy', label: 'Diplomacy', description: 'Talks, treaties, envoys.', terms: ['envoy', 'talks'], threshold: 0.5 },
  { id: 'humanitarian', label: 'Humanitarian', description: 'Aid, displacement, disasters.', terms: ['aid'], threshold: 0.5 },
];

export interface DiscordHarnessOptions {
  /** How long the emulator honours a nonce; 0 makes reconciliation rely on channel history alone. */
  nonceWindowMs?: number;
  adminRoles?: string[];
  logger?: Logger;
}

/** Everything a person sees in an embed message. */
export function embedText(body: { content?: unknown; embeds?: unknown }): string {
  const parts: string[] = [typeof body.content === 'string' ? body.content : ''];
  for (const embed of (Array.isArray(body.embeds) ? body.embeds : []) as Record<string, unknown>[]) {
    parts.push(String(embed['title'] ?? ''), String(embed['description'] ?? ''));
    for (const field of (embed['fields'] as { name: string; value: string }[] | undefined) ?? []) parts.push(`${field.name}: ${field.value}`);
    parts.push(String((embed['footer'] as { text?: string } | undefined)?.text ?? ''));
  }
  return parts.filter((part) => part.length > 0).join('\n');
}

function toHarnessMessage(message: EmuMessage): HarnessMessage {
  return {
    id: message.id,
    channelId: message.channel_id,
    text: embedText(message),
    pings: message.pings,
    threadId: message.thread?.id ?? null,
    edited: message.edited_timestamp !== null,
  };
}

function scripted(failure: HarnessFailure): ScriptedFailure {
  switch (failure.kind) {
    case 'rate-limit':
      return { kind: 'rate-limit', retryAfterMs: failure.retryAfterMs, global: failure.global ?? false };
    case 'forbidden':
      return { kind: 'forbidden', code: 50001 };
    case 'channel-gone':
      return { kind: 'not-found', code: 10003 };
    case 'lost-response':
      return { kind: 'lost-response' };
  }
}

/**
 * The Discord side of the conformance suite: real discord.js (through the
 * adapter) against the local emulator, the real command core and delivery
 * engine over one MemoryStore, on the real clock with fast channel limits.
 */
export function createDiscordHarness(options: DiscordHarnessOptions = {}): PlatformHarness & { readonly emulator: DiscordEmulator } {
  const channels = ['700000000000000001', '700000000000000002', '700000000000000003'];
  const store = new MemoryStore();
  const subscriptions = createSubscriptionRepo(store);
  const adminNotices = createAdminNotices(store);
  const topics = createTopicsRegistry({ store, seed: conformanceTopics });
  const feeds = createFeedRegistry({ store, seed: [{ id: 'wire-a', url: 'https://wire-a.example/rss.xml', title: 'Wire A', intervalMinutes: 15, enabled: true }] });
  let emulator: DiscordEmulator | null = null;
  let adapter: ReturnType<typeof createDiscordAdapter> | null = null;
  let engine: DeliveryEngine | null = null;

  const need = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`discord harness: ${what} not started`);
    return value;
  };

  function newEngine(): DeliveryEngine {
    return createDeliveryEngine({
      store,
      subscriptions: createSubscriptionRepo(store),
      adapters: [need(adapter, 'adapter')],
      clock: () => new Date(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      adminNotices,
      topicLabel: (id) => conformanceTopics.find((topic) => topic.id === id)?.label ?? id,
      // The emulator enforces no per-channel bucket here: keep tests fast.
      limits: { discord: { perChannelPerSecond: 100, perChannelBurst: 10 } },
    });
  }

  async function startAdapter(): Promise<void> {
    const emu = need(emulator, 'emulator');
    adapter = createDiscordAdapter(
      { token: emu.token, applicationId: emu.applicationId, apiUrl: emu.apiUrl, adminRoles: options.adminRoles ?? [], unavailableRetryMs: 50 },
      {
        choices: { topics: async () => (await topics.current()).topics, feeds: () => feeds.list() },
        ...(options.logger ? { logger: options.logger } : {}),
      },
    );
    engine = newEngine();
    const currentEngine = engine;
    const core: CommandHandler = createCommandCore({
      subscriptions,
      topics,
      feeds,
      validateFeedUrl: async () => ({ ok: true, title: 'Example Wire', itemCount: 20 }),
      feedHealth: async () => [],
      stories: { recent: async () => [], findByUrl: async () => null },
      search: createSearchIndex(),
      delivery: { channelStoryStatus: (...args) => currentEngine.channelStoryStatus(...args), sentLastHour: (...args) => currentEngine.sentLastHour(...args) },
      adminNotices,
      clock: () => new Date(),
    });
    await adapter.start(core);
  }

  return {
    platform: 'discord',
    channels,
    get emulator() {
      return need(emulator, 'emulator');
    },
    get engine() {
      return need(engine, 'engine');
    },
    get edits() {
      return need(emulator, 'emulator').state.edits.map((edit) => ({ channelId: edit.channelId, messageId: edit.messageId, text: embedText(edit.body) }));
    },

    async start() {
      emulator = await startDiscordEmulator({ channels, nonceWindowMs: options.nonceWindowMs ?? 5 * 60_000 });
      emulator.state.commands.global = buildCommandDefinitions() as unknown as Record<string, unknown>[];
      emulator.addRole({ id: '600000000000000001', name: 'Sitrep Admins', permissions: '0' });
      await startAdapter();
    },

    async runCommand(path, commandOptions = {}, who = {}) {
      const result = await need(emulator, 'emulator').runCommand({
        path,
        options: commandOptions,
        channelId: who.channelId ?? channels[0] ?? '',
        ...(who.userId ? { userId: who.userId } : {}),
        // Manage Server (1 << 5) is what makes a Discord member a Sitrep admin.
        permissions: who.admin ? String(1 << 5) : '0',
      });
      return { ephemeral: result.ephemeral, text: result.text };
    },

    messagesIn: (channelId) => need(emulator, 'emulator').messagesIn(channelId).map(toHarnessMessage),
    threadReplies: (_channelId, messageId) => need(emulator, 'emulator').messagesIn(messageId).map(toHarnessMessage),

    scriptFailure(channelId, failure, times = 1) {
      need(emulator, 'emulator').script({ method: 'POST', path: new RegExp(`^/channels/${channelId}/messages$`), failure: scripted(failure), times });
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
      const current: DeliveryEngine = need(engine as DeliveryEngine | null, 'engine');
      const recovered = await current.recover();
      await current.flush();
      return recovered;
    },

    invalidRequests: () => need(emulator, 'emulator').state.invalidRequests,

    async stop() {
      await adapter?.stop();
      await emulator?.close();
      adapter = null;
      emulator = null;
    },
  };
}
