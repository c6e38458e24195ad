import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeFeedBody } from '../src/feeds/decode-body.js';
import { normalizeItems } from '../src/feeds/normalize-items.js';
import { parseFeed } from '../src/feeds/parse-feed.js';
import { createAnnotator, type AnnotatorInput, loadIntel } from '../src/intel/annotate-item.js';
import { createActorTagger } from '../src/intel/actors/create-actor-tagger.js';
import { createClassifier } from '../src/intel/classify/classifier.js';
import { createPlaceTagger } from '../src/intel/places/create-place-tagger.js';
import { summarize } from '../src/intel/summarize/summarize.js';
import { loadTopicCorpus } from '../scripts/topic-corpus.js';
import { repoRoot } from '../scripts/repo-root.js';

/**
 * `npm run bench:intel`: classify + place/actor tagging + summary over ≥ 50,000 items on one
 * core (real feed items plus our written items, repeated), items/s and peak memory.
 */
async function realFeedItems(dir: string): Promise<AnnotatorInput[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((file) => /\.(xml|json)$/.test(file)).sort();
  } catch {
    process.stderr.write(`bench:intel: ${dir} not found; using written items only\n`);
    return [];
  }
  const items: AnnotatorInput[] = [];
  for (const file of files) {
    const outcome = await parseFeed(decodeFeedBody(await readFile(join(dir, file)), null).text);
    if (!outcome.ok) continue;
    const normalized = normalizeItems(outcome.feed, { feedId: file, feedUrl: `file:///${file}`, language: null, fetchedAt: new Date(0) });
    for (const item of normalized) items.push({ title: item.title, summary: item.summary, sourceTags: item.sourceTags });
  }
  return items;
}

async function main(): Promise<void> {
  const root = repoRoot();
  const { values } = parseArgs({ options: { items: { type: 'string', default: '50000' }, config: { type: 'string', default: join(root, 'config') } } });
  const target = Math.max(1, Number(values.items));
  const intel = await loadIntel(resolve(values.config));
  if (intel.modelProblem) process.stderr.write(`bench:intel: ${intel.modelProblem}\n`);
  const real = await realFeedItems(resolve(root, '../shared/feeds/real'));
  const corpus = await loadTopicCorpus(join(root, 'data/labeled/topics'), resolve(root, '../shared/feeds/real'));
  const written = corpus.items.filter((item) => item.origin === 'written').map((item) => ({ title: item.title, summary: item.summary, sourceTags: item.sourceTags }));
  const pool = [...real, ...written];
  if (pool.length === 0) throw new Error('no items to benchmark');
  const items = Array.from({ length: target }, (_, i) => pool[i % pool.length] as AnnotatorInput);
  const chars = items.reduce((sum, item) => sum + item.title.length + item.summary.length, 0);

  const annotate = createAnnotator({ ...intel, summaryMaxChars: 300 });
  const classifier = createClassifier(intel.topics, intel.model);
  for (const item of pool.slice(0, 500)) classifier.classify(item);
  // Warm up the JIT and the stem cache the way a long-running worker would be.
  for (const item of pool.slice(0, 500)) annotate(item);

  let heapPeak = 0;
  let topicCount = 0;
  // CPU time of this process, not wall time: the rate on one core even on a busy machine.
  const cpuSeconds = (since: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1e6;
  };
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  items.forEach((item, i) => {
    topicCount += annotate(item).topics.length;
    if (i % 1000 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  });
  const cpu = cpuSeconds(cpuStarted);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  // Per-stage rates on a sample, to show where the time goes.
  const sample = items.slice(0, Math.min(items.length, 10_000));
  const tagPlaces = createPlaceTagger(intel.places);
  const tagActors = createActorTagger(intel.actors);
  const stage = (run: (item: AnnotatorInput) => unknown): number => {
    const t0 = process.cpuUsage();
    for (const item of sample) run(item);
    return Math.round(sample.length / cpuSeconds(t0));
  };
  const stages = {
    classify: stage((item) => classifier.classify(item)),
    places: stage((item) => tagPlaces(`${item.title}\n${item.summary}`)),
    actors: stage((item) => tagActors(`${item.title}\n${item.summary}`)),
    summarize: stage((item) => summarize({ title: item.title, text: item.summary || item.title }, { maxChars: 300 })),
  };

  const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const result = {
    bench: 'intel',
    items: items.length,
    distinctItems: pool.length,
    realItems: real.length,
    avgChars: Math.round(chars / items.length),
    wallSeconds: Math.round(seconds * 1000) / 1000,
    cpuSeconds: Math.round(cpu * 1000) / 1000,
    itemsPerSecond: Math.round(items.length / cpu),
    wallItemsPerSecond: Math.round(items.length / seconds),
    stageItemsPerSecond: stages,
    topicsPerItem: Math.round((topicCount / items.length) * 100) / 100,
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    peakHeapMb: mb(heapPeak),
    node: process.version,
  };
  process.stdout.write(`annotated ${result.items} items (${result.distinctItems} distinct, ${result.realItems} from real feeds) in ${result.cpuSeconds}s of CPU (${result.wallSeconds}s wall): ${result.itemsPerSecond} items/s per core; per stage ${JSON.stringify(stages)}; peak RSS ${result.peakRssMb} MB, peak heap ${result.peakHeapMb} MB\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
