import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';

/**
 * Serves the sample feeds in demo/feeds on 127.0.0.1 so `npm run demo` needs no network.
 * `{{T-50}}` in a file becomes "50 minutes before the server started", formatted for the
 * feed's kind; `name.wave2.ext` replaces `name.ext` once the second wave is due, so a
 * newcomer sees new items and growing stories arrive while the demo runs.
 */
export interface DemoFeed {
  id: string;
  path: string;
}

export interface DemoFeedServer {
  baseUrl: string;
  feeds: DemoFeed[];
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.xml': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.rdf': 'application/rdf+xml',
  '.json': 'application/feed+json; charset=utf-8',
};

function formatTime(date: Date, extension: string): string {
  return extension === '.xml' ? date.toUTCString() : date.toISOString();
}

function fillTimes(text: string, startedAt: number, extension: string): string {
  return text.replace(/\{\{T([+-]\d+)\}\}/g, (_match, offset: string) =>
    formatTime(new Date(startedAt + Number(offset) * 60_000), extension),
  );
}

export async function startDemoFeedServer(options: {
  feedsDir: string;
  port?: number;
  waveAfterMs: number;
  now?: () => number;
}): Promise<DemoFeedServer> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const names = (await readdir(options.feedsDir)).filter((name) => extname(name) in contentTypes).sort();
  const firstWave = names.filter((name) => !name.includes('.wave2.'));
  const feeds = firstWave.map((name) => ({ id: `demo-${name.slice(0, -extname(name).length)}`, path: `/${name}` }));

  async function body(name: string): Promise<string | undefined> {
    if (!firstWave.includes(name)) return undefined;
    const extension = extname(name);
    const wave2 = `${name.slice(0, -extension.length)}.wave2${extension}`;
    const file = now() - startedAt >= options.waveAfterMs && names.includes(wave2) ? wave2 : name;
    const raw = await readFile(join(options.feedsDir, file));
    // The RDF sample is declared ISO-8859-1 on purpose: serve its bytes as they are.
    const text = extension === '.rdf' ? raw.toString('latin1') : raw.toString('utf8');
    return fillTimes(text, startedAt, extension);
  }

  const server: Server = createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/').slice(1);
    body(name).then(
      (text) => {
        if (text === undefined) {
          response.writeHead(404).end();
          return;
        }
        const extension = extname(name);
        const bytes = Buffer.from(text, extension === '.rdf' ? 'latin1' : 'utf8');
        const etag = `"${createHash('sha1').update(bytes).digest('hex').slice(0, 16)}"`;
        if (request.headers['if-none-match'] === etag) {
          response.writeHead(304, { etag }).end();
          return;
        }
        response.writeHead(200, { 'content-type': contentTypes[extension] ?? 'application/xml', etag });
        response.end(bytes);
      },
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    feeds,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
