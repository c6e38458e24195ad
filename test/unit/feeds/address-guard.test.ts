import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertPublicUrl, isPublicAddress } from '../../../src/feeds/address-guard.js';
import { createFeedFetcher, type FetchOptions } from '../../../src/feeds/fetch-feed.js';
import { startFeedServer, type FeedServer } from '../../emulators/feed-server.js';

/** DNS we control: every name resolves to the given addresses. */
function resolvesTo(...addresses: string[]): (hostname: string) => Promise<LookupAddress[]> {
  return async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
}

const guarded: FetchOptions = {
  userAgent: 'Sitrep/0.1 (test)',
  connectTimeoutMs: 500,
  totalTimeoutMs: 1000,
  maxBytes: 1024 * 1024,
  maxRedirects: 5,
  allowPrivateNetworks: false,
};

describe('isPublicAddress', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'CGNAT'],
    ['100.127.255.255', 'CGNAT'],
    ['192.0.2.10', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'bracketed loopback'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback in hex'],
    ['::ffff:10.1.2.3', 'IPv4-mapped private'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['64:ff9b::a00:1', 'NAT64 of 10.0.0.1'],
    ['2002:a00:1::1', '6to4 of 10.0.0.1'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with zone'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'Teredo'],
    ['localhost', 'a name, not an address'],
    ['2130706433', 'a number, not an address'],
    ['', 'empty'],
  ])('%s is not public (%s)', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '100.63.255.255', '100.128.0.1', '172.15.255.255', '172.32.0.1', '93.184.216.34', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])(
    '%s is public',
    (ip) => {
      expect(isPublicAddress(ip)).toBe(true);
    },
  );
});

describe('assertPublicUrl', () => {
  it('a host resolving to a public address passes', async () => {
    expect(await assertPublicUrl('https://news.example/rss', resolvesTo('93.184.216.34'))).toEqual({ ok: true });
  });

  it('feed URL resolving to 10.0.0.1 is refused', async () => {
    const check = await assertPublicUrl('https://intranet.example/rss', resolvesTo('10.0.0.1'));
    expect(check).toMatchObject({ ok: false, code: 'feed/private-address', message: expect.stringContaining('10.0.0.1') });
  });

  it('a host with one public and one private record is refused', async () => {
    const check = await assertPublicUrl('https://mixed.example/rss', resolvesTo('93.184.216.34', 'fd00::5'));
    expect(check).toMatchObject({ ok: false, code: 'feed/private-address' });
  });

  it.each(['http://127.0.0.1/feed', 'http://[::1]/feed', 'http://[::ffff:127.0.0.1]/feed', 'http://2130706433/feed', 'http://0x7f.1/feed', 'http://017700000001/feed', 'http://169.254.169.254/latest/meta-data'])(
    'numeric host %s is refused without DNS',
    async (url) => {
      const lookup = async (): Promise<never> => {
        throw new Error('DNS must not be asked about a literal address');
      };
      expect(await assertPublicUrl(url, lookup)).toMatchObject({ ok: false, code: 'feed/private-address' });
    },
  );

  it('a name that does not resolve: feed/dns', async () => {
    const lookup = async (): Promise<never> => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nope.example'), { code: 'ENOTFOUND' });
    };
    expect(await assertPublicUrl('https://nope.example/', lookup)).toMatchObject({ ok: false, code: 'feed/dns' });
  });

  it('a name with no addresses: feed/dns', async () => {
    expect(await assertPublicUrl('https://empty.example/', resolvesTo())).toMatchObject({ ok: false, code: 'feed/dns' });
  });

  it.each(['not a url', 'ftp://files.example/feed.xml'])('%j is not an http(s) URL: refused', async (url) => {
    expect(await assertPublicUrl(url, resolvesTo('93.184.216.34'))).toMatchObject({ ok: false });
  });
});

describe('fetcher: the address actually connected is checked', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
    server.route('/feed.xml', { body: '<rss/>' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('feed URL resolving to 10.0.0.1 is refused before any connection', async () => {
    const result = await createFeedFetcher(guarded, { lookup: resolvesTo('10.0.0.1') })({ url: 'http://intranet.example/feed.xml' });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/private-address', message: expect.stringContaining('10.0.0.1') });
  });

  it('a name resolving to the local server is refused: the server never sees a request', async () => {
    const port = new URL(server.origin).port;
    const result = await createFeedFetcher(guarded, { lookup: resolvesTo('127.0.0.1') })({ url: `http://sneaky.example:${port}/feed.xml` });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/private-address' });
    expect(server.requests).toHaveLength(0);
  });

  it.each(['127.0.0.1', '[::ffff:127.0.0.1]', '2130706433', '0x7f.0.0.1'])('IPv4-mapped and numeric hosts: %s is refused', async (host) => {
    const port = new URL(server.origin).port;
    const result = await createFeedFetcher(guarded)({ url: `http://${host}:${port}/feed.xml` });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/private-address' });
    expect(server.requests).toHaveLength(0);
  });

  it('DNS rebinding: public at check time, loopback at connect time, still refused', async () => {
    const port = new URL(server.origin).port;
    let calls = 0;
    const rebinding = async (): Promise<LookupAddress[]> => {
      calls += 1;
      return [{ address: calls === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    };
    const url = `http://rebind.example:${port}/feed.xml`;
    expect(await assertPublicUrl(url, rebinding)).toEqual({ ok: true });
    const result = await createFeedFetcher(guarded, { lookup: rebinding })({ url });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/private-address' });
    expect(server.requests).toHaveLength(0);
  });

  it('allowPrivateNetworks: the same name reaches the local server through the injected lookup', async () => {
    const port = new URL(server.origin).port;
    const fetcher = createFeedFetcher({ ...guarded, allowPrivateNetworks: true }, { lookup: resolvesTo('127.0.0.1') });
    const result = await fetcher({ url: `http://sneaky.example:${port}/feed.xml` });
    expect(result).toMatchObject({ status: 'fetched' });
    expect(server.requests.at(-1)?.headers.host).toBe(`sneaky.example:${port}`);
  });
});
