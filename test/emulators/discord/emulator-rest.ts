import { findMessage, snowflake, type EmuMessage, type EmuState, type EmuUser } from './emulator-state.js';
import { messagePings, messageProblems } from './emulator-limits.js';

/**
 * The REST routes of the emulator, as plain functions of (state, request) →
 * response. Shapes follow Discord's v10 API closely enough for discord.js to
 * build its structures from them.
 */

export interface RestRequest {
  method: string;
  /** Path after /api/v10. */
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | null;
  authorized: boolean;
}

export interface RestResponse {
  status: number;
  body: unknown;
}

export interface RestContext {
  state: EmuState;
  bot: EmuUser;
  applicationId: string;
  gatewayUrl: string;
  /** How long a nonce keeps deduplicating (Discord: "a few minutes"). */
  nonceWindowMs: number;
  /** Called after a channel message is created (tests wait on it). */
  onMessage: (message: EmuMessage) => void;
}

type Json = Record<string, unknown>;
type Handler = (ctx: RestContext, req: RestRequest, params: string[]) => RestResponse;

const unknownChannel = { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
const unknownMessage = { status: 404, body: { message: 'Unknown Message', code: 10008 } };

export function messageJson(message: EmuMessage): Json {
  return {
    id: message.id,
    channel_id: message.channel_id,
    type: 0,
    content: message.content,
    embeds: message.embeds,
    author: message.author,
    timestamp: message.timestamp,
    edited_timestamp: message.edited_timestamp,
    nonce: message.nonce,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    components: [],
    pinned: false,
    flags: 0,
    ...(message.thread ? { thread: { id: message.thread.id, name: message.thread.name, type: 11, parent_id: message.channel_id } } : {}),
  };
}

function createMessage(ctx: RestContext, channelId: string, body: Json): EmuMessage {
  const now = Date.now();
  const message: EmuMessage = {
    id: snowflake(now),
    channel_id: channelId,
    content: typeof body['content'] === 'string' ? body['content'] : '',
    embeds: Array.isArray(body['embeds']) ? (body['embeds'] as Json[]) : [],
    nonce: typeof body['nonce'] === 'string' ? body['nonce'] : null,
    allowed_mentions: body['allowed_mentions'] ?? null,
    author: ctx.bot,
    timestamp: new Date(now).toISOString(),
    edited_timestamp: null,
    thread: null,
    pings: messagePings(body),
  };
  const list = ctx.state.messages.get(channelId) ?? [];
  list.push(message);
  ctx.state.messages.set(channelId, list);
  ctx.onMessage(message);
  return message;
}

function invalidBody(problems: string[]): RestResponse {
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { _errors: problems.map((message) => ({ code: 'BASE_TYPE_INVALID', message })) } } };
}

const postMessage: Handler = (ctx, req, [channelId = '']) => {
  if (!ctx.state.channels.has(channelId)) return unknownChannel;
  const body = req.body ?? {};
  const problems = messageProblems(body);
  if (problems.length > 0) return invalidBody(problems);
  const nonce = typeof body['nonce'] === 'string' ? body['nonce'] : null;
  if (nonce && body['enforce_nonce'] === true) {
    const seen = ctx.state.nonces.get(`${channelId}:${nonce}`);
    if (seen && Date.now() - seen.at < ctx.nonceWindowMs) {
      const existing = findMessage(ctx.state, channelId, seen.messageId);
      if (existing) return { status: 200, body: messageJson(existing) };
    }
  }
  const message = createMessage(ctx, channelId, body);
  if (nonce) ctx.state.nonces.set(`${channelId}:${nonce}`, { channelId, messageId: message.id, at: Date.now() });
  return { status: 200, body: messageJson(message) };
};

const editMessage: Handler = (ctx, req, [channelId = '', messageId = '']) => {
  if (!ctx.state.channels.has(channelId)) return unknownChannel;
  const message = findMessage(ctx.state, channelId, messageId);
  if (!message) return unknownMessage;
  const body = req.body ?? {};
  const problems = messageProblems(body);
  if (problems.length > 0) return invalidBody(problems);
  if (typeof body['content'] === 'string') message.content = body['content'];
  if (Array.isArray(body['embeds'])) message.embeds = body['embeds'] as Json[];
  message.edited_timestamp = new Date().toISOString();
  ctx.state.edits.push({ channelId, messageId, body, at: Date.now() });
  return { status: 200, body: messageJson(message) };
};

const listMessages: Handler = (ctx, req, [channelId = '']) => {
  if (!ctx.state.channels.has(channelId)) return unknownChannel;
  const limit = Math.min(100, Math.max(1, Number(req.query.get('limit') ?? 50)));
  const newestFirst = [...(ctx.state.messages.get(channelId) ?? [])].reverse().slice(0, limit);
  return { status: 200, body: newestFirst.map(messageJson) };
};

const getMessage: Handler = (ctx, _req, [channelId = '', messageId = '']) => {
  const message = findMessage(ctx.state, channelId, messageId);
  return message ? { status: 200, body: messageJson(message) } : unknownMessage;
};

const startThread: Handler = (ctx, req, [channelId = '', messageId = '']) => {
  const parent = ctx.state.channels.get(channelId);
  if (!parent) return unknownChannel;
  const message = findMessage(ctx.state, channelId, messageId);
  if (!message) return unknownMessage;
  if (message.thread) return { status: 400, body: { message: 'A thread has already been created for this message', code: 160004 } };
  const name = typeof req.body?.['name'] === 'string' ? req.body['name'] : 'thread';
  if (name.length < 1 || name.length > 100) return invalidBody(['name: must be between 1 and 100 in length']);
  // A thread started from a message has the message's id, as on Discord.
  message.thread = { id: message.id, name };
  const thread = { id: message.id, type: 11, name, guild_id: parent.guild_id, parent_id: channelId };
  ctx.state.channels.set(thread.id, thread);
  return { status: 201, body: { ...thread, owner_id: ctx.bot.id, message_count: 0, member_count: 1, thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false, archive_timestamp: new Date().toISOString() } } };
};

const getChannel: Handler = (ctx, _req, [channelId = '']) => {
  const channel = ctx.state.channels.get(channelId);
  return channel ? { status: 200, body: { ...channel, position: 0, permission_overwrites: [] } } : unknownChannel;
};

function putCommands(ctx: RestContext, req: RestRequest, guildId: string | null): RestResponse {
  const list = Array.isArray(req.body) ? (req.body as Json[]) : [];
  const stored = list.map((command) => ({ ...command, id: snowflake(), application_id: ctx.applicationId, version: snowflake(), ...(guildId ? { guild_id: guildId } : {}) }));
  if (guildId) ctx.state.commands.guild.set(guildId, stored);
  else ctx.state.commands.global = stored;
  return { status: 200, body: stored };
}

const interactionCallback: Handler = (ctx, req, [interactionId = '', token = '']) => {
  const body = (req.body ?? {}) as { type: number; data?: Json };
  ctx.state.callbacks.push({ interactionId, token, body });
  // Discord answers 204 with no body unless the bot asks for the response.
  if (req.query.get('with_response') === 'true') return { status: 200, body: { interaction: { id: interactionId, type: 2 } } };
  return { status: 204, body: null };
};

function webhookMessage(ctx: RestContext, token: string, body: Json): Json {
  const channelId = ctx.state.interactions.get(token)?.channelId ?? '0';
  return messageJson({
    id: snowflake(),
    channel_id: channelId,
    content: typeof body['content'] === 'string' ? body['content'] : '',
    embeds: Array.isArray(body['embeds']) ? (body['embeds'] as Json[]) : [],
    nonce: null,
    allowed_mentions: body['allowed_mentions'] ?? null,
    author: ctx.bot,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    thread: null,
    pings: messagePings(body),
  });
}

const editOriginal: Handler = (ctx, req, [, token = '']) => {
  const body = req.body ?? {};
  const problems = messageProblems(body);
  if (problems.length > 0) return invalidBody(problems);
  ctx.state.originals.set(token, body);
  return { status: 200, body: webhookMessage(ctx, token, body) };
};

const followup: Handler = (ctx, req, [, token = '']) => {
  const body = req.body ?? {};
  ctx.state.followups.push({ token, body });
  return { status: 200, body: webhookMessage(ctx, token, body) };
};

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  /** Interaction and webhook routes authenticate with the interaction token, not the bot token. */
  public?: boolean;
}

const routes: Route[] = [
  { method: 'GET', pattern: /^\/gateway\/bot$/, handler: (ctx) => ({ status: 200, body: { url: ctx.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } } }) },
  { method: 'GET', pattern: /^\/gateway$/, handler: (ctx) => ({ status: 200, body: { url: ctx.gatewayUrl } }), public: true },
  { method: 'GET', pattern: /^\/users\/@me$/, handler: (ctx) => ({ status: 200, body: ctx.bot }) },
  { method: 'GET', pattern: /^\/applications\/@me$/, handler: (ctx) => ({ status: 200, body: { id: ctx.applicationId, name: 'Sitrep', bot: ctx.bot, flags: 0 } }) },
  { method: 'PUT', pattern: /^\/applications\/(\d+)\/commands$/, handler: (ctx, req) => putCommands(ctx, req, null) },
  { method: 'PUT', pattern: /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, handler: (ctx, req, [, guildId = '']) => putCommands(ctx, req, guildId) },
  { method: 'GET', pattern: /^\/applications\/(\d+)\/commands$/, handler: (ctx) => ({ status: 200, body: ctx.state.commands.global }) },
  { method: 'GET', pattern: /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, handler: (ctx, _req, [, guildId = '']) => ({ status: 200, body: ctx.state.commands.guild.get(guildId) ?? [] }) },
  { method: 'POST', pattern: /^\/interactions\/(\d+)\/([^/]+)\/callback$/, handler: interactionCallback, public: true },
  { method: 'PATCH', pattern: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/, handler: editOriginal, public: true },
  { method: 'POST', pattern: /^\/webhooks\/(\d+)\/([^/]+)$/, handler: followup, public: true },
  { method: 'POST', pattern: /^\/channels\/(\d+)\/messages$/, handler: postMessage },
  { method: 'GET', pattern: /^\/channels\/(\d+)\/messages$/, handler: listMessages },
  { method: 'GET', pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/, handler: getMessage },
  { method: 'PATCH', pattern: /^\/channels\/(\d+)\/messages\/(\d+)$/, handler: editMessage },
  { method: 'POST', pattern: /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/, handler: startThread },
  { method: 'GET', pattern: /^\/channels\/(\d+)$/, handler: getChannel },
];

/** True for routes Discord's global limit does not count (interaction responses). */
export function isExemptFromGlobalLimit(path: string): boolean {
  return /^\/(interactions|webhooks)\//.test(path);
}

export function handleRest(ctx: RestContext, req: RestRequest): RestResponse {
  for (const route of routes) {
    if (route.method !== req.method) continue;
    const match = route.pattern.exec(req.path);
    if (!match) continue;
    if (!route.public && !req.authorized) return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    return route.handler(ctx, req, match.slice(1));
  }
  return { status: 404, body: { message: '404: Not Found', code: 0 } };
}
