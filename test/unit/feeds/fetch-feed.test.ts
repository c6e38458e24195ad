import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedFetcher, type FetchOptions, type FetchResult } from '../../../src/feeds/fetch-feed.js';
import { startFeedServer, type FeedServer } from '../../emulators/feed-server.js';
import { serveFeedDirectory } from '../../emulators/serve-feed-directory.js';

const feedXml = readFileSync(new URL('../../fixtures/http/small-feed.xml', import.meta.url));
const userAgent = 'Sitrep/0.1 (+https://github.com/sitrep-bot/sitrep; contact: ops@example.org)';
const options: FetchOptions = {
  userAgent,
  connectTimeoutMs: 500,
  totalTimeoutMs: 1000,
  maxBytes: 1024 * 1024,
  maxRedirects: 5,
  allowPrivateNetworks: true,
};

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

function expectStatus<S extends FetchResult['status']>(result: FetchResult, status: S): Extract<FetchResult, { status: S }> {
  expect(result, JSON.stringify({ ...result, body: undefined })).toMatchObject({ status });
  return result as Extract<FetchResult, { status: S }>;
}

describe('fetchFeed: a plain 200', () => {
  it('returns the body, its content type, validators and a sha256 of the body', async () => {
    server.route('/plain.xml', {
      body: feedXml,
      headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
      etag: '"v1"',
      lastModified: 'Sat, 28 Nov 2026 09:00:00 GMT',
    });
    const result = expectStatus(await createFeedFetcher(options)({ url: server.url('/plain.xml') }), 'fetched');
    expect(result.body.equals(feedXml)).toBe(true);
    expect(result).toMatchObject({
      finalUrl: server.url('/plain.xml'),
      httpStatus: 200,
      contentType: 'application/rss+xml; charset=utf-8',
      etag: '"v1"',
      lastModified: 'Sat, 28 Nov 2026 09:00:00 GMT',
      bodyHash: createHash('sha256').update(feedXml).digest('hex'),
    });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('sends the descriptive User-Agent, feed Accept types and Accept-Encoding', async () => {
    server.route('/headers.xml', { body: feedXml });
    await createFeedFetcher(options)({ url: server.url('/headers.xml') });
    const [seen] = server.requestsTo('/headers.xml');
    expect(seen?.method).toBe('GET');
    expect(seen?.headers['user-agent']).toBe(userAgent);
    expect(seen?.headers['accept']).toContain('application/rss+xml');
    expect(seen?.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(seen?.headers['if-none-match']).toBeUndefined();
  });

  it('reports elapsed time from the injected clock', async () => {
    server.route('/clock.xml', { body: feedXml });
    let tick = 1_000;
    const now = (): number => (tick += 250);
    const result = await createFeedFetcher(options, { now })({ url: server.url('/clock.xml') });
    expect(result.elapsedMs).toBe(250);
  });
});

describe('fetchFeed: conditional GET', () => {
  it('304 with ETag: sends If-None-Match and reports unchanged', async () => {
    server.route('/etag.xml', { body: feedXml, etag: '"abc"' });
    const result = await createFeedFetcher(options)({ url: server.url('/etag.xml'), etag: '"abc"', previousBodyHash: 'h1' });
    expect(result).toMatchObject({ status: 'unchanged', reason: 'http-304', httpStatus: 304, etag: '"abc"', bodyHash: 'h1' });
    expect(server.requestsTo('/etag.xml')[0]?.headers['if-none-match']).toBe('"abc"');
  });

  it('304 with Last-Modified: sends If-Modified-Since and reports unchanged', async () => {
    const lastModified = 'Fri, 27 Nov 2026 12:00:00 GMT';
    server.route('/lm.xml', { body: feedXml, lastModified });
    const result = await createFeedFetcher(options)({ url: server.url('/lm.xml'), lastModified });
    expect(result).toMatchObject({ status: 'unchanged', reason: 'http-304', lastModified });
    expect(server.requestsTo('/lm.xml')[0]?.headers['if-modified-since']).toBe(lastModified);
  });

  it('304 without validators keeps the ones we sent', async () => {
    server.route('/bare-304.xml', (_request, response) => {
      response.writeHead(304).end();
    });
    const result = await createFeedFetcher(options)({ url: server.url('/bare-304.xml'), etag: '"e"', lastModified: 'Fri, 27 Nov 2026 12:00:00 GMT' });
    expect(result).toMatchObject({ status: 'unchanged', etag: '"e"', lastModified: 'Fri, 27 Nov 2026 12:00:00 GMT', bodyHash: null });
  });

  it('stale ETag: the server sends the new body and validators', async () => {
    server.route('/changed.xml', { body: feedXml, etag: '"new"' });
    const result = expectStatus(await createFeedFetcher(options)({ url: server.url('/changed.xml'), etag: '"old"' }), 'fetched');
    expect(result.etag).toBe('"new"');
  });

  it('same body as last time: unchanged (same-body) so the caller does not re-parse', async () => {
    server.route('/same.xml', { body: feedXml });
    const fetcher = createFeedFetcher(options);
    const first = expectStatus(await fetcher({ url: server.url('/same.xml') }), 'fetched');
    const second = await fetcher({ url: server.url('/same.xml'), previousBodyHash: first.bodyHash });
    expect(second).toMatchObject({ status: 'unchanged', reason: 'same-body', httpStatus: 200, bodyHash: first.bodyHash });
  });

  it('a validator with a newline in it is not sent rather than crashing the request', async () => {
    server.route('/bad-validator.xml', { body: feedXml });
    const result = await createFeedFetcher(options)({ url: server.url('/bad-validator.xml'), etag: '"a"\r\nX-Evil: 1' });
    expectStatus(result, 'fetched');
    expect(server.requestsTo('/bad-validator.xml')[0]?.headers['x-evil']).toBeUndefined();
  });
});

describe('fetchFeed: content encodings', () => {
  it.each(['gzip', 'deflate', 'deflate-raw', 'br'] as const)('%s body is decoded to the original bytes', async (encoding) => {
    server.route(`/enc-${encoding}.xml`, { body: feedXml, encoding });
    const result = expectStatus(await createFeedFetcher(options)({ url: server.url(`/enc-${encoding}.xml`) }), 'fetched');
    expect(result.body.equals(feedXml)).toBe(true);
    expect(result.bodyHash).toBe(createHash('sha256').update(feedXml).digest('hex'));
  });

  it('a body that claims gzip but is not: feed/decode', async () => {
    server.route('/fake-gzip.xml', { body: feedXml, headers: { 'content-encoding': 'gzip' } });
    const result = await createFeedFetcher(options)({ url: server.url('/fake-gzip.xml') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/decode' });
  });

  it('an unsupported Content-Encoding: feed/decode', async () => {
    server.route('/compress.xml', { body: feedXml, headers: { 'content-encoding': 'compress' } });
    const result = await createFeedFetcher(options)({ url: server.url('/compress.xml') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/decode', message: expect.stringContaining('compress') });
  });
});

describe('fetchFeed: HTTP errors', () => {
  it.each([404, 410, 500, 502])('feed returns %i: feed/http-%i with the status', async (status) => {
    server.route(`/status-${status}`, { status, body: 'nope' });
    const result = await createFeedFetcher(options)({ url: server.url(`/status-${status}`) });
    expect(result).toMatchObject({ status: 'failed', code: `feed/http-${status}`, httpStatus: status });
    expect(result).not.toHaveProperty('retryAfterMs');
  });

  it('429 with Retry-After in seconds: feed/rate-limited with retryAfterMs', async () => {
    server.route('/429-seconds', { status: 429, retryAfter: 120 });
    const result = await createFeedFetcher(options)({ url: server.url('/429-seconds') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/rate-limited', httpStatus: 429, retryAfterMs: 120_000 });
  });

  it('429 with Retry-After in HTTP-date form: delay measured from the injected clock', async () => {
    server.route('/429-date', { status: 429, retryAfter: 'Sat, 28 Nov 2026 21:02:30 GMT' });
    const now = (): number => Date.parse('Sat, 28 Nov 2026 21:00:00 GMT');
    const result = await createFeedFetcher(options, { now })({ url: server.url('/429-date') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/rate-limited', retryAfterMs: 150_000 });
  });

  it('429 without Retry-After: rate-limited with no delay to honour', async () => {
    server.route('/429-bare', { status: 429 });
    const result = await createFeedFetcher(options)({ url: server.url('/429-bare') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/rate-limited' });
    expect(result).not.toHaveProperty('retryAfterMs');
  });

  it('503 with Retry-After: feed/http-503 with retryAfterMs', async () => {
    server.route('/503', { status: 503, retryAfter: '30' });
    const result = await createFeedFetcher(options)({ url: server.url('/503') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/http-503', httpStatus: 503, retryAfterMs: 30_000 });
  });
});

describe('fetchFeed: network failures are values, never exceptions', () => {
  it('connection refused: feed/connect', async () => {
    const closed = await startFeedServer();
    const url = closed.url('/gone.xml');
    await closed.close();
    const result = await createFeedFetcher(options)({ url });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/connect', message: expect.stringContaining('ECONNREFUSED') });
  });

  it('host name that does not resolve: feed/dns', async () => {
    const lookup = async (hostname: string): Promise<never> => {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    };
    const result = await createFeedFetcher(options, { lookup })({ url: 'http://no-such-host.example/feed' });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/dns', message: expect.stringContaining('no-such-host.example') });
  });

  it('server resets the connection before answering: feed/connect', async () => {
    server.route('/reset', (request) => {
      request.socket.destroy();
    });
    const result = await createFeedFetcher(options)({ url: server.url('/reset') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/connect' });
  });

  it.each(['not a url', 'ftp://news.example/feed.xml', 'file:///etc/passwd'])('unusable URL %j: config/invalid', async (url) => {
    const result = await createFeedFetcher(options)({ url });
    expect(result).toMatchObject({ status: 'failed', code: 'config/invalid' });
  });

  it('caller aborts mid-request: failed promptly and the connection is closed', async () => {
    server.route('/slow-for-abort', { body: feedXml, latencyMs: 2000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const result = await createFeedFetcher(options)({ url: server.url('/slow-for-abort'), signal: controller.signal });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/timeout', message: expect.stringContaining('caller') });
    expect(result.elapsedMs).toBeLessThan(500);
    expect(await server.idle(1000)).toBe(true);
  });

  it('caller signal already aborted: no request is sent', async () => {
    server.route('/never-asked', { body: feedXml });
    const result = await createFeedFetcher(options)({ url: server.url('/never-asked'), signal: AbortSignal.abort() });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/timeout' });
    expect(server.requestsTo('/never-asked')).toHaveLength(0);
  });
});

describe('feed server: a directory of fixtures', () => {
  it('serves each file with validators, so a second poll is a 304', async () => {
    const paths = await serveFeedDirectory(server, fileURLToPath(new URL('../../fixtures/http/', import.meta.url)), '/dir/');
    expect(paths).toContain('/dir/small-feed.xml');
    const fetcher = createFeedFetcher(options);
    const first = expectStatus(await fetcher({ url: server.url('/dir/small-feed.xml') }), 'fetched');
    expect(first.body.equals(feedXml)).toBe(true);
    expect(first.contentType).toBe('application/xml');
    const second = await fetcher({ url: server.url('/dir/small-feed.xml'), etag: first.etag, lastModified: first.lastModified });
    expect(second).toMatchObject({ status: 'unchanged', reason: 'http-304' });
  });
});
