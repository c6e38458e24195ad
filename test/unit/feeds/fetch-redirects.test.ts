import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedFetcher, type FetchOptions } from '../../../src/feeds/fetch-feed.js';
import { startFeedServer, type FeedServer } from '../../emulators/feed-server.js';

const options: FetchOptions = {
  userAgent: 'Sitrep/0.1 (test)',
  connectTimeoutMs: 500,
  totalTimeoutMs: 1000,
  maxBytes: 1024 * 1024,
  maxRedirects: 5,
  allowPrivateNetworks: true,
};
const fetchFeed = createFeedFetcher(options);

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  server.route('/final.xml', { body: '<rss version="2.0"/>', etag: '"final"' });
});
afterAll(async () => {
  await server.close();
});

describe('fetchFeed: redirects', () => {
  it('relative Location is resolved against the current URL', async () => {
    server.route('/news/old/feed', { status: 301, redirect: '../../final.xml' });
    const result = await fetchFeed({ url: server.url('/news/old/feed') });
    expect(result).toMatchObject({ status: 'fetched', finalUrl: server.url('/final.xml'), httpStatus: 200 });
  });

  it.each([301, 302, 303, 307, 308])('%i is followed', async (status) => {
    server.route(`/moved-${status}`, { status, redirect: '/final.xml' });
    const result = await fetchFeed({ url: server.url(`/moved-${status}`) });
    expect(result).toMatchObject({ status: 'fetched', finalUrl: server.url('/final.xml') });
  });

  it('a chain of exactly maxRedirects hops is followed', async () => {
    const start = server.redirectChain('/chain5', 5, '/final.xml');
    const result = await fetchFeed({ url: server.url(start) });
    expect(result).toMatchObject({ status: 'fetched', finalUrl: server.url('/final.xml') });
  });

  it('one redirect too many: feed/too-many-redirects, the target is never requested', async () => {
    server.route('/final-unreached.xml', { body: '<rss/>' });
    const start = server.redirectChain('/chain6', 6, '/final-unreached.xml');
    const result = await fetchFeed({ url: server.url(start) });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/too-many-redirects' });
    expect(server.requests.filter((entry) => entry.path.startsWith('/chain6/'))).toHaveLength(6);
    expect(server.requestsTo('/final-unreached.xml')).toHaveLength(0);
  });

  it('redirect loop: feed/too-many-redirects as soon as a URL repeats', async () => {
    server.route('/loop-a', { redirect: '/loop-b' });
    server.route('/loop-b', { redirect: '/loop-a' });
    const result = await fetchFeed({ url: server.url('/loop-a') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/too-many-redirects', message: expect.stringContaining('loop') });
    expect(server.requestsTo('/loop-a')).toHaveLength(1);
    expect(server.requestsTo('/loop-b')).toHaveLength(1);
  });

  it('redirect to itself: feed/too-many-redirects', async () => {
    server.route('/self', { status: 301, redirect: '/self' });
    const result = await fetchFeed({ url: server.url('/self') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/too-many-redirects' });
  });

  it('maxRedirects 0: the first redirect fails', async () => {
    server.route('/one-hop', { redirect: '/final.xml' });
    const result = await createFeedFetcher({ ...options, maxRedirects: 0 })({ url: server.url('/one-hop') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/too-many-redirects' });
  });

  it('redirect to a non-http scheme: feed/http-<status>, not followed', async () => {
    server.route('/to-ftp', { status: 302, redirect: 'ftp://files.example/feed.xml' });
    const result = await fetchFeed({ url: server.url('/to-ftp') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/http-302', httpStatus: 302 });
  });

  it('3xx without Location: feed/http-<status>', async () => {
    server.route('/no-location', { status: 301 });
    const result = await fetchFeed({ url: server.url('/no-location') });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/http-301' });
  });

  it('conditional headers travel with the redirect, so the target can answer 304', async () => {
    server.route('/cond-moved', { status: 301, redirect: '/final.xml' });
    const result = await fetchFeed({ url: server.url('/cond-moved'), etag: '"final"' });
    expect(result).toMatchObject({ status: 'unchanged', reason: 'http-304', finalUrl: server.url('/final.xml') });
  });

  it('every hop resolves its host through the guarded lookup (the one that refuses private addresses)', async () => {
    const port = new URL(server.origin).port;
    server.route('/to-mirror', { redirect: `http://mirror.example.test:${port}/final.xml` });
    const asked: string[] = [];
    const lookup = async (hostname: string): Promise<LookupAddress[]> => {
      asked.push(hostname);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const result = await createFeedFetcher(options, { lookup })({ url: server.url('/to-mirror') });
    expect(result).toMatchObject({ status: 'fetched', finalUrl: `http://mirror.example.test:${port}/final.xml` });
    expect(asked).toEqual(['mirror.example.test']);
    expect(server.requestsTo('/final.xml').at(-1)?.headers.host).toBe(`mirror.example.test:${port}`);
  });
});
