import type { Logger } from '../domain/logger.js';
import { ConfigError } from '../settings/config-error.js';
import type { SitrepConfig } from '../settings/load-config.js';
import type { ChatAdapter } from './chat-adapter.js';

/** What Discord's autocomplete offers; filled in by the composition root once it knows topics and feeds. */
export interface ChoiceSource {
  topics(): Promise<readonly { id: string; label: string }[]>;
  feeds(): Promise<readonly { id: string; title?: string | undefined }[]>;
}

/**
 * The chat platforms this process serves, from configuration: Discord when DISCORD_TOKEN
 * is set, Slack when SLACK_BOT_TOKEN is set, both when both are. Imports are lazy so a
 * console-only run never loads discord.js or Bolt. An empty list means console mode.
 */
export async function buildChatAdapters(config: SitrepConfig, logger: Logger, choices: ChoiceSource): Promise<ChatAdapter[]> {
  const { env, settings } = config;
  const adapters: ChatAdapter[] = [];
  if (env.DISCORD_TOKEN) {
    if (!env.DISCORD_APPLICATION_ID) {
      throw new ConfigError([{ file: 'environment', path: 'DISCORD_APPLICATION_ID', message: 'DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is not: set both (see .env.example)' }]);
    }
    const { createDiscordAdapter } = await import('./discord/discord-adapter.js');
    adapters.push(
      createDiscordAdapter(
        {
          token: env.DISCORD_TOKEN,
          applicationId: env.DISCORD_APPLICATION_ID,
          ...(env.DISCORD_API_URL ? { apiUrl: env.DISCORD_API_URL } : {}),
          adminRoles: settings.discord.adminRoles,
        },
        { choices, logger: logger.child({ platform: 'discord' }) },
      ),
    );
  }
  const { slackOptionsFromEnv } = await import('./slack/slack-options-from-env.js');
  const slack = slackOptionsFromEnv(env, settings.slack.adminUsers);
  if (slack.configured) {
    if (!slack.ok) throw new ConfigError(slack.problems.map((message) => ({ file: 'environment', path: 'SLACK_MODE', message })));
    const { createSlackAdapter } = await import('./slack/create-slack-adapter.js');
    adapters.push(createSlackAdapter({ ...slack.options, logger }));
  }
  return adapters;
}

/** Autocomplete choices bound after the fact: adapters are built before the runtime that knows them. */
export function lateChoices(): ChoiceSource & { bind(source: ChoiceSource): void } {
  let bound: ChoiceSource | null = null;
  return {
    bind(source) {
      bound = source;
    },
    topics: async () => (bound ? bound.topics() : []),
    feeds: async () => (bound ? bound.feeds() : []),
  };
}
