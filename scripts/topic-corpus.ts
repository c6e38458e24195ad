import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { canonicalUrl } from '../src/feeds/canonical-url.js';
import { decodeFeedBody } from '../src/feeds/decode-body.js';
import { normalizeItems } from '../src/feeds/normalize-items.js';
import { parseFeed } from '../src/feeds/parse-feed.js';
import type { LabeledItem } from '../src/intel/classify/train-model.js';

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

function parseLines<T>(text: string, schema: z.ZodType<T>, file: string, problems: string[]): T[] {
  const out: T[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      problems.push(`${file}:${index + 1}: not valid JSON`);
      return;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) out.push(parsed.data);
    else problems.push(`${file}:${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  });
  return out;
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

interface FeedEntry {
  title: string;
  summary: string;
  tags: string[];
}

/** BBC repeats items across polls with `#0` → `#1` guid fragments. */
function withoutFragment(guid: string): string {
  return guid.replace(/#\d+$/, '');
}

/**
 * guid (or link) → text of one real feed file, read through the same decode → parse →
 * normalize stages as the worker, so training sees exactly what classification will see.
 */
async function readFeedEntries(file: string): Promise<Map<string, FeedEntry>> {
  const decoded = decodeFeedBody(await readFile(file), null);
  const outcome = await parseFeed(decoded.text);
  if (!outcome.ok) throw new Error(outcome.message);
  const feedId = basename(file);
  const items = normalizeItems(outcome.feed, { feedId, feedUrl: `file:///${feedId}`, language: null, fetchedAt: new Date(0) });
  const entries = new Map<string, FeedEntry>();
  for (const item of items) {
    const entry = { title: item.title, summary: item.summary, tags: item.sourceTags };
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
  for (const row of writtenText ? parseLines(writtenText, writtenSchema, writtenFile, problems) : []) {
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
  const rows = realText ? parseLines(realText, realSchema, realFile, problems) : [];
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
