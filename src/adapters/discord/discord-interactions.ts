import {
  ApplicationCommandOptionType,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
} from 'discord.js';
import type { CommandHandler, CommandRequest } from '../chat-adapter.js';
import { runCommandSafely } from '../run-command.js';
import type { Logger } from '../../domain/logger.js';
import { autocompleteSource } from './command-definitions.js';
import { replyEmbed } from './render-messages.js';

export interface ChoiceProviders {
  topics(): Promise<readonly { id: string; label: string }[]> | readonly { id: string; label: string }[];
  feeds(): Promise<readonly { id: string; title?: string | undefined }[]> | readonly { id: string; title?: string | undefined }[];
}

export interface InteractionOptions {
  adminRoles: readonly string[];
  /** Answer directly when the core is this fast; otherwise defer (Discord allows 3 s). */
  deferAfterMs: number;
  choices: ChoiceProviders;
  logger: Logger;
}

type Member = ChatInputCommandInteraction['member'];

/** Sub-command path and flat named options from Discord's nested option tree. */
export function flattenOptions(data: readonly CommandInteractionOption[]): Pick<CommandRequest, 'path' | 'options'> {
  const path: string[] = [];
  const options: CommandRequest['options'] = {};
  let level = data;
  for (;;) {
    const nested = level.find((o) => o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup);
    for (const option of level) {
      if (option === nested) continue;
      if (typeof option.value === 'string' || typeof option.value === 'number' || typeof option.value === 'boolean') options[option.name] = option.value;
    }
    if (!nested) break;
    path.push(nested.name);
    level = nested.options ?? [];
  }
  return { path, options };
}

function roleIdsOf(member: Member): string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? [...member.roles] : [...member.roles.cache.keys()];
}

/** Manage Server, or a role whose name or id is listed in config (names compared case-insensitively). */
export function isDiscordAdmin(interaction: ChatInputCommandInteraction | AutocompleteInteraction, adminRoles: readonly string[]): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  if (adminRoles.length === 0) return false;
  const wanted = new Set(adminRoles.map((role) => role.toLowerCase()));
  return roleIdsOf(interaction.member).some((id) => {
    const name = interaction.guild?.roles.cache.get(id)?.name;
    return wanted.has(id.toLowerCase()) || (name !== undefined && wanted.has(name.toLowerCase()));
  });
}

export function toCommandRequest(interaction: ChatInputCommandInteraction, adminRoles: readonly string[]): CommandRequest {
  return {
    platform: 'discord',
    workspaceId: interaction.guildId ?? 'dm',
    channelId: interaction.channelId,
    userId: interaction.user.id,
    isAdmin: isDiscordAdmin(interaction, adminRoles),
    ...flattenOptions(interaction.options.data),
  };
}

/**
 * Replies within Discord's 3 s: a fast core answer goes out as the reply
 * itself (with its own ephemeral flag); a slow one is deferred first — ephemeral
 * unless `public:true` was asked — and the answer edited in.
 */
export async function answerCommand(interaction: ChatInputCommandInteraction, onCommand: CommandHandler, options: InteractionOptions): Promise<void> {
  const request = toCommandRequest(interaction, options.adminRoles);
  const pending = runCommandSafely(onCommand, request, options.logger);
  let timer: NodeJS.Timeout | undefined;
  const early = await Promise.race([
    pending,
    new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), options.deferAfterMs);
    }),
  ]);
  clearTimeout(timer);
  const allowedMentions = { parse: [] };
  if (early) {
    await interaction.reply({ embeds: [replyEmbed(early)], allowedMentions, ...(early.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
    return;
  }
  const ephemeral = request.options['public'] !== true;
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  await interaction.editReply({ embeds: [replyEmbed(await pending)], allowedMentions });
}

const maxChoices = 25;
const clip = (text: string) => (text.length > 100 ? `${text.slice(0, 99)}…` : text);

/** Autocomplete for topic and feed ids: what matches the typed text, best first. */
export async function answerAutocomplete(interaction: AutocompleteInteraction, choices: ChoiceProviders): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const path = [interaction.options.getSubcommandGroup(false), interaction.options.getSubcommand(false)].filter((p): p is string => p !== null);
  const source = autocompleteSource(path, focused.name);
  const typed = String(focused.value);
  // A topic list completes its last item, keeping what was typed before it.
  const head = source === 'topic-list' && typed.includes(',') ? typed.slice(0, typed.lastIndexOf(',') + 1) : '';
  const needle = typed.slice(head.length).trim().toLowerCase();
  const rank = (id: string, label: string) => (id.startsWith(needle) ? 0 : label.toLowerCase().includes(needle) || id.includes(needle) ? 1 : 2);
  let offered: { name: string; value: string }[] = [];
  if (source === 'topic' || source === 'topic-list') {
    offered = (await choices.topics())
      .filter((t) => rank(t.id, t.label) < 2)
      .sort((a, b) => rank(a.id, a.label) - rank(b.id, b.label) || a.id.localeCompare(b.id))
      .map((t) => ({ name: clip(`${head}${t.id} — ${t.label}`), value: clip(`${head}${t.id}`) }));
  } else if (source === 'feed') {
    offered = (await choices.feeds())
      .filter((f) => rank(f.id, f.title ?? '') < 2)
      .sort((a, b) => rank(a.id, a.title ?? '') - rank(b.id, b.title ?? '') || a.id.localeCompare(b.id))
      .map((f) => ({ name: clip(f.title ? `${f.id} — ${f.title}` : f.id), value: clip(f.id) }));
  }
  await interaction.respond(offered.slice(0, maxChoices));
}
