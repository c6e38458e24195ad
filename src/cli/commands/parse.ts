import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toPublicItem, type FeedItem } from '../../domain/feed-item.js';
import { decodeAndParseFeed } from '../../feeds/decode-and-parse.js';
import { normalizeItems } from '../../feeds/normalize-items.js';
import { loadConfig, resolveConfigDir } from '../../settings/load-config.js';
import { buildFetcher } from '../../app/wiring.js';
import type { CliIo } from '../cli-io.js';

const help = `Usage: sitrep parse <file-or-url> [--json] [--config DIR]

Parses and normalizes one feed and prints every item: what Sitrep sees in it. "-" reads the feed from stdin.
  --json     one JSON object per item: id, feedId, title, summary, link, published, sourceTags, language
  --config   config folder (for fetch limits, the User-Agent contact and SITREP_ALLOW_PRIVATE_NETWORKS)
Exit codes: 0 parsed, 1 fetch or parse failure, 2 bad arguments or config.`;

function isUrl(target: string): boolean {
  return /^https?:\/\//i.test(target);
}

async function loadBytes(
  target: string,
  io: CliIo,
  configFlag: string | undefined,
): Promise<{ ok: true; body: Buffer; contentType: string | null; url: string } | { ok: false; message: string }> {
  if (target === '-') {
    try {
      return { ok: true, body: await readAll(io.stdin), contentType: null, url: 'file:///dev/stdin' };
    } catch (error) {
      return { ok: false, message: `cannot read stdin: ${(error as Error).message}` };
    }
  }
  if (!isUrl(target)) {
    const path = resolve(io.cwd, target);
    try {
      return { ok: true, body: await readFile(path), contentType: null, url: `file://${path}` };
    } catch (error) {
      return { ok: false, message: `cannot read ${target}: ${(error as Error).message}` };
    }
  }
  const config = await loadConfig({ configDir: resolveConfigDir(configFlag, io.env, io.cwd), env: io.env, cwd: io.cwd });
  const fetcher = buildFetcher(config.settings);
  const result = await fetcher({ url: target });
  if (result.status === 'failed') {
    // Reading a feed served on this machine is the usual reason to meet the guard here.
    const hint = result.code === 'feed/private-address' ? ' (set SITREP_ALLOW_PRIVATE_NETWORKS=true to read feeds on this machine or a private network)' : '';
    return { ok: false, message: `${result.code}: ${result.message}${hint}` };
  }
  if (result.status === 'unchanged') return { ok: false, message: 'the server answered 304 Not Modified to an unconditional request' };
  return { ok: true, body: result.body, contentType: result.contentType, url: result.finalUrl };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

function humanLines(items: FeedItem[], title: string | null): string[] {
  const lines = [`${title ?? '(untitled feed)'}: ${items.length} item${items.length === 1 ? '' : 's'}`];
  for (const item of items) {
    lines.push('', `• ${item.title}`, `  ${item.published}  ${item.link ?? '(no link)'}`);
    if (item.sourceTags.length > 0) lines.push(`  tags: ${item.sourceTags.join(', ')}`);
    if (item.summary) lines.push(`  ${item.summary.length > 280 ? `${item.summary.slice(0, 279)}…` : item.summary}`);
  }
  return lines;
}

export async function runParseCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.stderr.write(`sitrep parse: ${(error as Error).message}\n\n${help}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout.write(`${help}\n`);
    return 0;
  }
  const target = parsed.positionals[0];
  if (!target || parsed.positionals.length > 1) {
    io.stderr.write(`sitrep parse: expected exactly one file or URL\n\n${help}\n`);
    return 2;
  }
  const loaded = await loadBytes(target, io, parsed.values.config);
  if (!loaded.ok) {
    io.stderr.write(`sitrep parse: ${loaded.message}\n`);
    return 1;
  }
  const outcome = await decodeAndParseFeed(loaded.body, loaded.contentType);
  if (!outcome.ok) {
    io.stderr.write(`sitrep parse: ${outcome.code}: ${outcome.message}\n`);
    return 1;
  }
  const feedId = target === '-' ? 'stdin' : isUrl(target) ? new URL(target).hostname : basename(target, extname(target));
  const items = normalizeItems(outcome.feed, { feedId, feedUrl: loaded.url, language: null, fetchedAt: new Date() });
  if (parsed.values.json) {
    for (const item of items) io.stdout.write(`${JSON.stringify(toPublicItem(item))}\n`);
  } else {
    io.stdout.write(`${humanLines(items, outcome.feed.title).join('\n')}\n`);
  }
  return 0;
}
