import type { CommandHandler, CommandReply, CommandRequest } from '../adapters/chat-adapter.js';
import type { AnnotatedItem } from '../domain/annotations.js';
import type { Logger } from '../domain/logger.js';
import type { Story } from '../domain/story.js';
import type { AdminNotices } from '../delivery/admin-notices.js';
import type { ChannelStoryStatus } from '../delivery/delivery-engine.js';
import type { FeedHealthRecord } from '../delivery/feed-health-notices.js';
import type { SearchIndex } from '../delivery/search-index.js';
import type { SubscriptionRepo } from '../delivery/subscription-repo.js';
import { adminCommands } from './admin-commands.js';
import { parseOptions } from './command-options.js';
import { findCommandSpec, usageText } from './command-specs.js';
import type { FeedRegistry } from './feed-registry.js';
import { lookupCommands } from './lookup-commands.js';
import { subscriptionCommands } from './subscription-commands.js';
import type { TopicsRegistry } from './topics-registry.js';
import { whyCommand } from './why-command.js';

/** Reads stories and items from the local store (the lead wires it to the clusterer's records). */
export interface StoriesReader {
  /** Stories updated since `since`, newest first, optionally by topic and region. */
  recent(query: { since: Date; topic?: string; regions?: string[]; limit: number }): Promise<Story[]>;
  /** The stored item with this link (canonical or as posted) and its story, or null when never seen. */
  findByUrl(url: string): Promise<{ item: AnnotatedItem; story: Story | null } | null>;
}

export type FeedUrlCheck = { ok: true; title: string; itemCount: number } | { ok: false; code: string; message: string };

export interface CommandCoreDeps {
  subscriptions: SubscriptionRepo;
  topics: TopicsRegistry;
  feeds: FeedRegistry;
  /** Fetches and parses a candidate feed, refusing private addresses (the lead wires fetcher + parser + guard). */
  validateFeedUrl(url: string): Promise<FeedUrlCheck>;
  feedHealth(): Promise<FeedHealthRecord[]>;
  /** Clears the poller's auto-pause of a feed (failure streak), on `/sitrep feeds resume`. */
  resumeFeedHealth?(feedId: string): Promise<void>;
  stories: StoriesReader;
  search: SearchIndex;
  /** Delivery facts for `why`: what happened to a story in a channel, and the noise budget. */
  delivery: {
    channelStoryStatus(platform: CommandRequest['platform'], channelId: string, storyId: string): Promise<ChannelStoryStatus>;
    sentLastHour(platform: CommandRequest['platform'], channelId: string): Promise<number>;
  };
  adminNotices: AdminNotices;
  clock: () => Date;
  logger?: Logger;
  newId?: () => string;
  /** Defaults for new subscriptions (from settings). */
  defaults?: { timezone?: string; digestAt?: string; feedIntervalMinutes?: number };
}

export interface CommandContext {
  request: CommandRequest;
  deps: CommandCoreDeps;
  now: Date;
}

/** What a handler returns: its lines; the core adds visibility, notices and errors. */
export interface HandlerReply {
  title?: string;
  lines: string[];
  /** Lookups are ephemeral unless public:true; confirmations of changes too. */
  public?: boolean;
}

/** An expected refusal (unknown topic, feed rejected …): rendered as an ephemeral "nothing changed". */
export interface HandlerRefusal {
  refused: string;
}

export type CommandFn = (context: CommandContext, options: Record<string, unknown>) => Promise<HandlerReply | HandlerRefusal>;

const handlers: Record<string, CommandFn> = {
  ...subscriptionCommands,
  ...lookupCommands,
  why: whyCommand,
  ...adminCommands,
};

export function errorReply(message: string, usage?: string): CommandReply {
  const lines = message.split('\n');
  return { ephemeral: true, title: 'Sitrep: nothing changed', lines: usage ? [...lines, `Usage: ${usage}`] : lines };
}

/**
 * The platform-neutral command core: validates arguments with zod, checks admin
 * rights, runs the handler and turns every expected failure into an ephemeral reply.
 */
export function createCommandCore(deps: CommandCoreDeps): CommandHandler {
  return async (request) => {
    const notice = await deps.adminNotices.take(request.platform, request.channelId);
    const noticeLines = notice ? [`⚠ ${notice.text}`, ''] : [];
    const withNotice = (reply: CommandReply): CommandReply => ({ ...reply, lines: [...noticeLines, ...reply.lines] });

    const spec = findCommandSpec(request.path);
    if (!spec) {
      const group = request.path[0] === 'feeds' || request.path[0] === 'tune' ? request.path[0] : undefined;
      return withNotice({
        ephemeral: true,
        title: 'Sitrep: unknown command',
        lines: [`Unknown command "/sitrep ${request.path.join(' ')}". Commands:`, ...usageText(group)],
      });
    }
    if (spec.admin && !request.isAdmin) {
      return withNotice({
        ephemeral: true,
        title: 'Sitrep: admin only',
        lines: [`/sitrep ${spec.path.join(' ')} is for admins only (Manage Server on Discord, workspace admins or configured users on Slack). Nothing changed.`],
      });
    }
    const parsed = parseOptions(spec.schema, request.options, spec.path.join(' '));
    if (!parsed.ok) return withNotice(errorReply(parsed.message, spec.usage));

    const handler = handlers[spec.path.join(' ')];
    if (!handler) return withNotice(errorReply(`/sitrep ${spec.path.join(' ')} is not available in this build`));
    const context: CommandContext = { request, deps, now: deps.clock() };
    let result: HandlerReply | HandlerRefusal;
    try {
      result = await handler(context, parsed.value as Record<string, unknown>);
    } catch (error) {
      // A store or reader failure is not the user's fault: say so, keep the adapter alive.
      deps.logger?.error('command failed', { path: spec.path.join(' '), error: String(error) });
      return withNotice({
        ephemeral: true,
        title: 'Sitrep: something went wrong',
        lines: [`/sitrep ${spec.path.join(' ')} failed on our side; the operators have the details in the log. Try again in a minute.`],
      });
    }
    if ('refused' in result) return withNotice(errorReply(result.refused));
    const wantsPublic = (parsed.value as { public?: boolean }).public === true;
    return withNotice({
      ephemeral: !(result.public ?? wantsPublic),
      ...(result.title ? { title: result.title } : {}),
      lines: result.lines,
    });
  };
}
