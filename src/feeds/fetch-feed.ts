import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ErrorCode } from '../domain/errors.js';
import { createGuardedLookup, systemLookup, type LookupFn } from './address-guard.js';
import { FetchAbort, type FetchFailure } from './fetch-failure.js';
import { sendRequest } from './http-request.js';
import { readResponseBody } from './read-response-body.js';
import { parseRetryAfter } from './retry-after.js';

export type { LookupFn } from './address-guard.js';

export interface FetchOptions {
  userAgent: string;
  /** DNS + TCP (+ TLS) for each hop. */
  connectTimeoutMs: number;
  /** Everything: all redirects, headers and the whole body. */
  totalTimeoutMs: number;
  /** Cap on wire bytes and on decoded bytes. */
  maxBytes: number;
  maxRedirects: number;
  /** Only for tests and local demos: lets feeds live on loopback/private addresses. */
  allowPrivateNetworks: boolean;
}

export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
  previousBodyHash?: string | null;
  signal?: AbortSignal;
}

export type FetchResult =
  | {
      status: 'fetched';
      finalUrl: string;
      httpStatus: number;
      body: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      bodyHash: string;
      elapsedMs: number;
    }
  | {
      status: 'unchanged';
      reason: 'http-304' | 'same-body';
      finalUrl: string;
      httpStatus: number;
      etag: string | null;
      lastModified: string | null;
      bodyHash: string | null;
      elapsedMs: number;
    }
  | { status: 'failed'; code: ErrorCode; message: string; httpStatus?: number; retryAfterMs?: number; elapsedMs: number };

export type FeedFetcher = (request: FetchRequest) => Promise<FetchResult>;

export interface FetcherDeps {
  lookup?: LookupFn;
  /** Wall-clock milliseconds; also the reference for Retry-After dates. */
  now?: () => number;
}

/** Defaults for everything but the User-Agent, which must name a contact. */
export const fetchDefaults = {
  connectTimeoutMs: 10_000, // 10 s
  totalTimeoutMs: 30_000, // 30 s
  maxBytes: 5 * 1024 * 1024, // 5 MB
  maxRedirects: 5,
  allowPrivateNetworks: false,
} as const satisfies Omit<FetchOptions, 'userAgent'>;

const accept = 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

type Outcome = Omit<Extract<FetchResult, { status: 'fetched' }>, 'elapsedMs'> | Omit<Extract<FetchResult, { status: 'unchanged' }>, 'elapsedMs'> | FetchFailure;

/**
 * Our own HTTP fetcher for feeds. Every outcome — including timeouts, refusals
 * and oversize bodies — is a FetchResult value; it never throws for them.
 */
export function createFeedFetcher(options: FetchOptions, deps: FetcherDeps = {}): FeedFetcher {
  const now = deps.now ?? Date.now;
  const lookup = createGuardedLookup(deps.lookup ?? systemLookup, options.allowPrivateNetworks);

  return async (request) => {
    const started = now();
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort(new FetchAbort({ code: 'feed/timeout', message: `no complete response within ${options.totalTimeoutMs} ms` }));
    }, options.totalTimeoutMs);
    const forward = (): void => controller.abort(request.signal?.reason);
    if (request.signal?.aborted === true) forward();
    request.signal?.addEventListener('abort', forward, { once: true });
    try {
      const outcome = await follow(request, options, lookup, controller.signal, now);
      const elapsedMs = Math.max(0, now() - started);
      return 'code' in outcome ? { status: 'failed', ...outcome, elapsedMs } : { ...outcome, elapsedMs };
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', forward);
    }
  };
}

async function follow(
  request: FetchRequest,
  options: FetchOptions,
  lookup: ReturnType<typeof createGuardedLookup>,
  signal: AbortSignal,
  now: () => number,
): Promise<Outcome> {
  let url = parseHttpUrl(request.url);
  if (url === null) return { code: 'config/invalid', message: `"${request.url}" is not an http(s) URL` };
  const visited = new Set<string>();
  for (let redirects = 0; ; redirects += 1) {
    visited.add(url.href);
    const hop = await sendRequest({
      url,
      headers: requestHeaders(request, options.userAgent),
      connectTimeoutMs: options.connectTimeoutMs,
      allowPrivateNetworks: options.allowPrivateNetworks,
      lookup,
      signal,
    });
    if (!hop.ok) return hop.failure;
    const { response } = hop;
    try {
      const status = response.statusCode ?? 0;
      const location = header(response, 'location');
      if (!redirectStatuses.has(status) || location === null) {
        return await conclude(response, url, request, options, signal, now);
      }
      const next = parseHttpUrl(location, url);
      if (next === null) return { code: `feed/http-${status}`, message: `redirect to unsupported location "${location}"`, httpStatus: status };
      if (visited.has(next.href)) {
        return { code: 'feed/too-many-redirects', message: `redirect loop: ${url.href} → ${next.href} was already visited`, httpStatus: status };
      }
      if (redirects >= options.maxRedirects) {
        return { code: 'feed/too-many-redirects', message: `more than ${options.maxRedirects} redirects (last: ${url.href} → ${next.href})`, httpStatus: status };
      }
      url = next;
    } finally {
      hop.close();
    }
  }
}

async function conclude(
  response: IncomingMessage,
  url: URL,
  request: FetchRequest,
  options: FetchOptions,
  signal: AbortSignal,
  now: () => number,
): Promise<Outcome> {
  const httpStatus = response.statusCode ?? 0;
  const etag = header(response, 'etag');
  const lastModified = header(response, 'last-modified');
  if (httpStatus === 304) {
    return {
      status: 'unchanged',
      reason: 'http-304',
      finalUrl: url.href,
      httpStatus,
      // A 304 may omit validators; the ones we sent are still the current ones.
      etag: etag ?? request.etag ?? null,
      lastModified: lastModified ?? request.lastModified ?? null,
      bodyHash: request.previousBodyHash ?? null,
    };
  }
  if (httpStatus < 200 || httpStatus > 299) return statusFailure(response, httpStatus, now());
  const read = await readResponseBody(response, { maxBytes: options.maxBytes, signal });
  if (!read.ok) return read.failure;
  const bodyHash = createHash('sha256').update(read.body).digest('hex');
  const common = { finalUrl: url.href, httpStatus, etag, lastModified, bodyHash };
  if (request.previousBodyHash === bodyHash) return { status: 'unchanged', reason: 'same-body', ...common };
  return { status: 'fetched', ...common, body: read.body, contentType: header(response, 'content-type') };
}

function statusFailure(response: IncomingMessage, httpStatus: number, nowMs: number): FetchFailure {
  const code: ErrorCode = httpStatus === 429 ? 'feed/rate-limited' : `feed/http-${httpStatus}`;
  const retryAfterMs = httpStatus === 429 || httpStatus === 503 ? parseRetryAfter(header(response, 'retry-after'), nowMs) : undefined;
  const text = response.statusMessage !== undefined && response.statusMessage !== '' ? ` ${response.statusMessage}` : '';
  const wait = retryAfterMs !== undefined ? `; retry after ${Math.ceil(retryAfterMs / 1000)} s` : '';
  return {
    code,
    message: `server answered ${httpStatus}${text}${wait}`,
    httpStatus,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

function requestHeaders(request: FetchRequest, userAgent: string): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept,
    'accept-encoding': 'gzip, deflate, br',
    connection: 'close',
  };
  // Validators come from servers; one with control characters would make node:http throw.
  if (request.etag && isHeaderSafe(request.etag)) headers['if-none-match'] = request.etag;
  if (request.lastModified && isHeaderSafe(request.lastModified)) headers['if-modified-since'] = request.lastModified;
  return headers;
}

function isHeaderSafe(value: string): boolean {
  return !/[^\t\x20-\x7e\x80-\xff]/.test(value);
}

function header(response: IncomingMessage, name: string): string | null {
  const value = response.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? null : text;
}

function parseHttpUrl(raw: string, base?: URL): URL | null {
  try {
    const url = new URL(raw, base);
    // Fragments never reach the server; dropping them keeps loop detection honest.
    url.hash = '';
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
