import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The poll benchmark's feed farm: `hosts` servers on distinct loopback addresses
 * (127.0.0.2, 127.0.0.3 …) so per-host politeness does not cap the run, each
 * answering after `latencyMs` with 304 when the client's ETag is current.
 * Kept in bench/ because tsc builds bench/ but not test/ into dist/.
 */
export interface PollBenchServer {
  /** Feed URLs, spread round-robin over the hosts. */
  urls: string[];
  /** Makes `share` of the feeds (every k-th) publish a new version. */
  publishNewVersions(share: number): number;
  requests(): { total: number; notModified: number; ok: number };
  close(): Promise<void>;
}

function feedBody(feed: number, version: number, items: number): string {
  const entries = Array.from({ length: items }, (_, i) => {
    const n = version * items + i;
    const date = new Date(Date.UTC(2026, 10, 28, 12, 0, 0) - (items - i) * 60_000 + version * 3_600_000).toUTCString();
    return `<item><title>Feed ${feed} story ${n}: envoy meets officials</title><guid isPermaLink="false">f${feed}-${n}</guid><link>https://bench.example.org/${feed}/${n}</link><pubDate>${date}</pubDate><description>&lt;p&gt;Story ${n} of feed ${feed}, with &lt;b&gt;markup&lt;/b&gt; to strip.&lt;/p&gt;</description></item>`;
  }).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench feed ${feed}</title><link>https://bench.example.org/${feed}</link>${entries}</channel></rss>`;
}

export async function startPollBenchServer(options: { feeds: number; hosts: number; latencyMs: number; items: number }): Promise<PollBenchServer> {
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

  return {
    urls: versions.map((_, feed) => `${origins[feed % origins.length]}/feed/${feed}.xml`),
    publishNewVersions(share) {
      const every = Math.max(1, Math.round(1 / share));
      let changed = 0;
      for (let feed = 0; feed < versions.length; feed += every) {
        versions[feed] = (versions[feed] ?? 0) + 1;
        changed += 1;
      }
      return changed;
    },
    requests: () => ({ ...counts }),
    async close() {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}
