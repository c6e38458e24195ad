import { parseArgs } from 'node:util';
import { registerDiscordCommands } from '../../adapters/discord/register-commands.js';
import { loadConfig, resolveConfigDir } from '../../settings/load-config.js';
import type { CliIo } from '../cli-io.js';

const help = `Usage: sitrep register-commands [--guild ID] [--config DIR]

Registers the /sitrep slash command with Discord.
  --guild ID   register in one server only (shows at once); default DISCORD_GUILD_ID,
               else globally (every server the bot is in; can take up to an hour to show)
  --config DIR config folder (or SITREP_CONFIG_DIR)
Reads DISCORD_TOKEN and DISCORD_APPLICATION_ID; DISCORD_API_URL overrides the API base
(default https://discord.com/api). Running it again replaces the previous definitions.
Exit codes: 0 registered, 1 Discord refused or unreachable, 2 bad arguments or config.`;

export async function runRegisterCommandsCommand(argv: string[], io: CliIo): Promise<number> {
  let values: { guild?: string | undefined; config?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { guild: { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr.write(`sitrep register-commands: ${(error as Error).message}\n\n${help}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${help}\n`);
    return 0;
  }
  const config = await loadConfig({ configDir: resolveConfigDir(values.config, io.env, io.cwd), env: io.env, cwd: io.cwd });
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_API_URL: apiUrl, DISCORD_GUILD_ID: envGuild } = config.env;
  const missing = [!token ? 'DISCORD_TOKEN' : null, !applicationId ? 'DISCORD_APPLICATION_ID' : null].filter((name) => name !== null);
  if (!token || !applicationId) {
    io.stderr.write(`sitrep register-commands: set ${missing.join(' and ')} (Discord Developer Portal → your application).\n`);
    return 2;
  }
  const guildId = values.guild ?? envGuild;
  if (guildId !== undefined && !/^\d{5,25}$/.test(guildId)) {
    io.stderr.write(`sitrep register-commands: --guild: expected a numeric server id, got "${guildId}"\n`);
    return 2;
  }
  const result = await registerDiscordCommands({ token, applicationId, ...(apiUrl ? { apiUrl } : {}), ...(guildId ? { guildId } : {}) });
  if (!result.ok) {
    const hint = result.code === 'delivery/forbidden' ? ' (is the token for this application, and was the bot invited with the applications.commands scope?)' : '';
    io.stderr.write(`sitrep register-commands: Discord refused: ${result.code}: ${result.message}${hint}\n`);
    return 1;
  }
  const where = result.scope === 'guild' ? `in server ${guildId ?? ''}` : 'globally (may take up to an hour to appear)';
  io.stdout.write(`Registered /${result.names.join(', /')} ${where}.\n`);
  return 0;
}
