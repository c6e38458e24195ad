import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChannelBuckets, GlobalLimiter, ScriptBook, failureResponse, rateLimitResponse, type FaultResponse, type ScriptRule } from './emulator-faults.js';
import { startGateway, type Gateway } from './emulator-gateway.js';
import { handleRest, isExemptFromGlobalLimit, type RestContext, type RestResponse } from './emulator-rest.js';
import { createEmuState, type EmuMessage, type EmuRole, type EmuState, type EmuUser } from './emulator-state.js';
import { buildInteraction, type InteractionSpec } from './interaction-payloads.js';

/**
 * A local Discord: REST under /api/v10 and a WebSocket gateway on one
 * 127.0.0.1 port. Real discord.js logs into it through its `rest.api` option
 * (DISCORD_API_URL) and takes the gateway URL from GET /gateway/bot.
 */

export interface DiscordEmulatorOptions {
  token?: string;
  applicationId?: string;
  guildId?: string;
  /** Text channels of the guild (ids, or ids with names). Posting elsewhere gets 404 10003. */
  channels?: (string | { id: string; name: string })[];
  roles?: EmuRole[];
  /** Delay before every REST response. */
  latencyMs?: number;
  /** Discord's global limit; null (default) disables it. The bench uses 50. */
  globalPerSecond?: number | null;
  /** Per-channel message bucket (Discord: 5 per 5 s); null (default) disables it. */
  channelBucket?: { limit: number; windowMs: number } | null;
  heartbeatIntervalMs?: number;
  nonceWindowMs?: number;
  /** Keep every request in state.requests (default true; the bench turns it off). */
  recordRequests?: boolean;
}

export interface CommandResult {
  /** 4 = immediate reply, 5 = deferred then edited, 8 = autocomplete. */
  callbackType: number;
  ephemeral: boolean;
  content: string;
  embeds: Record<string, unknown>[];
  /** All visible text (content, embed titles, descriptions, fields), for assertions. */
  text: string;
}

export interface DiscordEmulator {
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly guildId: string;
  readonly bot: EmuUser;
  readonly state: EmuState;
  readonly gateway: Gateway;
  addChannel(id: string, name?: string): void;
  removeChannel(id: string): void;
  addRole(role: EmuRole): void;
  script(rule: ScriptRule): void;
  setLatency(ms: number): void;
  messagesIn(channelId: string): EmuMessage[];
  waitForMessages(channelId: string, count: number, timeoutMs?: number): Promise<EmuMessage[]>;
  /** Delivers a slash command and waits for the bot's complete answer. */
  runCommand(spec: InteractionSpec, timeoutMs?: number): Promise<CommandResult>;
  /** Delivers an autocomplete interaction and returns the offered choices. */
  autocomplete(spec: InteractionSpec & { focused: string }, timeoutMs?: number): Promise<{ name: string; value: string | number }[]>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return null;
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function write(response: ServerResponse, result: RestResponse | FaultResponse, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...extraHeaders, ...(result as Partial<FaultResponse>).headers };
  if (result.status === 204 || result.body === null) {
    response.writeHead(result.status, headers);
    response.end();
    return;
  }
  response.writeHead(result.status, { ...headers, 'content-type': 'application/json' });
  response.end(JSON.stringify(result.body));
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`discord emulator: timed out waiting for ${what}`);
    await pause(5);
  }
}

function visibleText(content: string, embeds: Record<string, unknown>[]): string {
  const parts = [content];
  for (const embed of embeds) {
    parts.push(String(embed['title'] ?? ''), String(embed['description'] ?? ''));
    for (const field of (embed['fields'] as { name: string; value: string }[] | undefined) ?? []) parts.push(field.name, field.value);
  }
  return parts.filter((part) => part.length > 0).join('\n');
}

export async function startDiscordEmulator(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
  const token = options.token ?? 'emulator-bot-token';
  const applicationId = options.applicationId ?? '900000000000000001';
  const guildId = options.guildId ?? '800000000000000001';
  const bot: EmuUser = { id: applicationId, username: 'Sitrep', discriminator: '0', global_name: 'Sitrep', avatar: null, bot: true };
  const state = createEmuState({ id: guildId, name: 'Emulated Guild', ownerId: '100000000000000000' });
  for (const channel of options.channels ?? []) {
    const { id, name } = typeof channel === 'string' ? { id: channel, name: `channel-${channel.slice(-4)}` } : channel;
    state.channels.set(id, { id, type: 0, name, guild_id: guildId, parent_id: null });
  }
  state.roles.push(...(options.roles ?? []));
  const scripts = new ScriptBook();
  const global = new GlobalLimiter(options.globalPerSecond ?? null);
  const buckets = options.channelBucket ? new ChannelBuckets(options.channelBucket.limit, options.channelBucket.windowMs) : null;
  const record = options.recordRequests ?? true;
  let latencyMs = options.latencyMs ?? 0;
  let messageWaiters: (() => void)[] = [];

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  const ctx: RestContext = {
    state,
    bot,
    applicationId,
    gatewayUrl,
    nonceWindowMs: options.nonceWindowMs ?? 5 * 60_000,
    onMessage: () => {
      const waiters = messageWaiters;
      messageWaiters = [];
      for (const wake of waiters) wake();
    },
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      // Limits count a request when it arrives; the latency is the way back.
      const arrivedAt = Date.now();
      const url = new URL(request.url ?? '/', origin);
      const body = await readBody(request);
      if (latencyMs > 0) await pause(latencyMs);
      // discord.js percent-encodes route parts (@original arrives as %40original).
      const prefix = /^\/api\/v10(\/.*)$/.exec(decodeURIComponent(url.pathname));
      const method = request.method ?? 'GET';
      const path = prefix?.[1] ?? url.pathname;
      const result = prefix ? answer(method, path, url, body, request.headers.authorization ?? null, arrivedAt) : { status: 404, headers: {}, body: { message: 'not under /api/v10', code: 0 } };
      const status = result.status;
      const scope = (result as Partial<FaultResponse>).headers?.['x-ratelimit-scope'];
      if (status === 401 || status === 403 || (status === 429 && scope !== 'shared')) state.invalidRequests += 1;
      if (status === 429) state.rateLimited += 1;
      if (record) state.requests.push({ method, path, query: url.search, body, status, at: Date.now(), authorization: request.headers.authorization ?? null });
      write(response, result);
    })();
  });

  function answer(method: string, path: string, url: URL, body: unknown, authorization: string | null, now: number): RestResponse | FaultResponse {
    if (!isExemptFromGlobalLimit(path)) {
      const waitMs = global.admit(now);
      if (waitMs > 0) return rateLimitResponse(waitMs, true, 'global');
    }
    const failure = scripts.take(method, path);
    if (failure && failure.kind !== 'lost-response') return failureResponse(failure);
    let bucketHeaders: Record<string, string> = {};
    const channelPost = method === 'POST' ? /^\/channels\/(\d+)\/messages$/.exec(path) : null;
    if (buckets && channelPost?.[1]) {
      const admitted = buckets.admit(channelPost[1], now);
      if ('waitMs' in admitted) return rateLimitResponse(admitted.waitMs, false, 'user');
      bucketHeaders = admitted.headers;
    }
    const result = handleRest(ctx, {
      method,
      path,
      query: url.searchParams,
      body: (body ?? null) as Record<string, unknown> | null,
      authorized: authorization === `Bot ${token}`,
    });
    if (failure) return failureResponse(failure);
    return { ...result, headers: bucketHeaders };
  }

  const gateway = startGateway({ server, state, bot, token, applicationId, heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250, wsUrl: () => gatewayUrl });

  function dispatchInteraction(spec: InteractionSpec, type: 2 | 4) {
    const built = buildInteraction(state, applicationId, spec, type);
    if (!gateway.dispatch('INTERACTION_CREATE', built.payload)) throw new Error('discord emulator: no bot connected to the gateway');
    return built;
  }

  const emulator: DiscordEmulator = {
    apiUrl: `${origin}/api`,
    gatewayUrl,
    token,
    applicationId,
    guildId,
    bot,
    state,
    gateway,
    addChannel(id, name) {
      state.channels.set(id, { id, type: 0, name: name ?? `channel-${id.slice(-4)}`, guild_id: guildId, parent_id: null });
    },
    removeChannel(id) {
      state.channels.delete(id);
    },
    addRole(role) {
      state.roles.push(role);
    },
    script: (rule) => scripts.add(rule),
    setLatency(ms) {
      latencyMs = ms;
    },
    messagesIn: (channelId) => [...(state.messages.get(channelId) ?? [])],
    async waitForMessages(channelId, count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while ((state.messages.get(channelId)?.length ?? 0) < count) {
        if (Date.now() > deadline) throw new Error(`discord emulator: expected ${count} message(s) in ${channelId}, got ${state.messages.get(channelId)?.length ?? 0}`);
        await Promise.race([new Promise<void>((resolve) => messageWaiters.push(resolve)), pause(20)]);
      }
      return [...(state.messages.get(channelId) ?? [])];
    },
    async runCommand(spec, timeoutMs = 5_000) {
      const { id, token: interactionToken } = dispatchInteraction(spec, 2);
      const callback = await waitFor(() => state.callbacks.find((c) => c.interactionId === id), timeoutMs, `a callback for interaction ${id}`);
      const flags = Number(callback.body.data?.['flags'] ?? 0);
      const data =
        callback.body.type === 5
          ? await waitFor(() => state.originals.get(interactionToken), timeoutMs, `the deferred reply of interaction ${id}`)
          : (callback.body.data ?? {});
      const content = typeof data['content'] === 'string' ? data['content'] : '';
      const embeds = Array.isArray(data['embeds']) ? (data['embeds'] as Record<string, unknown>[]) : [];
      return { callbackType: callback.body.type, ephemeral: (flags & 64) === 64, content, embeds, text: visibleText(content, embeds) };
    },
    async autocomplete(spec, timeoutMs = 5_000) {
      const { id } = dispatchInteraction(spec, 4);
      const callback = await waitFor(() => state.callbacks.find((c) => c.interactionId === id), timeoutMs, `autocomplete answer ${id}`);
      return (callback.body.data?.['choices'] as { name: string; value: string | number }[] | undefined) ?? [];
    },
    async close() {
      await gateway.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
  return emulator;
}
