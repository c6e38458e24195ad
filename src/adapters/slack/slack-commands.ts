import type { App } from '@slack/bolt';
import type { CommandHandler, CommandReply, CommandRequest } from '../chat-adapter.js';
import { runCommandSafely } from '../run-command.js';
import { parseSlackText } from '../../commands/parse-slack-text.js';
import { feedText } from '../../commands/feed-text.js';
import type { Logger } from '../../domain/logger.js';
import { whyActionId, type WhyButtonValue } from './render-alert.js';
import { replyMessage } from './render-messages.js';
import type { AdminResolver } from './slack-admins.js';

export interface SlackCommandOptions {
  /** The slash command as registered in the manifest. */
  command: string;
  isAdmin: AdminResolver;
  logger: Logger;
}

type Respond = (message: { response_type: 'ephemeral' | 'in_channel'; replace_original?: boolean; text: string; blocks: unknown[] }) => Promise<unknown>;

async function answer(respond: Respond | undefined, reply: CommandReply, logger: Logger): Promise<void> {
  if (!respond) {
    logger.warn('slack gave no response_url: reply dropped', { title: reply.title });
    return;
  }
  const rendered = replyMessage(reply);
  try {
    await respond({ response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', replace_original: false, text: rendered.text, blocks: rendered.blocks });
  } catch (error) {
    logger.error('slack response_url post failed', { error: String(error) });
  }
}

/** The button's story id and link, or null when the value is not ours. */
export function parseWhyValue(value: string | undefined): WhyButtonValue | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as Partial<WhyButtonValue>;
    if (typeof parsed.storyId !== 'string') return null;
    return { storyId: parsed.storyId, link: typeof parsed.link === 'string' ? parsed.link : null };
  } catch {
    return null;
  }
}

/**
 * `/sitrep …` and the "Why this?" button. Both ack() first (Slack allows 3 s),
 * then run the command core and answer through response_url: ephemeral unless
 * the reply is public.
 */
export function registerSlackCommands(app: App, onCommand: CommandHandler, options: SlackCommandOptions): void {
  const { logger } = options;

  app.command(options.command, async ({ command, ack, respond }) => {
    await ack();
    const parsed = parseSlackText(command.text ?? '');
    if (!parsed.ok) {
      const help = /^\s*(help)?\s*$/i.test(command.text ?? '');
      const title = help ? 'Sitrep commands' : 'Sitrep: nothing changed';
      await answer(respond, { ephemeral: true, title, lines: [feedText(parsed.message), ...parsed.usage.map(feedText)] }, logger);
      return;
    }
    const request: CommandRequest = {
      platform: 'slack',
      workspaceId: command.team_id,
      channelId: command.channel_id,
      userId: command.user_id,
      isAdmin: await options.isAdmin(command.user_id),
      path: parsed.path,
      options: parsed.options,
    };
    await answer(respond, await runCommandSafely(onCommand, request, logger), logger);
  });

  app.action({ type: 'block_actions', action_id: whyActionId }, async ({ ack, body, action, respond }) => {
    await ack();
    const value = parseWhyValue('value' in action ? action.value : undefined);
    if (!value?.link) {
      await answer(respond, { ephemeral: true, title: 'Sitrep: why', lines: ['This alert has no link to explain.'] }, logger);
      return;
    }
    const userId = body.user.id;
    const request: CommandRequest = {
      platform: 'slack',
      workspaceId: body.team?.id ?? body.user.team_id ?? 'unknown',
      channelId: body.channel?.id ?? body.container?.channel_id ?? 'unknown',
      userId,
      isAdmin: await options.isAdmin(userId),
      path: ['why'],
      options: { url: value.link },
    };
    const reply = await runCommandSafely(onCommand, request, logger);
    // The button answers the person who pressed it, never the channel.
    await answer(respond, { ...reply, ephemeral: true }, logger);
  });
}
