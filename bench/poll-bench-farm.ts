import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * Runs inside a worker thread: `hosts` HTTP servers on distinct loopback addresses
 * (127.0.0.2, 127.0.0.3 …) so per-host politeness does not cap the run, each
 * answering after `latencyMs`, with 304 when the client's ETag is current.
 * A thread of its own keeps the servers' work off the poller's event loop.
 */
export interface FarmOptions {
  feeds: number;
  hosts: number;
  latencyMs: number;
  items: number;
}

export type FarmRequest = { type: 'publish'; share: number } | { type: 'counts' } | { type: 'close' };
export type FarmReply =
  | { type: 'ready'; urls: string[] }
  | { type: 'published'; changed: number }
  | { type: 'counts'; total: number; notModified: number; ok: number }
  | { type: 'closed' };

function feedBody(feed: number, version: number, items: number): string {
  const entries = Array.from({ length: items }, (_, i) => {
    const n = version * items + i;
    const date = new Date(Date.UTC(2026, 10, 28, 12, 0, 0) - (items - i) * 60_000 + version * 3_600_000).toUTCString();
    return `<item><title>Feed ${feed} story ${n}: envoy meets officials</title><guid isPermaLink="false">f${feed}-${n}</guid><link>https://bench.example.org/${feed}/${n}</link><pubDate>${date}</pubDate><description>&lt;p&gt;Story ${n} of feed ${feed}, with &lt;b&gt;markup&lt;/b&gt; to strip.&lt;/p&gt;</description></item>`;
  }).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench feed ${feed}</title><link>https://bench.example.org/${feed}</link>${entries}</channel></rss>`;
}

async function runFarm(options: FarmOptions): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('poll-bench-farm must run in a worker thread');
  const versions = new Array<number>(options.feeds).fill(0);
  const counts = { total: 0, notModified: 0, ok: 0 };
  const servers: http.Server[] = [];
  const origins: string[] = [];

  const handle = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    counts.total += 1;
    const feed = Number(/^\/feed\/(\d+)\.xml$/.exec(request.url ?? '')?.[1] ?? NaN);
    setTimeout(() => {
      const version = versions[feed];
      if (version === undefined) {
        response.writeHead(404).end();
        return;
      }
      const etag = `"${feed}-${version}"`;
      if (request.headers['if-none-match'] === etag) {
        counts.notModified += 1;
        response.writeHead(304, { etag }).end();
        return;
      }
      counts.ok += 1;
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(feedBody(feed, version, options.items));
    }, options.latencyMs);
  };

  for (let i = 0; i < options.hosts; i += 1) {
    const server = http.createServer(handle);
    const host = `127.0.0.${2 + i}`;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
    servers.push(server);
    origins.push(`http://${host}:${(server.address() as AddressInfo).port}`);
  }

  const reply = (message: FarmReply): void => port.postMessage(message);
  port.on('message', (message: FarmRequest) => {
    switch (message.type) {
      case 'publish': {
        const every = Math.max(1, Math.round(1 / message.share));
        let changed = 0;
        for (let feed = 0; feed < versions.length; feed += every) {
          versions[feed] = (versions[feed] ?? 0) + 1;
          changed += 1;
        }
        reply({ type: 'published', changed });
        break;
      }
      case 'counts':
        reply({ type: 'counts', ...counts });
        break;
      case 'close':
        for (const server of servers) server.closeAllConnections();
        void Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))).then(() => {
          reply({ type: 'closed' });
          port.close();
        });
        break;
    }
  });
  reply({ type: 'ready', urls: versions.map((_, feed) => `${origins[feed % origins.length]}/feed/${feed}.xml`) });
}

if (parentPort) await runFarm(workerData as FarmOptions);
