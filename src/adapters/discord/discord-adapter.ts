import { Client, Events, GatewayIntentBits, REST, type Interaction } from 'discord.js';
import type { ChatAdapter, CommandHandler } from '../chat-adapter.js';
import { createSilentLogger, type Logger } from '../../domain/logger.js';
import { createDiscordDelivery, type DiscordDelivery } from './discord-delivery.js';
import { createDispatchGate, openGate } from './dispatch-gate.js';
import { answerAutocomplete, answerCommand, type ChoiceProviders } from './discord-interactions.js';

export interface DiscordAdapterOptions {
  token: string;
  applicationId: string;
  /** REST base without version (discord.js appends /v10); the emulator's in tests. */
  apiUrl?: string;
  /** Role names or ids that count as Sitrep admins besides Manage Server. */
  adminRoles?: readonly string[];
  deferAfterMs?: number;
  historyLimit?: number;
  requestTimeoutMs?: number;
  unauthorizedPauseMs?: number;
  unavailableRetryMs?: number;
  readyTimeoutMs?: number;
  /** Requests in flight or answered within the window (Discord's global limit is 50/s); null turns the gate off. */
  globalGate?: { limit: number; windowMs: number } | null;
}

/** Defaults, units in the names. */
export const discordAdapterDefaults = {
  apiUrl: 'https://discord.com/api',
  adminRoles: [] as readonly string[],
  deferAfterMs: 2_000, // Discord drops interactions not answered within 3 s
  historyLimit: 50,
  requestTimeoutMs: 15_000,
  unauthorizedPauseMs: 5 * 60_000,
  unavailableRetryMs: 5_000, // after a 5xx or network failure
  readyTimeoutMs: 30_000,
  // One under Discord's 50 per second; the window runs from each answer, so jitter cannot bunch requests.
  globalGate: { limit: 49, windowMs: 1_000 } as { limit: number; windowMs: number } | null,
} as const satisfies Required<Omit<DiscordAdapterOptions, 'token' | 'applicationId'>>;

export interface DiscordAdapterDeps {
  /** Topic and feed ids offered by autocomplete. */
  choices?: ChoiceProviders;
  logger?: Logger;
  now?: () => number;
}

const noChoices: ChoiceProviders = { topics: () => [], feeds: () => [] };

/**
 * Sitrep on Discord: slash commands arrive over the gateway (discord.js Client,
 * Guilds intent only), alerts leave through a separate REST client that rejects
 * on rate limits so the delivery engine's queue decides every retry.
 */
export function createDiscordAdapter(options: DiscordAdapterOptions, deps: DiscordAdapterDeps = {}): ChatAdapter & { readonly client: Client | null } {
  const settings = { ...discordAdapterDefaults, ...options };
  const logger = deps.logger ?? createSilentLogger();
  const choices = deps.choices ?? noChoices;
  const rest = new REST({
    api: settings.apiUrl,
    version: '10',
    timeout: settings.requestTimeoutMs,
    // Retries belong to the outbox (with nonces), not to a client that cannot tell a lost answer from a failure.
    retries: 0,
    rejectOnRateLimit: () => true,
  }).setToken(settings.token);
  const now = deps.now ?? Date.now;
  const gate = settings.globalGate
    ? createDispatchGate({ ...settings.globalGate, now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) })
    : openGate;
  const delivery: DiscordDelivery = createDiscordDelivery(
    rest,
    { historyLimit: settings.historyLimit, unauthorizedPauseMs: settings.unauthorizedPauseMs, unavailableRetryMs: settings.unavailableRetryMs, now },
    gate,
  );
  let client: Client | null = null;

  async function onInteraction(interaction: Interaction, onCommand: CommandHandler): Promise<void> {
    try {
      if (interaction.isAutocomplete() && interaction.commandName === 'sitrep') {
        await answerAutocomplete(interaction, choices);
      } else if (interaction.isChatInputCommand() && interaction.commandName === 'sitrep') {
        await answerCommand(interaction, onCommand, { adminRoles: settings.adminRoles, deferAfterMs: settings.deferAfterMs, choices, logger });
      }
    } catch (error) {
      logger.error('discord interaction failed', { interactionId: interaction.id, error: String(error) });
    }
  }

  return {
    platform: 'discord',
    get client() {
      return client;
    },

    async start(onCommand) {
      if (client) return;
      const next = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: settings.apiUrl, timeout: settings.requestTimeoutMs } });
      client = next;
      // Listeners go on before login: READY can arrive before login() resolves.
      let timer: NodeJS.Timeout | undefined;
      const ready = new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`discord: not ready after ${settings.readyTimeoutMs} ms`)), settings.readyTimeoutMs);
        next.once(Events.ClientReady, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      next.on(Events.InteractionCreate, (interaction) => void onInteraction(interaction, onCommand));
      next.on(Events.Error, (error) => logger.error('discord client error', { error: String(error) }));
      next.on(Events.ShardDisconnect, (event) => logger.warn('discord gateway closed', { code: event.code }));
      ready.catch(() => undefined);
      try {
        await next.login(settings.token);
        await ready;
      } catch (error) {
        clearTimeout(timer);
        client = null;
        await next.destroy();
        throw error;
      }
      logger.info('discord ready', { user: next.user?.tag ?? null, guilds: next.guilds.cache.size });
    },

    async stop() {
      const current = client;
      client = null;
      if (current) await current.destroy();
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },

    send: (message) => delivery.send(message),
    findPosted: (channelId, key) => delivery.findPosted(channelId, key),
  };
}
