import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachSocketMode, type EmulatorSocket } from './emulator-socket.js';
import { EmulatorState } from './emulator-state.js';
import { apiError, callMethod, readParams, tokenOf, type ApiAnswer, type Params, type WebApiContext } from './emulator-web-api.js';
import { createWorkspaceLimits, type EmulatorLimits } from './emulator-limits.js';
import { blockActionPayload, slashCommandPayload, type BlockActionInput, type SlashCommandInput } from './slack-payloads.js';

export type { EmulatorLimits } from './emulator-limits.js';

export interface SlackEmulatorOptions {
  botToken?: string;
  appToken?: string;
  teamId?: string;
  botUserId?: string;
  /** Scopes reported by auth.test in x-oauth-scopes. */
  scopes?: string[];
  /** Per-channel and workspace posting limits; off unless given (benches turn them on). */
  limits?: EmulatorLimits | null;
  now?: () => number;
}

/** A scripted failure for the next `times` calls of a method (optionally only for one channel). */
export type Fault =
  | { type: 'rate-limited'; retryAfterSec: number }
  | { type: 'error'; error: string }
  | { type: 'http'; status: number }
  /** Slack acts on the call, then the connection drops before the answer arrives. */
  | { type: 'lost-response' };

export interface RecordedCall {
  method: string;
  params: Params;
  token: string | null;
  ok: boolean;
  error: string | null;
  status: number;
  at: number;
}

export interface ResponseUrlPost {
  id: string;
  body: { response_type?: string; text?: string; blocks?: unknown[]; replace_original?: boolean };
}

export interface SlackEmulator {
  /** Web API base ending in `/` (what SLACK_API_URL is set to). */
  readonly apiUrl: string;
  readonly wsUrl: string;
  readonly state: EmulatorState;
  readonly calls: RecordedCall[];
  readonly responses: ResponseUrlPost[];
  readonly socket: EmulatorSocket;
  readonly botToken: string;
  readonly appToken: string;
  readonly teamId: string;
  callsTo(method: string): RecordedCall[];
  fail(method: string, fault: Fault, options?: { channel?: string; times?: number }): void;
  /** A fresh response_url pointing back at the emulator. */
  responseUrl(): string;
  /** Socket Mode: a slash command; resolves with the ack. */
  slashCommand(input: Omit<SlashCommandInput, 'responseUrl'>): Promise<{ responseUrl: string }>;
  /** Socket Mode: a button press; resolves with the ack. */
  pressButton(input: Omit<BlockActionInput, 'responseUrl'>): Promise<{ responseUrl: string }>;
  /** Resolves once `predicate` holds (checked after every call, response and ack), or rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** Waits for the next response_url post to `url`. */
  responseTo(url: string, timeoutMs?: number): Promise<ResponseUrlPost>;
  /** chat.postMessage calls answered with 429. */
  rateLimited(): number;
  close(): Promise<void>;
}

interface ScriptedFault {
  method: string;
  channel: string | undefined;
  remaining: number;
  fault: Fault;
}

function send(res: ServerResponse, answer: ApiAnswer): void {
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
  res.end(JSON.stringify(answer.body));
}

/**
 * A local fake of the parts of Slack Sitrep talks to: the Web API under
 * /api/<method> (Bearer auth, form or JSON bodies, ok:false errors, scripted
 * faults and 429s with Retry-After, optional rate limits), response_url
 * endpoints, and a Socket Mode WebSocket. Every call is recorded.
 */
export async function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const now = options.now ?? Date.now;
  const state = new EmulatorState(now);
  const calls: RecordedCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const faults: ScriptedFault[] = [];
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of [...listeners]) listener();
  };
  const limits = options.limits ? createWorkspaceLimits(options.limits, now) : null;
  let rateLimited = 0;
  let base = '';

  const ctx: WebApiContext = {
    state,
    botToken: options.botToken ?? 'xoxb-emulated-bot-token',
    appToken: options.appToken ?? 'xapp-emulated-app-token',
    teamId: options.teamId ?? 'T0EMULATED',
    botUserId: options.botUserId ?? 'U0SITREPBOT',
    botId: 'B0SITREP',
    scopes: options.scopes ?? ['commands', 'chat:write', 'channels:history', 'groups:history', 'users:read'],
    wsUrl: () => `${base.replace(/^http/, 'ws')}/socket-mode?ticket=${randomUUID()}`,
  };

  function scripted(method: string, params: Params): Fault | null {
    const channel = typeof params['channel'] === 'string' ? params['channel'] : undefined;
    const index = faults.findIndex((f) => f.method === method && (f.channel === undefined || f.channel === channel));
    const hit = faults[index];
    if (!hit) return null;
    hit.remaining -= 1;
    if (hit.remaining <= 0) faults.splice(index, 1);
    return hit.fault;
  }

  function answerFor(method: string, params: Params, token: string | null): ApiAnswer & { lost?: true } {
    const expected = method === 'apps.connections.open' ? ctx.appToken : ctx.botToken;
    if (!token) return apiError('not_authed');
    if (token !== expected) return apiError('invalid_auth');
    const fault = scripted(method, params);
    if (fault?.type === 'lost-response') return { ...callMethod(ctx, method, params), lost: true };
    if (fault?.type === 'rate-limited') return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(fault.retryAfterSec) } };
    if (fault?.type === 'error') return apiError(fault.error);
    if (fault?.type === 'http') return { status: fault.status, body: { ok: false, error: `http_${fault.status}` } };
    if (method === 'chat.postMessage' && limits) {
      const wait = limits.take(String(params['channel'] ?? ''));
      if (wait > 0) return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(Math.ceil(wait / 1000)) } };
    }
    return callMethod(ctx, method, params);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const api = /^\/api\/([a-zA-Z.]+)$/.exec(url.pathname);
    if (api && req.method === 'POST') {
      const method = api[1] as string;
      const params = await readParams(req);
      const token = tokenOf(req, params);
      const answer = answerFor(method, params, token);
      if (method === 'chat.postMessage' && answer.status === 429) rateLimited += 1;
      calls.push({ method, params, token, ok: answer.body['ok'] === true, error: typeof answer.body['error'] === 'string' ? answer.body['error'] : null, status: answer.status, at: now() });
      if (answer.lost) res.socket?.destroy();
      else send(res, answer);
      changed();
      return;
    }
    const response = /^\/response\/([\w-]+)$/.exec(url.pathname);
    if (response && req.method === 'POST') {
      const params = await readParams(req);
      responses.push({ id: response[1] as string, body: params as ResponseUrlPost['body'] });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      changed();
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  const socket = attachSocketMode(server, '/socket-mode', changed);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const responseUrl = () => `${base}/response/${randomUUID()}`;

  function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`emulator: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      function check() {
        if (!predicate()) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve();
      }
      listeners.add(check);
    });
  }

  return {
    apiUrl: `${base}/api/`,
    get wsUrl() {
      return ctx.wsUrl();
    },
    state,
    calls,
    responses,
    socket,
    botToken: ctx.botToken,
    appToken: ctx.appToken,
    teamId: ctx.teamId,
    callsTo: (method) => calls.filter((c) => c.method === method),
    fail(method, fault, where = {}) {
      faults.push({ method, channel: where.channel, remaining: where.times ?? 1, fault });
    },
    responseUrl,
    async slashCommand(input) {
      const url = responseUrl();
      await socket.deliver('slash_commands', slashCommandPayload({ teamId: ctx.teamId, ...input, responseUrl: url }));
      return { responseUrl: url };
    },
    async pressButton(input) {
      const url = responseUrl();
      await socket.deliver('interactive', blockActionPayload({ teamId: ctx.teamId, ...input, responseUrl: url }));
      return { responseUrl: url };
    },
    waitFor,
    async responseTo(url, timeoutMs) {
      const id = url.slice(url.lastIndexOf('/') + 1);
      await waitFor(() => responses.some((r) => r.id === id), timeoutMs);
      return responses.find((r) => r.id === id) as ResponseUrlPost;
    },
    rateLimited: () => rateLimited,
    async close() {
      await socket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
