import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, webApi } from '@slack/bolt';
import type { ChatAdapter, CommandHandler } from '../chat-adapter.js';
import type { Logger } from '../../domain/logger.js';
import { boltLogger } from './bolt-logger.js';
import { createAdminResolver } from './slack-admins.js';
import { registerSlackCommands } from './slack-commands.js';
import { createSlackDelivery } from './slack-delivery.js';

export const defaultSlackApiUrl = 'https://slack.com/api/';

export interface SlackAdapterOptions {
  /** Bot token (xoxb-…). */
  botToken: string;
  /** `socket`: Socket Mode with an app-level token; `http`: Slack POSTs to /slack/events. */
  mode: 'http' | 'socket';
  signingSecret?: string;
  appToken?: string;
  /** HTTP mode: where /slack/events listens (0 = any free port). */
  port?: number;
  /** Web API base, ending in `/`; the Socket Mode URL comes from apps.connections.open there. */
  apiUrl?: string;
  adminUsers?: readonly string[];
  logger: Logger;
  /** Default `/sitrep`. */
  command?: string;
  /** Default 100. */
  historyLimit?: number;
  /** Default 5 minutes. */
  adminCacheMs?: number;
  /** Wait before retrying after Slack or the network failed. Default 5 s. */
  unavailableRetryMs?: number;
  now?: () => number;
  sdkLogLevel?: LogLevel;
}

export interface SlackAdapter extends ChatAdapter {
  /** HTTP mode: the port /slack/events listens on once started; null otherwise. */
  readonly port: number | null;
}

/** Web API options: no SDK retries and 429s thrown, so the delivery engine sees every rate limit. */
export function slackClientOptions(apiUrl: string | undefined, logger: Logger, level: LogLevel): webApi.WebClientOptions {
  const slackApiUrl = (apiUrl ?? defaultSlackApiUrl).replace(/\/?$/, '/');
  return { slackApiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: boltLogger(logger, level) };
}

/**
 * The Slack ChatAdapter: a Bolt app (HTTP or Socket Mode, by configuration)
 * for `/sitrep` and the "Why this?" button, and a Web API client for delivery.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const level = options.sdkLogLevel ?? LogLevel.WARN;
  const logger = options.logger.child({ platform: 'slack' });
  const clientOptions = slackClientOptions(options.apiUrl, logger, level);
  const client = new webApi.WebClient(options.botToken, clientOptions);
  const delivery = createSlackDelivery(client, {
    historyLimit: options.historyLimit ?? 100,
    ...(options.unavailableRetryMs !== undefined ? { unavailableRetryMs: options.unavailableRetryMs } : {}),
  });
  const isAdmin = createAdminResolver(client, {
    adminUsers: options.adminUsers ?? [],
    cacheMs: options.adminCacheMs ?? 5 * 60_000,
    now: options.now ?? Date.now,
    logger,
  });
  let app: App | null = null;
  let port: number | null = null;

  function buildApp(): App {
    const common = { token: options.botToken, clientOptions: { ...clientOptions }, logger: boltLogger(logger, level), logLevel: level };
    if (options.mode === 'socket') {
      if (!options.appToken) throw new Error('Slack Socket Mode needs SLACK_APP_TOKEN (an xapp-… app-level token with connections:write)');
      return new App({ ...common, socketMode: true, appToken: options.appToken });
    }
    if (!options.signingSecret) throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET (Basic Information → App Credentials)');
    return new App({ ...common, signingSecret: options.signingSecret, endpoints: '/slack/events' });
  }

  return {
    platform: 'slack',
    get port() {
      return port;
    },
    async start(onCommand: CommandHandler) {
      const built = buildApp();
      registerSlackCommands(built, onCommand, { command: options.command ?? '/sitrep', isAdmin, logger });
      built.error(async (error) => {
        logger.error('slack listener failed', { error: String(error) });
      });
      if (options.mode === 'socket') {
        await built.start();
      } else {
        const server = (await built.start(options.port ?? 3000)) as Server;
        port = (server.address() as AddressInfo).port;
      }
      app = built;
      logger.info('slack adapter started', { mode: options.mode, ...(port !== null ? { port } : {}) });
    },
    async stop() {
      const running = app;
      app = null;
      port = null;
      if (running) await running.stop();
    },
    send: (message) => delivery.send(message),
    findPosted: (channelId, key) => delivery.findPosted(channelId, key),
  };
}
