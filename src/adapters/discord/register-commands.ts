import { REST, Routes } from 'discord.js';
import { buildCommandDefinitions } from './command-definitions.js';
import { restErrorOutcome } from './rest-outcome.js';

export interface RegisterCommandsOptions {
  token: string;
  applicationId: string;
  /** REST base without version, default https://discord.com/api. */
  apiUrl?: string;
  /** Register in one server (instant) instead of globally (can take up to an hour to show). */
  guildId?: string;
}

export type RegisterCommandsResult =
  | { ok: true; scope: 'global' | 'guild'; names: string[] }
  | { ok: false; code: string; message: string };

/**
 * Overwrites the application's commands with `/sitrep` (PUT is a bulk
 * overwrite, so running it twice changes nothing). Failures are values.
 */
export async function registerDiscordCommands(options: RegisterCommandsOptions): Promise<RegisterCommandsResult> {
  const rest = new REST({ api: options.apiUrl ?? 'https://discord.com/api', version: '10', retries: 1 }).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  try {
    const stored = (await rest.put(route, { body: buildCommandDefinitions() })) as { name: string }[];
    return { ok: true, scope: options.guildId ? 'guild' : 'global', names: stored.map((command) => command.name) };
  } catch (error) {
    const outcome = restErrorOutcome(error, 0);
    if (outcome.status === 'rejected') return { ok: false, code: outcome.code, message: outcome.reason };
    if (outcome.status === 'retry-after') return { ok: false, code: 'delivery/unavailable', message: outcome.reason };
    return { ok: false, code: 'delivery/unavailable', message: String(error) };
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
