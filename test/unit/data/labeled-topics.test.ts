import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

// The labeled topic corpus is data that the classifier trains and is evaluated on.
// These tests guard its shape and the properties the evaluation relies on: a fixed,
// stratified held-out split, the closed label vocabulary of issue 3, and no publisher
// text copied into the repository.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpusDir = path.join(repoRoot, 'data/labeled/topics');
const realFeedsDir = path.resolve(repoRoot, '../shared/feeds/real');

const TOPICS = ['diplomacy', 'security', 'human_rights', 'humanitarian', 'politics', 'economy'] as const;
const MIN_TOTAL = 500;
const MIN_TEST_POSITIVES_PER_TOPIC = 20;
const MIN_POSITIVES_PER_TOPIC = 90;

const labelsSchema = z
  .array(z.enum(TOPICS))
  .max(3)
  .refine((labels) => new Set(labels).size === labels.length, 'labels repeat');
const splitSchema = z.enum(['train', 'test']);

const writtenItemSchema = z.strictObject({
  id: z.string().regex(/^w\d{4}$/),
  title: z.string().min(20),
  summary: z.string().min(80),
  source: z.string().min(2),
  published: z.iso.datetime(),
  labels: labelsSchema,
  split: splitSchema,
});

// strictObject: a real item may carry nothing but its key, labels and split, so no
// title, summary or description of a publisher's item can slip into the repository.
const realItemSchema = z
  .strictObject({
    file: z.string().regex(/^[a-z0-9.-]+\.(xml|json)$/),
    guid: z.string().min(1).optional(),
    link: z.string().url().optional(),
    labels: labelsSchema,
    split: splitSchema,
  })
  .refine((item) => (item.guid === undefined) !== (item.link === undefined), 'exactly one of guid or link');

type WrittenItem = z.infer<typeof writtenItemSchema>;
type RealItem = z.infer<typeof realItemSchema>;

function readJsonLines(file: string): unknown[] {
  return readFileSync(path.join(corpusDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        throw new Error(`${file}:${index + 1}: not valid JSON`);
      }
    });
}

function parseAll<T>(file: string, schema: z.ZodType<T>): T[] {
  return readJsonLines(file).map((row, index) => {
    const result = schema.safeParse(row);
    if (!result.success) {
      const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw new Error(`${file}:${index + 1}: ${problems.join('; ')}`);
    }
    return result.data;
  });
}

const written: WrittenItem[] = parseAll('written.jsonl', writtenItemSchema);
const real: RealItem[] = parseAll('real-labels.jsonl', realItemSchema);
const all = [...written, ...real];

function wordCount(text: string): number {
  return text.trim().split(/\s+/).length;
}

// BBC republishes an article with a new `#n` fragment on its guid between polls.
function itemKey(item: RealItem): string {
  return (item.guid ?? item.link ?? '').replace(/#\d+$/, '');
}

interface FeedEntry {
  guid: string | null;
  link: string | null;
  title: string;
}

function stripMarkup(raw: string | undefined): string {
  return (raw ?? '')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&amp;/g, '&')
    .trim();
}

function readFeedEntries(file: string): FeedEntry[] {
  const xml = readFileSync(path.join(realFeedsDir, file), 'utf8');
  const blocks = xml.match(/<item[\s>][\s\S]*?<\/item>/g) ?? [];
  const field = (block: string, tag: string): string | null => {
    const match = block.match(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`));
    const value = stripMarkup(match?.[1]);
    return value === '' ? null : value;
  };
  return blocks.map((block) => ({
    guid: field(block, 'guid'),
    link: field(block, 'link'),
    title: field(block, 'title') ?? '',
  }));
}

describe('labeled topic corpus', () => {
  it('has fewer than the required number of items', () => {
    expect(all.length).toBeGreaterThanOrEqual(MIN_TOTAL);
  });

  it('reuses an id among written items', () => {
    const ids = written.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('labels one real item twice (same guid in two files or two polls)', () => {
    const keys = real.map(itemKey);
    const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
    expect(repeated).toEqual([]);
  });

  it('repeats a written headline', () => {
    const titles = written.map((item) => item.title.toLowerCase());
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('has written items outside wire length (headline 8-16 words, summary 25-70 words)', () => {
    const outOfRange = written.filter((item) => {
      const titleWords = wordCount(item.title);
      const summaryWords = wordCount(item.summary);
      return titleWords < 8 || titleWords > 16 || summaryWords < 25 || summaryWords > 70;
    });
    expect(outOfRange.map((item) => item.id)).toEqual([]);
  });

  it('leaves a topic with too few positives to learn from', () => {
    for (const topic of TOPICS) {
      const positives = all.filter((item) => item.labels.includes(topic)).length;
      expect(positives, topic).toBeGreaterThanOrEqual(MIN_POSITIVES_PER_TOPIC);
    }
  });

  it('has no negatives: every item carries a topic', () => {
    const none = written.filter((item) => item.labels.length === 0).length;
    expect(none / written.length).toBeGreaterThanOrEqual(0.1);
  });

  it('held-out split is too small, too large or missing a topic', () => {
    const test = all.filter((item) => item.split === 'test');
    const share = test.length / all.length;
    expect(share).toBeGreaterThanOrEqual(0.2);
    expect(share).toBeLessThanOrEqual(0.32);
    for (const topic of TOPICS) {
      const positives = test.filter((item) => item.labels.includes(topic)).length;
      expect(positives, topic).toBeGreaterThanOrEqual(MIN_TEST_POSITIVES_PER_TOPIC);
    }
    expect(test.filter((item) => item.labels.length === 0).length).toBeGreaterThan(0);
  });

  // The split is a pure function of the item's key, so it cannot drift when items are appended
  // or relabelled, and nobody can move a hard test item into train by hand.
  it('moves an item between train and test (split no longer follows the hash rule)', () => {
    const expectedSplit = (key: string): 'train' | 'test' =>
      (createHash('sha256').update(key).digest()[0] ?? 0) % 4 === 0 ? 'test' : 'train';
    const moved = [
      ...written.filter((item) => item.split !== expectedSplit(item.id)).map((item) => item.id),
      ...real
        .filter((item) => item.split !== expectedSplit(`${item.file}\n${itemKey(item)}`))
        .map((item) => `${item.file} ${itemKey(item)}`),
    ];
    expect(moved).toEqual([]);
  });

  it('points a real label at a file or guid that is not in the shared feeds', (context) => {
    if (!existsSync(realFeedsDir)) {
      context.skip(`shared feeds not found at ${realFeedsDir}; skipping the cross-check`);
      return;
    }
    const entriesByFile = new Map<string, FeedEntry[]>();
    const missing: string[] = [];
    for (const item of real) {
      const feedPath = path.join(realFeedsDir, item.file);
      if (!existsSync(feedPath)) {
        missing.push(`${item.file} (no such file)`);
        continue;
      }
      const entries = entriesByFile.get(item.file) ?? readFeedEntries(item.file);
      entriesByFile.set(item.file, entries);
      const found = entries.some((entry) =>
        item.guid !== undefined ? entry.guid === item.guid : entry.link === item.link,
      );
      if (!found) missing.push(`${item.file} ${item.guid ?? item.link ?? ''}`);
    }
    expect(missing).toEqual([]);
  });

  it('copies a real headline into the written items', (context) => {
    if (!existsSync(realFeedsDir)) {
      context.skip(`shared feeds not found at ${realFeedsDir}; skipping the cross-check`);
      return;
    }
    const files = [...new Set(real.map((item) => item.file))];
    const realTitles = new Set(
      files.flatMap((file) => readFeedEntries(file).map((entry) => entry.title.toLowerCase())),
    );
    const copied = written.filter((item) => realTitles.has(item.title.toLowerCase()));
    expect(copied.map((item) => item.id)).toEqual([]);
  });
});
