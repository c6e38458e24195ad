import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildStoryIdf } from '../src/intel/cluster/story-idf.js';
import { repoRoot } from './repo-root.js';
import { loadTopicCorpus } from './topic-corpus.js';

/**
 * `npm run train:stories`: rebuilds data/model/story-idf.json, the reference document
 * frequencies behind the story clusterer's IDF, from the topic corpus (data/labeled/topics:
 * our written items plus the real feed items labelled there). Items from the feed files
 * that data/labeled/stories draws on are left out, so the story evaluation never sees its
 * own text in the reference. Same corpus → byte-identical file.
 */
async function storyFeedFiles(root: string): Promise<Set<string>> {
  const text = await readFile(join(root, 'data/labeled/stories/real-items.jsonl'), 'utf8');
  const files = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const file = (JSON.parse(line) as { file?: unknown }).file;
    if (typeof file === 'string') files.add(file);
  }
  return files;
}

async function main(): Promise<number> {
  const root = repoRoot();
  const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'data/model/story-idf.json') } } });
  const corpus = await loadTopicCorpus(join(root, 'data/labeled/topics'), resolve(root, '../shared/feeds/real'));
  for (const problem of corpus.problems) process.stderr.write(`warning: ${problem}\n`);
  const excluded = await storyFeedFiles(root);
  // Real items carry "<feed file>#<guid>" ids; written ones their own.
  const documents = corpus.items.filter((item) => !excluded.has(item.id.split('#')[0] ?? ''));
  const model = buildStoryIdf(documents);
  await mkdir(dirname(values.out), { recursive: true });
  await writeFile(values.out, JSON.stringify(model) + '\n');
  const real = documents.filter((item) => item.origin === 'real').length;
  process.stdout.write(
    `story-idf: ${documents.length} documents (${documents.length - real} written, ${real} real; ${corpus.items.length - documents.length} left out from the story feeds), ${Object.keys(model.df).length} terms → ${values.out}\n`,
  );
  return 0;
}

process.exitCode = await main();
