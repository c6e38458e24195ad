import { snowflake, type EmuState } from './emulator-state.js';

/**
 * Builds INTERACTION_CREATE payloads for slash commands (type 2) and
 * autocomplete (type 4), shaped like Discord's: subcommand groups and
 * subcommands nest as options of types 2 and 1, the member carries its
 * computed permissions as a bitfield string.
 */

export type OptionValue = string | number | boolean;

export interface InteractionSpec {
  /** Sub-command path, e.g. ["subscribe"] or ["feeds", "add"]. */
  path: string[];
  options?: Record<string, OptionValue>;
  channelId: string;
  userId?: string;
  /** Permission bitfield as Discord sends it (decimal string); Manage Guild is 1 << 5. */
  permissions?: string;
  roles?: string[];
  commandName?: string;
  /** For autocomplete: the option being typed. */
  focused?: string;
}

export interface BuiltInteraction {
  id: string;
  token: string;
  payload: Record<string, unknown>;
}

type CommandOption = { name: string; type: number; options?: CommandOption[] };

/** The registered type of an option, so payloads match what Discord would send. */
function registeredOptionType(state: EmuState, commandName: string, path: string[], option: string): number | undefined {
  const all = [...state.commands.global, ...[...state.commands.guild.values()].flat()] as unknown as CommandOption[];
  let level: CommandOption[] | undefined = all.find((command) => command.name === commandName)?.options;
  for (const part of path) level = level?.find((o) => o.name === part)?.options;
  return level?.find((o) => o.name === option)?.type;
}

function inferredType(value: OptionValue): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}

export function buildInteraction(state: EmuState, applicationId: string, spec: InteractionSpec, type: 2 | 4): BuiltInteraction {
  const commandName = spec.commandName ?? 'sitrep';
  const leaf = Object.entries(spec.options ?? {}).map(([name, value]) => ({
    name,
    type: registeredOptionType(state, commandName, spec.path, name) ?? inferredType(value),
    value,
    ...(spec.focused === name ? { focused: true } : {}),
  }));
  let options: Record<string, unknown>[] = leaf;
  // Innermost first: the last path part is the subcommand (type 1), the ones above it groups (type 2).
  spec.path
    .slice()
    .reverse()
    .forEach((name, index) => {
      options = [{ name, type: index === 0 ? 1 : 2, options }];
    });
  const id = snowflake();
  const token = `emu-token-${id}`;
  const userId = spec.userId ?? '100000000000000001';
  const channel = state.channels.get(spec.channelId);
  state.interactions.set(token, { id, channelId: spec.channelId });
  return {
    id,
    token,
    payload: {
      id,
      application_id: applicationId,
      type,
      token,
      version: 1,
      guild_id: state.guild.id,
      guild: { id: state.guild.id, locale: 'en-US', features: [] },
      guild_locale: 'en-US',
      locale: 'en-US',
      channel_id: spec.channelId,
      channel: { id: spec.channelId, type: channel?.type ?? 0, name: channel?.name ?? 'unknown', guild_id: state.guild.id },
      app_permissions: '2251799813685247',
      entitlements: [],
      authorizing_integration_owners: { '0': state.guild.id },
      context: 0,
      member: {
        user: { id: userId, username: `user${userId.slice(-4)}`, discriminator: '0', global_name: null, avatar: null },
        roles: spec.roles ?? [],
        permissions: spec.permissions ?? '0',
        joined_at: new Date(0).toISOString(),
        nick: null,
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        premium_since: null,
      },
      data: { id: snowflake(), name: commandName, type: 1, guild_id: state.guild.id, options },
    },
  };
}
