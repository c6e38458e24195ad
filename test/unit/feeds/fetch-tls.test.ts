import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import net, { type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createFeedFetcher, type FetchOptions } from '../../../src/feeds/fetch-feed.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/http/${name}`, import.meta.url));
const options: FetchOptions = {
  userAgent: 'Sitrep/0.1 (test)',
  connectTimeoutMs: 80,
  totalTimeoutMs: 1000,
  maxBytes: 1024 * 1024,
  maxRedirects: 5,
  allowPrivateNetworks: true,
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function listen(server: net.Server): Promise<number> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    server.close();
    await once(server, 'close');
  });
  return (server.address() as AddressInfo).port;
}

describe('fetchFeed over https', () => {
  it('untrusted (self-signed) certificate: feed/connect naming the TLS problem', async () => {
    const server = https.createServer({ key: fixture('self-signed-key.pem'), cert: fixture('self-signed-cert.pem') }, (_request, response) => {
      response.end('<rss/>');
    });
    const port = await listen(server);
    const result = await createFeedFetcher({ ...options, connectTimeoutMs: 1000 })({ url: `https://127.0.0.1:${port}/feed.xml` });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/connect', message: expect.stringMatching(/certificate/i) });
  });

  it('TLS handshake that never completes: the connect timeout covers it', async () => {
    // Accepts TCP and then says nothing, so the TLS ClientHello is never answered.
    const port = await listen(net.createServer(() => undefined));
    const result = await createFeedFetcher(options)({ url: `https://127.0.0.1:${port}/feed.xml` });
    expect(result).toMatchObject({ status: 'failed', code: 'feed/timeout', message: expect.stringContaining('no connection') });
    expect(result.elapsedMs).toBeLessThan(600);
  });
});
