/**
 * `npm run bench:stories`: story clustering throughput with 100,000 items in the
 * window (the median of three timed stretches of 20,000 items), peak memory, and a long
 * stream (300,000 items over several windows) showing that live state stays bounded by
 * the window. Prints a JSON line at the end.
 */
import os from 'node:os';
import { createStoryClusterer } from '../src/intel/cluster/create-story-clusterer.js';
import type { ClusterInput } from '../src/intel/cluster/cluster-types.js';
import { loadStoryIdf } from '../src/intel/cluster/story-idf.js';

const hourMs = 3_600_000;
const windowHours = 36;
const storyIdf = await loadStoryIdf();
if (!storyIdf.ok) throw new Error(storyIdf.message);
const background = storyIdf.background;
/** `node dist/bench/stories.js [scale] [window|long|both]`: 0.1 runs a tenth of the streams, for a quick look. */
const scale = Number(process.argv[2] ?? '1') || 1;
const n = (count: number): number => Math.round(count * scale);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const syllables = 'ka lo mi ra tu sen dar vi no pel shi gam tor ev an ul bre kos fin zar hal mun tis ob ree yak dul'.split(' ');
const outlets = Array.from({ length: 40 }, (_, i) => `Outlet ${i + 1}`);

/** A vocabulary of made-up words with a Zipf-like draw, so a few words are common and most are rare. */
function makeVocabulary(random: () => number, size: number): { word: (rank: number) => string; zipf: () => string } {
  const words: string[] = [];
  const seen = new Set<string>();
  while (words.length < size) {
    const parts = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < parts; i += 1) word += syllables[Math.floor(random() * syllables.length)] ?? 'ka';
    if (!seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  }
  return {
    word: (rank) => words[rank % size] ?? 'ka',
    zipf: () => words[Math.floor(size * random() ** 3)] ?? 'ka',
  };
}

interface StreamOptions {
  items: number;
  /** Items per hour of published time. */
  rate: number;
  seed: number;
}

/** Stories of 1–8 reports from different outlets, with shared key words and varied wording. */
function* syntheticStream(options: StreamOptions): Generator<ClusterInput> {
  const random = mulberry32(options.seed);
  const vocabulary = makeVocabulary(random, 40_000);
  const start = Date.parse('2026-01-01T00:00:00Z');
  const pending: { at: number; input: ClusterInput }[] = [];
  let made = 0;
  let storyNumber = 0;
  let clock = start;
  const pick = (list: string[], n: number): string[] => Array.from({ length: n }, () => list[Math.floor(random() * list.length)] ?? '');
  while (made < options.items) {
    // Emit what is due, in published order (sorted only when something is due).
    if (pending.some((entry) => entry.at <= clock)) pending.sort((a, b) => a.at - b.at);
    while (pending.length > 0 && (pending[0]?.at ?? Infinity) <= clock) {
      const next = pending.shift();
      if (next) yield next.input;
    }
    storyNumber += 1;
    const keys = Array.from({ length: 10 }, () => vocabulary.word(1000 + Math.floor(random() * 39_000)));
    const place = vocabulary.word(Math.floor(random() * 2000));
    const reports = 1 + Math.floor(random() ** 2 * 8);
    for (let r = 0; r < reports && made < options.items; r += 1) {
      made += 1;
      const at = clock + Math.floor(random() * 10 * hourMs * (r > 0 ? 1 : 0));
      const title = [...pick(keys, 3 + Math.floor(random() * 3)), place, ...Array.from({ length: 3 }, vocabulary.zipf)].join(' ');
      const summary = [place, ...pick(keys, 5 + Math.floor(random() * 4)), ...Array.from({ length: 22 }, vocabulary.zipf)].join(' ') + '.';
      const outlet = Math.floor(random() * outlets.length);
      pending.push({
        at,
        input: {
          id: `s${storyNumber}-r${r}`,
          title,
          summary,
          source: outlets[outlet] ?? 'Outlet',
          feedId: `outlet-${outlet + 1}`,
          link: null,
          published: new Date(at).toISOString(),
          topics: [],
          scores: {},
          places: [],
          actors: [],
        },
      });
    }
    clock += Math.round((hourMs / options.rate) * reports);
  }
  pending.sort((a, b) => a.at - b.at);
  for (const next of pending) yield next.input;
}

function heapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1e5) / 10;
}

interface Segment {
  items: number;
  seconds: number;
  cpuSeconds: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

function run(label: string, options: StreamOptions, measureFrom: number, sampleEvery: number, pregenerate: boolean) {
  // As in production: the shipped reference frequencies seed the IDF.
  const clusterer = createStoryClusterer({ windowHours, background });
  const samples: { items: number; liveStories: number; liveReports: number; heapMb: number }[] = [];
  // Timed stretches of `sampleEvery` items, each against a full window. This machine shares its
  // cores, so one stretch can be slowed by a neighbour; the median of several is the figure.
  const segments: Segment[] = [];
  let count = 0;
  let segmentStart = 0;
  let segmentCpu = process.cpuUsage();
  let peakRssMb = 0;
  const stories = new Set<string>();
  // When timing, the stream is generated up front so the figure measures clustering,
  // not the generator; the memory run generates as it goes so the heap is the clusterer's.
  const stream = pregenerate ? [...syntheticStream(options)] : syntheticStream(options);
  for (const input of stream) {
    if (count === measureFrom) {
      segmentStart = performance.now();
      segmentCpu = process.cpuUsage();
    }
    const { story } = clusterer.add(input);
    if (count < 20_000) stories.add(story.id);
    count += 1;
    if (count % sampleEvery === 0) {
      if (count > measureFrom) {
        const cpu = process.cpuUsage(segmentCpu);
        segments.push({ items: sampleEvery, seconds: (performance.now() - segmentStart) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
      }
      // A sample forces a full collection to read the live heap: its time is not clustering.
      peakRssMb = Math.max(peakRssMb, Math.round(process.memoryUsage().rss / 1e6));
      const sample = { items: count, liveStories: clusterer.liveStories, liveReports: clusterer.liveReports, heapMb: heapMb() };
      samples.push(sample);
      process.stdout.write(`${label}: ${JSON.stringify(sample)}\n`);
      segmentStart = performance.now();
      segmentCpu = process.cpuUsage();
    }
  }
  const wall = segments.map((segment) => Math.round(segment.items / segment.seconds));
  const perCpu = segments.map((segment) => Math.round(segment.items / segment.cpuSeconds));
  return {
    itemsPerSecond: Math.round(median(wall)),
    // On a shared machine wall time includes waiting for a core; CPU time does not.
    itemsPerCpuSecond: Math.round(median(perCpu)),
    segmentItemsPerSecond: wall,
    measured: segments.reduce((sum, segment) => sum + segment.items, 0),
    samples,
    peakRssMb,
    storiesInFirst20k: stories.size,
  };
}

const phase = process.argv[3] ?? 'both';
const result: Record<string, unknown> = { bench: 'stories', windowHours, scale, loadAverage: os.loadavg()[0] };

if (phase !== 'long') {
  // 1. Throughput: 2,800 items/hour fills a 36-hour window with about 100,000 reports;
  //    time the 60,000 items that follow in three stretches, each clustered against a full window.
  const full = run('window', { items: n(160_000), rate: n(2_800), seed: 7 }, n(100_000), n(20_000), true);
  const windowReports = full.samples.at(-1)?.liveReports ?? 0;
  process.stdout.write(
    `throughput: ${full.itemsPerSecond} items/s wall (median of ${full.segmentItemsPerSecond.join(', ')}), ${full.itemsPerCpuSecond} items per CPU-second (load average ${os.loadavg()[0]?.toFixed(1)}) over ${full.measured} items with ~${windowReports} reports in the window; peak RSS ${full.peakRssMb} MB\n`,
  );
  Object.assign(result, {
    itemsPerSecond: full.itemsPerSecond,
    segmentItemsPerSecond: full.segmentItemsPerSecond,
    itemsPerCpuSecond: full.itemsPerCpuSecond,
    reportsInWindow: windowReports,
    liveStoriesAtFullWindow: full.samples.at(-1)?.liveStories ?? null,
    heapMbAtFullWindow: full.samples.at(-1)?.heapMb ?? null,
    peakRssMb: full.peakRssMb,
  });
}

if (phase !== 'window') {
  // 2. Bounded memory: 300,000 items at a slower rate span about 5.5 windows; live state should plateau.
  const long = run('long', { items: n(300_000), rate: n(1_500), seed: 11 }, 0, n(30_000), false);
  process.stdout.write(
    `bounded: live reports ${long.samples.map((s) => s.liveReports).join(', ')}; heap ${long.samples.map((s) => s.heapMb).join(' → ')} MB\n`,
  );
  Object.assign(result, { long: { items: n(300_000), peakRssMb: long.peakRssMb, samples: long.samples } });
}

process.stdout.write(JSON.stringify(result) + '\n');
