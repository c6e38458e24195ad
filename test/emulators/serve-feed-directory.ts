import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { FeedServer } from './feed-server.js';

const contentTypes: Record<string, string> = {
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.rdf': 'application/rdf+xml',
  '.json': 'application/feed+json',
};

/**
 * Serves every file of a directory (not recursive) from the feed server at
 * `${prefix}${file name}`, with an ETag from the content and Last-Modified from
 * the file time, so conditional GETs answer 304. No charset is declared: the
 * feed's own prolog or bytes must tell it, as with many real publishers.
 * Returns the paths it registered, in file-name order.
 */
export async function serveFeedDirectory(server: FeedServer, directory: string, prefix = '/'): Promise<string[]> {
  const names = (await readdir(directory)).sort();
  const paths: string[] = [];
  for (const name of names) {
    const file = join(directory, name);
    const info = await stat(file);
    if (!info.isFile() || name.startsWith('.')) continue;
    const body = await readFile(file);
    const path = `${prefix}${encodeURIComponent(name)}`;
    server.route(path, {
      body,
      headers: { 'content-type': contentTypes[extname(name).toLowerCase()] ?? 'application/octet-stream' },
      etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`,
      lastModified: info.mtime.toUTCString(),
    });
    paths.push(path);
  }
  return paths;
}
