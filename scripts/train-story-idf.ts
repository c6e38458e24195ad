import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { buildStoryIdf } from '../src/intel/cluster/story-idf.js';
import { repoRoot } from './repo-root.js';
import { scriptArgs } from './script-args.js';
import { parseJsonLinesStrict } from './json-lines.js';
import { loadTopicCorpus } from './topic-corpus.js';

const usage = `Usage: npm run train:stories -- [--out FILE]\nCounts reference word frequencies for story clustering (data/model/story-idf.json).`;

/**
 * `npm run train:stories`: rebuilds data/model/story-idf.json, the reference document
 * frequencies behind the story clusterer's IDF, from the topic corpus (data/labeled/topics:
 * our written items plus the real feed items labelled there) and data/reference/*.jsonl
 * (ordinary soft news we wrote: gadgets, sport, exams, weather …, so that a homepage's
 * everyday words are known to be everyday). Items from the feed files that
 * data/labeled/stories draws on are left out, so the story evaluation never sees its own
 * text in the reference. Same corpus → byte-identical file.
 */
const referenceLine = z.object({ title: z.string().min(1), summary: z.string() });

async function referenceDocuments(dir: string): Promise<{ title: string; summary: string }[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((file) => file.endsWith('.jsonl')).sort();
  const documents: { title: string; summary: string }[] = [];
  for (const file of files) documents.push(...parseJsonLinesStrict(await readFile(join(dir, file), 'utf8'), referenceLine, file));
  return documents;
}

async function storyFeedFiles(root: string): Promise<Set<string>> {
  const file = join(root, 'data/labeled/stories/real-items.jsonl');
  const rows = parseJsonLinesStrict(await readFile(file, 'utf8'), z.object({ file: z.string() }), file);
  return new Set(rows.map((row) => row.file));
}

async function main(): Promise<number> {
  const root = repoRoot();
  const values = scriptArgs(usage, { out: { type: 'string', default: join(root, 'data/model/story-idf.json') } });
  const corpus = await loadTopicCorpus(join(root, 'data/labeled/topics'), resolve(root, '../shared/feeds/real'));
  for (const problem of corpus.problems) process.stderr.write(`warning: ${problem}\n`);
  const excluded = await storyFeedFiles(root);
  // Real items carry "<feed file>#<guid>" ids; written ones their own.
  const topicDocuments = corpus.items.filter((item) => !excluded.has(item.id.split('#')[0] ?? ''));
  const reference = await referenceDocuments(join(root, 'data/reference'));
  const model = buildStoryIdf([...topicDocuments, ...reference]);
  await mkdir(dirname(values.out), { recursive: true });
  await writeFile(values.out, JSON.stringify(model) + '\n');
  const real = topicDocuments.filter((item) => item.origin === 'real').length;
  process.stdout.write(
    `story-idf: ${model.documents} documents (topic corpus: ${topicDocuments.length - real} written, ${real} real, ${corpus.items.length - topicDocuments.length} left out from the story feeds; ${reference.length} reference), ${Object.keys(model.df).length} terms → ${values.out}\n`,
  );
  return 0;
}

process.exitCode = await main();
