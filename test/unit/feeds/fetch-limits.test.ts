import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedFetcher, type FetchOptions } from '../../../src/feeds/fetch-feed.js';
import { startFeedServer, type FeedServer } from '../../emulators/feed-server.js';

// Short real timeouts: sockets are involved, so fake timers would test nothing.
const options: FetchOptions = {
  userAgent: 'Sitrep/0.1 (test)',
  connectTimeoutMs: 100,
  totalTimeoutMs: 150,
  maxBytes: 64 * 1024,
  maxRedirects: 5,
  allowPrivateNetworks: true,
};
const fetchFeed = createFeedFetcher(options);

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

/** The server must see our side hang up: no socket left open after a failed fetch. */
async function expectConnectionClosed(): Promise<void> {
  expect(await server.idle(1000)).toBe(true);
}

describe('fetchFeed: timeouts', () => {
  it('server slower than the total timeout (slow first byte): feed/timeout', async () => {
    server.route('/slow-head', { body: '<rss/>', latencyMs: 5000 });
    const result = await fetchFeed({ url: server.url('/slow-head') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/timeout' });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(140);
    expect(result.elapsedMs).toBeLessThan(600);
    await expectConnectionClosed();
  });

  it('body trickling slower than the total timeout: feed/timeout although bytes keep coming', async () => {
    server.route('/trickle', { generate: { bytes: 'endless' }, pace: { chunkBytes: 16, intervalMs: 10 } });
    const result = await fetchFeed({ url: server.url('/trickle') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/timeout' });
    expect(result.elapsedMs).toBeLessThan(600);
    await expectConnectionClosed();
  });

  it('a paced body that completes within the total timeout is fetched', async () => {
    server.route('/paced-ok', { body: 'x'.repeat(64), pace: { chunkBytes: 16, intervalMs: 5 } });
    const result = await fetchFeed({ url: server.url('/paced-ok') });
    expect(result).toMatchObject({ status: 'fetched' });
  });

  it('DNS that never answers: the connect timeout fires before the total timeout', async () => {
    const lookup = (): Promise<never> => new Promise(() => undefined);
    const fetcher = createFeedFetcher({ ...options, connectTimeoutMs: 30, totalTimeoutMs: 1000 }, { lookup });
    const result = await fetcher({ url: 'http://hangs.example/feed' });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/timeout', message: expect.stringContaining('no connection') });
    expect(result.elapsedMs).toBeLessThan(500);
  });

  it('a slow server after a fast connect is not a connect timeout', async () => {
    server.route('/slow-but-connected', { body: '<rss/>', latencyMs: 120 });
    const fetcher = createFeedFetcher({ ...options, connectTimeoutMs: 50, totalTimeoutMs: 1000 });
    const result = await fetcher({ url: server.url('/slow-but-connected') });
    expect(result).toMatchObject({ status: 'fetched' });
  });
});

describe('fetchFeed: body size cap', () => {
  it('huge body without Content-Length (chunked): cut off at the cap, feed/too-large', async () => {
    server.route('/huge-chunked', { generate: { bytes: 50 * 1024 * 1024 } });
    const result = await fetchFeed({ url: server.url('/huge-chunked') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/too-large' });
    expect(result.elapsedMs).toBeLessThan(1000);
    await expectConnectionClosed();
  });

  it('Content-Length announcing more than the cap: refused before reading the body', async () => {
    server.route('/huge-announced', { generate: { bytes: 10 * 1024 * 1024 }, contentLength: 10 * 1024 * 1024 });
    const result = await fetchFeed({ url: server.url('/huge-announced') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/too-large', message: expect.stringContaining('Content-Length') });
    await expectConnectionClosed();
  });

  it('endless stream: feed/too-large, and the server sees the connection closed', async () => {
    server.route('/endless', { generate: { bytes: 'endless' } });
    const result = await fetchFeed({ url: server.url('/endless') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/too-large' });
    await expectConnectionClosed();
  });

  it('body exactly at the cap is accepted', async () => {
    server.route('/at-cap', { body: Buffer.alloc(options.maxBytes, 'a') });
    const result = await fetchFeed({ url: server.url('/at-cap') });
    expect(result).toMatchObject({ status: 'fetched' });
  });

  it('gzip bomb (small on the wire, 8 MB decoded): cut off by the decoded-size cap', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(options.maxBytes);
    server.route('/bomb.xml.gz', { body: bomb, headers: { 'content-encoding': 'gzip' } });
    const result = await fetchFeed({ url: server.url('/bomb.xml.gz') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/too-large', message: expect.stringContaining('decoded') });
    await expectConnectionClosed();
  });

  it('endless gzip stream compressed on the fly (a bomb with no end): feed/too-large', async () => {
    server.route('/endless.gz', { generate: { bytes: 'endless', pattern: '<item/>' }, encoding: 'gzip' });
    const result = await createFeedFetcher({ ...options, totalTimeoutMs: 2000 })({ url: server.url('/endless.gz') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/too-large' });
    await expectConnectionClosed();
  });

  it('Content-Length lies low (announces 2 KB, sends 1 MB): only the announced body, well under the cap', async () => {
    server.route('/lies-low', (_request, response) => {
      response.writeHead(200, { 'content-length': '2048' });
      response.end(Buffer.alloc(1024 * 1024, 'b'));
    });
    const result = await fetchFeed({ url: server.url('/lies-low') });
    expect(result).toMatchObject({ status: 'fetched' });
    expect(result.status === 'fetched' && result.body.length).toBe(2048);
    await expectConnectionClosed();
  });

  it('Content-Length lies high (announces 10 KB, sends 2 KB then hangs up): feed/connect, not a truncated body', async () => {
    server.route('/lies-high', (_request, response) => {
      response.writeHead(200, { 'content-length': String(10 * 1024) });
      response.write(Buffer.alloc(2048, 'c'), () => response.socket?.destroy());
    });
    const result = await fetchFeed({ url: server.url('/lies-high') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/connect', message: expect.stringContaining('cut off') });
  });

  it('chunked body cut off mid-stream: feed/connect', async () => {
    server.route('/cut-chunked', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.write('<rss><channel>', () => setTimeout(() => response.socket?.destroy(), 5));
    });
    const result = await fetchFeed({ url: server.url('/cut-chunked') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/connect' });
  });
});

describe('fetchFeed: sockets are freed on every path', () => {
  it('after a mix of successes and failures no connection stays open', async () => {
    server.route('/ok', { body: '<rss/>' });
    server.route('/gone', { status: 410 });
    server.route('/again', { body: '<rss/>', etag: '"x"' });
    const results = await Promise.all([
      fetchFeed({ url: server.url('/ok') }),
      fetchFeed({ url: server.url('/gone') }),
      fetchFeed({ url: server.url('/again'), etag: '"x"' }),
      fetchFeed({ url: server.url('/endless') }),
      fetchFeed({ url: server.url('/slow-head') }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fetched', 'failed', 'unchanged', 'failed', 'failed']);
    await expectConnectionClosed();
  });
});
