/**
 * Ingest benchmark, parse half: items per second for rss-parser's parseString alone versus
 * our whole text pipeline (decodeFeedBody + parseFeed + normalizeItems) on the real corpus in
 * ../shared/feeds/real, repeated to at least 100,000 items. Target: normalizing adds at most
 * 50 % to parse-only time. Run with `npm run bench:ingest:parse` (after `npm run build`).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Parser from 'rss-parser';
import { decodeFeedBody } from '../src/feeds/decode-body.js';
import { normalizeItems } from '../src/feeds/normalize-items.js';
import { parseFeed } from '../src/feeds/parse-feed.js';

const minimumItems = 100_000;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusDir = path.resolve(repoRoot, '../shared/feeds/real');

interface CorpusFile {
  name: string;
  body: Buffer;
  text: string;
}

async function loadCorpus(): Promise<CorpusFile[]> {
  const files: CorpusFile[] = [];
  for (const name of readdirSync(corpusDir).sort()) {
    // rss-parser reads XML only, and a truncated file has no items to time: compare like with like.
    if (!name.endsWith('.xml') || name.includes('truncated')) continue;
    const body = readFileSync(path.join(corpusDir, name));
    files.push({ name, body, text: decodeFeedBody(body, null).text });
  }
  return files;
}

interface Sample {
  items: number;
  wallMs: number;
  cpuMs: number;
}

async function measure(run: () => Promise<number>): Promise<Sample> {
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const items = await run();
  const cpu = process.cpuUsage(cpuStart);
  return {
    items,
    wallMs: Number(process.hrtime.bigint() - wallStart) / 1e6,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

function parseOnlyPass(parser: Parser, files: CorpusFile[]): () => Promise<number> {
  return async () => {
    let items = 0;
    for (const file of files) items += (await parser.parseString(file.text)).items.length;
    return items;
  };
}

const context = (feedId: string, fetchedAt: Date) => ({ feedId, feedUrl: 'https://example.invalid/feed', language: null, fetchedAt });

/** parseFeed + normalizeItems on the same decoded text rss-parser gets: the target metric. */
function parseNormalizePass(files: CorpusFile[], fetchedAt: Date): () => Promise<number> {
  return async () => {
    let items = 0;
    for (const file of files) {
      const parsed = await parseFeed(file.text);
      if (!parsed.ok) throw new Error(`${file.name}: ${parsed.message}`);
      items += normalizeItems(parsed.feed, context(file.name, fetchedAt)).length;
    }
    return items;
  };
}

/** The whole text pipeline from the fetched bytes, charset detection and decoding included. */
function pipelinePass(files: CorpusFile[], fetchedAt: Date): () => Promise<number> {
  return async () => {
    let items = 0;
    for (const file of files) {
      const decoded = decodeFeedBody(file.body, null);
      const parsed = await parseFeed(decoded.text);
      if (!parsed.ok) throw new Error(`${file.name}: ${parsed.message}`);
      items += normalizeItems(parsed.feed, context(file.name, fetchedAt)).length;
    }
    return items;
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function total(samples: Sample[]): Sample {
  return samples.reduce(
    (sum, sample) => ({ items: sum.items + sample.items, wallMs: sum.wallMs + sample.wallMs, cpuMs: sum.cpuMs + sample.cpuMs }),
    { items: 0, wallMs: 0, cpuMs: 0 },
  );
}

const perSecond = (items: number, ms: number): number => Math.round((items / ms) * 1000);
const round1 = (value: number): number => Math.round(value * 10) / 10;

function overhead(samples: Sample[], baseline: Sample[]): number {
  const ratios = baseline.map((sample, index) => (samples[index]?.cpuMs ?? 0) / Math.max(sample.cpuMs, 0.001));
  return round1((median(ratios) - 1) * 100);
}

function line(label: string, run: Sample): string {
  return `${label.padEnd(38)} ${String(perSecond(run.items, run.cpuMs)).padStart(7)} items/s CPU, ${String(perSecond(run.items, run.wallMs)).padStart(7)} items/s wall (${run.items} items)\n`;
}

async function main(): Promise<number> {
  if (!existsSync(corpusDir)) {
    process.stdout.write(`bench:ingest:parse skipped: no real corpus at ${corpusDir}\n`);
    return 0;
  }
  const files = await loadCorpus();
  const fetchedAt = new Date();
  const parseOnly = parseOnlyPass(new Parser({ defaultRSS: 2 }), files);
  const modes = [parseOnly, parseNormalizePass(files, fetchedAt), pipelinePass(files, fetchedAt)];
  const itemsPerPass = await parseOnly();
  for (let warm = 0; warm < 3; warm++) for (const mode of modes) await mode();

  // Passes rotate the order of the three modes and are compared pairwise, so load from other
  // processes (and GC or JIT drift) lands on every side; overheads are medians of per-pass
  // CPU-time ratios, rates are totals.
  const passes = Math.ceil(minimumItems / itemsPerPass);
  const baseline: Sample[] = [];
  const parseNormalize: Sample[] = [];
  const pipeline: Sample[] = [];
  const buckets = [baseline, parseNormalize, pipeline];
  for (let pass = 0; pass < passes; pass++) {
    for (let k = 0; k < modes.length; k++) {
      const index = (pass + k) % modes.length;
      const mode = modes[index];
      const bucket = buckets[index];
      if (mode !== undefined && bucket !== undefined) bucket.push(await measure(mode));
    }
  }
  const normalizeOverhead = overhead(parseNormalize, baseline);
  const pipelineOverhead = overhead(pipeline, baseline);
  const out = process.stdout;
  out.write(`corpus: ${files.length} XML feeds in ${corpusDir}, ${itemsPerPass} items per pass, ${passes} passes per mode\n`);
  out.write(line('rss-parser parseString only', total(baseline)));
  out.write(line('parseFeed + normalizeItems (ours)', total(parseNormalize)));
  out.write(line('decode + parse + normalize (ours)', total(pipeline)));
  out.write(`normalize overhead over parse-only:   ${normalizeOverhead} % (target ≤ 50 %)\n`);
  out.write(`with charset detection and decoding:  ${pipelineOverhead} %\n`);
  out.write(
    `${JSON.stringify({
      bench: 'ingest-parse',
      files: files.length,
      itemsPerMode: total(pipeline).items,
      parseOnlyItemsPerSecond: perSecond(total(baseline).items, total(baseline).cpuMs),
      parseNormalizeItemsPerSecond: perSecond(total(parseNormalize).items, total(parseNormalize).cpuMs),
      pipelineItemsPerSecond: perSecond(total(pipeline).items, total(pipeline).cpuMs),
      normalizeOverheadPercent: normalizeOverhead,
      pipelineOverheadPercent: pipelineOverhead,
      targetPercent: 50,
      clock: 'process CPU time (wall rates printed above)',
    })}\n`,
  );
  return 0;
}

process.exitCode = await main();
