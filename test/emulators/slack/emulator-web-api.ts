import type { IncomingMessage } from 'node:http';
import type { EmulatedMessage, EmulatorState } from './emulator-state.js';

export type Params = Record<string, unknown>;

/** A method's answer: the JSON body plus extra headers (x-oauth-scopes, Retry-After). */
export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface WebApiContext {
  state: EmulatorState;
  botToken: string;
  appToken: string;
  teamId: string;
  botUserId: string;
  botId: string;
  scopes: readonly string[];
  wsUrl: () => string;
}

const jsonFields = new Set(['blocks', 'attachments', 'metadata']);

/** Form-encoded and JSON bodies, as the Web API accepts both; JSON-in-form fields decoded. */
export async function readParams(req: IncomingMessage): Promise<Params> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  const params: Params = {};
  if (type.includes('application/json')) {
    Object.assign(params, raw ? (JSON.parse(raw) as Params) : {});
  } else {
    for (const [key, value] of new URLSearchParams(raw)) {
      params[key] = jsonFields.has(key) && /^[[{]/.test(value) ? JSON.parse(value) : value;
    }
  }
  const query = new URL(req.url ?? '/', 'http://x').searchParams;
  for (const [key, value] of query) if (params[key] === undefined) params[key] = value;
  return params;
}

/** The token from `Authorization: Bearer …`, else the `token` parameter. */
export function tokenOf(req: IncomingMessage, params: Params): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  return typeof params['token'] === 'string' ? params['token'] : null;
}

const ok = (body: Record<string, unknown> = {}): ApiAnswer => ({ status: 200, body: { ok: true, ...body } });
export const apiError = (error: string): ApiAnswer => ({ status: 200, body: { ok: false, error } });
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);
const truthy = (value: unknown) => value === true || value === 'true' || value === '1';

/** Rejects what real Slack rejects as invalid_blocks: too many blocks, over-long section text. */
function blocksProblem(blocks: unknown): string | null {
  if (blocks === undefined) return null;
  if (!Array.isArray(blocks)) return 'invalid_blocks_format';
  if (blocks.length > 50) return 'invalid_blocks';
  for (const block of blocks as { type?: string; text?: { text?: string } }[]) {
    if (block.type === 'section' && (block.text?.text?.length ?? 0) > 3000) return 'invalid_blocks';
    if (block.type === 'header' && (block.text?.text?.length ?? 0) > 150) return 'invalid_blocks';
  }
  return null;
}

function publicMessage(message: EmulatedMessage, withMetadata: boolean): Record<string, unknown> {
  return {
    type: 'message',
    ts: message.ts,
    user: message.user,
    bot_id: 'B0SITREP',
    text: message.text,
    blocks: message.blocks,
    ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    ...(message.reply_count > 0 ? { reply_count: message.reply_count } : {}),
    ...(message.edits.length > 0 ? { edited: { user: message.user, ts: message.ts } } : {}),
    ...(withMetadata && message.metadata ? { metadata: message.metadata } : {}),
  };
}

/** Channel checks shared by posting methods: unknown, archived, bot not a member. */
function postable(ctx: WebApiContext, channelId: string | undefined): ApiAnswer | null {
  const channel = channelId ? ctx.state.channels.get(channelId) : undefined;
  if (!channel) return apiError('channel_not_found');
  if (channel.isArchived) return apiError('is_archived');
  if (!channel.botIsMember) return apiError('not_in_channel');
  return null;
}

export function callMethod(ctx: WebApiContext, method: string, params: Params): ApiAnswer {
  const { state } = ctx;
  switch (method) {
    case 'auth.test':
      return {
        ...ok({ url: 'https://sitrep-emulated.slack.com/', team: 'Emulated Newsroom', user: 'sitrep', team_id: ctx.teamId, user_id: ctx.botUserId, bot_id: ctx.botId, is_enterprise_install: false }),
        headers: { 'x-oauth-scopes': ctx.scopes.join(',') },
      };
    case 'apps.connections.open':
      return ok({ url: ctx.wsUrl() });
    case 'chat.postMessage': {
      const channel = str(params['channel']);
      const refused = postable(ctx, channel);
      if (refused) return refused;
      const text = str(params['text']) ?? '';
      const blocks = params['blocks'];
      if (!text && !Array.isArray(blocks)) return apiError('no_text');
      const problem = blocksProblem(blocks);
      if (problem) return apiError(problem);
      const threadTs = str(params['thread_ts']) ?? null;
      if (threadTs) {
        const parent = state.find(channel as string, threadTs);
        if (!parent) return apiError('thread_not_found');
        parent.thread_ts = parent.ts;
        parent.reply_count += 1;
      }
      const metadata = params['metadata'] as EmulatedMessage['metadata'] | undefined;
      const message: EmulatedMessage = {
        ts: state.nextTs(),
        channel: channel as string,
        user: ctx.botUserId,
        text,
        blocks: Array.isArray(blocks) ? blocks : [],
        metadata: metadata ?? null,
        thread_ts: threadTs,
        reply_count: 0,
        edits: [],
        unfurl_links: params['unfurl_links'] === undefined ? null : truthy(params['unfurl_links']),
        unfurl_media: params['unfurl_media'] === undefined ? null : truthy(params['unfurl_media']),
      };
      state.messages.get(message.channel)?.push(message);
      return ok({ channel: message.channel, ts: message.ts, message: publicMessage(message, true) });
    }
    case 'chat.update': {
      const channel = str(params['channel']);
      const refused = postable(ctx, channel);
      if (refused) return refused;
      const message = state.find(channel as string, str(params['ts']) ?? '');
      if (!message) return apiError('message_not_found');
      const problem = blocksProblem(params['blocks']);
      if (problem) return apiError(problem);
      message.edits.push({ text: message.text, blocks: message.blocks });
      message.text = str(params['text']) ?? message.text;
      if (Array.isArray(params['blocks'])) message.blocks = params['blocks'];
      if (params['metadata']) message.metadata = params['metadata'] as EmulatedMessage['metadata'];
      return ok({ channel, ts: message.ts, text: message.text });
    }
    case 'chat.postEphemeral': {
      const channel = str(params['channel']);
      const refused = postable(ctx, channel);
      if (refused) return refused;
      const blocks = Array.isArray(params['blocks']) ? params['blocks'] : [];
      state.ephemerals.push({ channel: channel as string, user: str(params['user']) ?? '', text: str(params['text']) ?? '', blocks });
      return ok({ message_ts: state.nextTs() });
    }
    case 'conversations.info': {
      const channel = state.channels.get(str(params['channel']) ?? '');
      if (!channel) return apiError('channel_not_found');
      return ok({ channel: { id: channel.id, name: channel.name, is_private: channel.isPrivate, is_archived: channel.isArchived, is_member: channel.botIsMember } });
    }
    case 'conversations.history': {
      const channel = state.channels.get(str(params['channel']) ?? '');
      if (!channel) return apiError('channel_not_found');
      if (!channel.botIsMember && channel.isPrivate) return apiError('not_in_channel');
      const limit = Math.min(999, Number(params['limit'] ?? 100) || 100);
      const newestFirst = [...state.channelMessages(channel.id)].reverse().slice(0, limit);
      return ok({ messages: newestFirst.map((m) => publicMessage(m, truthy(params['include_all_metadata']))), has_more: false });
    }
    case 'conversations.replies': {
      const channelId = str(params['channel']) ?? '';
      const parent = state.find(channelId, str(params['ts']) ?? '');
      if (!parent) return apiError(state.channels.has(channelId) ? 'thread_not_found' : 'channel_not_found');
      const withMetadata = truthy(params['include_all_metadata']);
      return ok({ messages: [parent, ...state.threadReplies(channelId, parent.ts)].map((m) => publicMessage(m, withMetadata)), has_more: false });
    }
    case 'users.info': {
      const user = state.users.get(str(params['user']) ?? '');
      if (!user) return apiError('user_not_found');
      return ok({ user: { id: user.id, name: user.name, team_id: ctx.teamId, is_admin: user.isAdmin, is_owner: user.isOwner, is_primary_owner: false, is_bot: false } });
    }
    case 'usergroups.users.list': {
      const users = state.userGroups.get(str(params['usergroup']) ?? '');
      if (!users) return apiError('no_such_subteam');
      return ok({ users });
    }
    default:
      return apiError('unknown_method');
  }
}
