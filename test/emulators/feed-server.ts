import { once } from 'node:events';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * A scriptable local feed server for tests and benchmarks (node:http only).
 * Routes are plain specs — status, headers, body, validators, encodings,
 * pacing, redirects — or a raw handler when a test must misbehave in ways a
 * spec cannot say (lying Content-Length, a connection cut mid-body).
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Date.now() when the request arrived. */
  time: number;
}

export interface RouteSpec {
  /** Default 200, or 302 with `redirect`. */
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sent as ETag; a matching If-None-Match gets 304. */
  etag?: string;
  /** Sent as Last-Modified; an If-Modified-Since at or after it gets 304 (when no If-None-Match). */
  lastModified?: string;
  /** Compresses the body (or generated stream) and sets Content-Encoding. */
  encoding?: 'gzip' | 'deflate' | 'deflate-raw' | 'br';
  /** Seconds or an HTTP-date, sent as Retry-After. */
  retryAfter?: number | string;
  /** Location to redirect to (relative or absolute). */
  redirect?: string;
  /** Delay before the response head (slow first byte), on top of the server-wide latency. */
  latencyMs?: number;
  /** Sends the body in `chunkBytes` pieces every `intervalMs` (slow trickle). */
  pace?: { chunkBytes: number; intervalMs: number };
  /** A synthetic body instead of `body`: `bytes` of `pattern`, or an endless stream. */
  generate?: { bytes: number | 'endless'; pattern?: string };
  /** Overrides Content-Length: a number (possibly a lie) or 'omit' (chunked). */
  contentLength?: number | 'omit';
}

export type RawHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;
export type RouteHandler = RouteSpec | RawHandler;

export interface FeedServerOptions {
  /** Fixed delay before every response, e.g. 50 ms for the poll benchmark. */
  latencyMs?: number;
}

export interface FeedServer {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  url(path: string): string;
  route(path: string, handler: RouteHandler): void;
  /** Registers `${prefix}/1` … `${prefix}/${hops}`, each redirecting to the next, the last to `target`; returns the first path. */
  redirectChain(prefix: string, hops: number, target: string): string;
  readonly requests: RecordedRequest[];
  requestsTo(path: string): RecordedRequest[];
  openConnections(): number;
  /** Resolves true once no client connection is open, false if that takes longer than `timeoutMs`. */
  idle(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export async function startFeedServer(options: FeedServerOptions = {}): Promise<FeedServer> {
  const routes = new Map<string, RouteHandler>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const idleWaiters = new Set<() => void>();

  const sleep = (ms: number): Promise<void> =>
    ms <= 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, ms);
          timers.add(timer);
        });

  const server = http.createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ method: request.method ?? 'GET', path, headers: request.headers, time: Date.now() });
    const handler = routes.get(path) ?? routes.get(path.split('?')[0] ?? path);
    const handle = async (): Promise<void> => {
      await sleep(options.latencyMs ?? 0);
      if (handler === undefined) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end(`no route for ${path}`);
      } else if (typeof handler === 'function') {
        await handler(request, response);
      } else {
        await serveSpec(handler, request, response, sleep);
      }
    };
    handle().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500).end(String(error));
      else response.destroy();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) for (const wake of [...idleWaiters]) wake();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const feedServer: FeedServer = {
    origin,
    url: (path) => new URL(path, origin).href,
    route: (path, handler) => {
      routes.set(path, handler);
    },
    redirectChain: (prefix, hops, target) => {
      for (let hop = 1; hop <= hops; hop += 1) {
        routes.set(`${prefix}/${hop}`, { status: 302, redirect: hop === hops ? target : `${prefix}/${hop + 1}` });
      }
      return `${prefix}/1`;
    },
    requests,
    requestsTo: (path) => requests.filter((entry) => entry.path === path),
    openConnections: () => sockets.size,
    idle: (timeoutMs = 2000) =>
      new Promise((resolve) => {
        if (sockets.size === 0) {
          resolve(true);
          return;
        }
        const timer = setTimeout(() => finish(false), timeoutMs);
        const finish = (value: boolean): void => {
          clearTimeout(timer);
          idleWaiters.delete(wake);
          resolve(value);
        };
        const wake = (): void => finish(true);
        idleWaiters.add(wake);
      }),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
  return feedServer;
}

async function serveSpec(
  spec: RouteSpec,
  request: IncomingMessage,
  response: ServerResponse,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  await sleep(spec.latencyMs ?? 0);
  const headers: Record<string, string> = { ...spec.headers };
  if (spec.etag !== undefined) headers['etag'] = spec.etag;
  if (spec.lastModified !== undefined) headers['last-modified'] = spec.lastModified;
  if (spec.retryAfter !== undefined) headers['retry-after'] = String(spec.retryAfter);
  if (spec.redirect !== undefined) headers['location'] = spec.redirect;
  if (isNotModified(spec, request)) {
    response.writeHead(304, headers).end();
    return;
  }
  const status = spec.status ?? (spec.redirect !== undefined ? 302 : 200);
  if (spec.encoding !== undefined) headers['content-encoding'] = spec.encoding === 'deflate-raw' ? 'deflate' : spec.encoding;
  if (spec.generate !== undefined) {
    if (typeof spec.contentLength === 'number') headers['content-length'] = String(spec.contentLength);
    response.writeHead(status, headers);
    await streamGenerated(spec, response, sleep);
    return;
  }
  const body = encode(typeof spec.body === 'string' ? Buffer.from(spec.body) : spec.body ?? Buffer.alloc(0), spec.encoding);
  if (spec.contentLength !== 'omit') headers['content-length'] = String(spec.contentLength ?? body.length);
  response.writeHead(status, headers);
  if (spec.pace === undefined) {
    response.end(body);
    return;
  }
  const { chunkBytes, intervalMs } = spec.pace;
  for (let offset = 0; offset < body.length && !response.destroyed; offset += chunkBytes) {
    if (offset > 0) await sleep(intervalMs);
    if (response.destroyed) return;
    await write(response, body.subarray(offset, offset + chunkBytes));
  }
  if (!response.destroyed) response.end();
}

/** Writes `generate.bytes` (or forever) until done or the client goes away. */
async function streamGenerated(spec: RouteSpec, response: ServerResponse, sleep: (ms: number) => Promise<void>): Promise<void> {
  const { bytes, pattern = '<item><title>filler</title></item>\n' } = spec.generate ?? { bytes: 0 };
  const chunkBytes = spec.pace?.chunkBytes ?? 64 * 1024;
  const chunk = Buffer.alloc(chunkBytes, pattern);
  const sink: Writable = spec.encoding === undefined ? response : compressor(spec.encoding);
  if (sink !== response) {
    sink.pipe(response);
    response.on('close', () => sink.destroy());
  }
  let sent = 0;
  while (!response.destroyed && !sink.destroyed && (bytes === 'endless' || sent < bytes)) {
    const piece = bytes === 'endless' ? chunk : chunk.subarray(0, Math.min(chunkBytes, bytes - sent));
    await write(sink, piece);
    sent += piece.length;
    // Yield even without pacing so a fast client can read and the event loop breathes.
    await (spec.pace === undefined ? new Promise<void>((resolve) => setImmediate(resolve)) : sleep(spec.pace.intervalMs));
  }
  if (!response.destroyed && !sink.destroyed) sink.end();
}

function write(sink: Writable, chunk: Buffer): Promise<void> {
  if (sink.destroyed) return Promise.resolve();
  if (sink.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      sink.off('drain', done);
      sink.off('close', done);
      resolve();
    };
    sink.on('drain', done);
    sink.on('close', done);
  });
}

function isNotModified(spec: RouteSpec, request: IncomingMessage): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined && spec.etag !== undefined) {
    const tags = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(spec.etag.replace(/^W\//, ''));
  }
  const ifModifiedSince = request.headers['if-modified-since'];
  if (ifNoneMatch === undefined && ifModifiedSince !== undefined && spec.lastModified !== undefined) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && since >= Date.parse(spec.lastModified);
  }
  return false;
}

function encode(body: Buffer, encoding: RouteSpec['encoding']): Buffer {
  switch (encoding) {
    case undefined:
      return body;
    case 'gzip':
      return zlib.gzipSync(body);
    case 'deflate':
      return zlib.deflateSync(body);
    case 'deflate-raw':
      return zlib.deflateRawSync(body);
    case 'br':
      return zlib.brotliCompressSync(body);
  }
}

function compressor(encoding: NonNullable<RouteSpec['encoding']>): zlib.Gzip | zlib.Deflate | zlib.DeflateRaw | zlib.BrotliCompress {
  switch (encoding) {
    case 'gzip':
      return zlib.createGzip();
    case 'deflate':
      return zlib.createDeflate();
    case 'deflate-raw':
      return zlib.createDeflateRaw();
    case 'br':
      return zlib.createBrotliCompress();
  }
}
