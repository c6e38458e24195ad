import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { canonicalUrl } from '../src/feeds/canonical-url.js';
import { decodeAndParseFeed } from '../src/feeds/decode-and-parse.js';
import { normalizeItems } from '../src/feeds/normalize-items.js';
import type { LabeledItem } from '../src/intel/classify/train-model.js';
import { parseJsonLines } from './json-lines.js';

/**
 * The labeled topic corpus (data/labeled/topics, engineer D's): items we wrote, with text, and
 * items of the shared real feeds, labeled by feed file + guid (their text is read from the feed,
 * never stored in the repo).
 */
export interface CorpusItem extends LabeledItem {
  split: 'train' | 'test';
}

const split = z.enum(['train', 'test']);
const writtenSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  summary: z.string().default(''),
  tags: z.array(z.string()).default([]),
  sourceTags: z.array(z.string()).optional(),
  labels: z.array(z.string()),
  split,
});
const realSchema = z
  .object({
    file: z.string().min(1),
    guid: z.string().min(1).optional(),
    link: z.string().min(1).optional(),
    labels: z.array(z.string()),
    split,
  })
  .refine((row) => row.guid !== undefined || row.link !== undefined, { message: 'expected guid or link' });

export interface CorpusLoad {
  items: CorpusItem[];
  problems: string[];
  realAvailable: boolean;
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export interface FeedEntry {
  title: string;
  summary: string;
  tags: string[];
  link: string | null;
  published: string;
}

/** BBC repeats items across polls with `#0` → `#1` guid fragments. */
export function withoutFragment(guid: string): string {
  return guid.replace(/#\d+$/, '');
}

/**
 * guid (or link) → text of one real feed file, read through the same decode → parse →
 * normalize stages as the worker, so training sees exactly what classification will see.
 */
export async function readFeedEntries(file: string): Promise<Map<string, FeedEntry>> {
  const outcome = await decodeAndParseFeed(await readFile(file), null);
  if (!outcome.ok) throw new Error(outcome.message);
  const feedId = basename(file);
  // The captures are in the past: read them as fetched now, so their own dates stand.
  const items = normalizeItems(outcome.feed, { feedId, feedUrl: `file:///${feedId}`, language: null, fetchedAt: new Date() });
  const entries = new Map<string, FeedEntry>();
  for (const item of items) {
    const entry = { title: item.title, summary: item.summary, tags: item.sourceTags, link: item.link, published: item.published };
    if (item.guid) entries.set(withoutFragment(item.guid), entry);
    if (item.link && !entries.has(item.link)) entries.set(item.link, entry);
  }
  return entries;
}

export async function loadTopicCorpus(labeledDir: string, realFeedsDir: string): Promise<CorpusLoad> {
  const problems: string[] = [];
  const items: CorpusItem[] = [];
  const writtenFile = join(labeledDir, 'written.jsonl');
  const writtenText = await readOptional(writtenFile);
  for (const row of writtenText ? parseJsonLines(writtenText, writtenSchema, writtenFile, problems) : []) {
    items.push({
      id: row.id,
      title: row.title,
      summary: row.summary,
      sourceTags: row.sourceTags ?? row.tags,
      labels: row.labels,
      origin: 'written',
      split: row.split,
    });
  }
  const realFile = join(labeledDir, 'real-labels.jsonl');
  const realText = await readOptional(realFile);
  const rows = realText ? parseJsonLines(realText, realSchema, realFile, problems) : [];
  const realAvailable = (await readOptional(join(realFeedsDir, 'MANIFEST.md'))) !== null;
  if (!realAvailable) {
    if (rows.length > 0) problems.push(`${realFeedsDir} not found: ${rows.length} real-feed items skipped`);
    return { items, problems, realAvailable };
  }
  const feeds = new Map<string, Map<string, FeedEntry>>();
  for (const row of rows) {
    let entries = feeds.get(row.file);
    if (!entries) {
      try {
        entries = await readFeedEntries(join(realFeedsDir, row.file));
      } catch (error) {
        problems.push(`${row.file}: cannot be read (${(error as Error).message})`);
        entries = new Map();
      }
      feeds.set(row.file, entries);
    }
    const key = row.guid !== undefined ? withoutFragment(row.guid) : (canonicalUrl(row.link ?? '') ?? row.link ?? '');
    const entry = entries.get(key);
    if (!entry) {
      problems.push(`${row.file}: no item with ${row.guid !== undefined ? 'guid' : 'link'} ${row.guid ?? row.link}`);
      continue;
    }
    items.push({
      id: `${row.file}#${row.guid ?? row.link}`,
      title: entry.title,
      summary: entry.summary,
      sourceTags: entry.tags,
      labels: row.labels,
      origin: 'real',
      split: row.split,
    });
  }
  return { items, problems, realAvailable };
}
