/**
 * `npm run eval:stories`: clusters the labeled story set the way the live system
 * would (one stream per split, in published order) and prints pairwise and B-cubed
 * scores, hard negatives that were merged, and the worst merges and splits.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadClusterAnnotator } from '../src/cli/commands/cluster.js';
import type { DecisionWeights } from '../src/intel/cluster/cluster-types.js';
import { createStoryClusterer } from '../src/intel/cluster/create-story-clusterer.js';
import { StoryAliases } from '../src/intel/cluster/story-aliases.js';
import { loadStoryIdf } from '../src/intel/cluster/story-idf.js';
import { parseJsonLinesStrict } from './json-lines.js';
import { canonicalUrl } from '../src/feeds/canonical-url.js';
import { readFeedEntries, withoutFragment } from './topic-corpus.js';
import { inPublishedOrder, sameHourProbe } from './same-hour-probe.js';
import { scriptArgs } from './script-args.js';

const usage = `Usage: npm run eval:stories -- [--split every|dev|test|all] [--set both|real|written] [--show N] [--quiet]
                               [--window HOURS] [--weights JSON] [--reference DOCS]
Clusters data/labeled/stories as live streams and scores the grouping (every: dev, test, then both in one stream).`;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const labelDir = path.join(repoRoot, 'data/labeled/stories');
const realDir = path.resolve(repoRoot, '../shared/feeds/real');

const split = z.enum(['dev', 'test']);
const realLabel = z.object({ file: z.string(), guid: z.string(), story: z.string(), split });
const writtenItem = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  source: z.string(),
  published: z.string(),
  link: z.string().optional(),
  story: z.string(),
  split,
});
const hardNegative = z.object({ a: z.string(), b: z.string(), why: z.string() });

interface LabeledItem {
  id: string;
  title: string;
  summary: string;
  source: string;
  published: string;
  link: string | null;
  story: string;
  split: 'dev' | 'test';
}

function readJsonLines<T>(file: string, schema: z.ZodType<T>): T[] {
  return parseJsonLinesStrict(readFileSync(file, 'utf8'), schema, path.basename(file));
}

async function realItems(): Promise<LabeledItem[]> {
  if (!existsSync(realDir)) {
    process.stderr.write(`eval:stories: ${realDir} not found; evaluating written items only\n`);
    return [];
  }
  const labels = readJsonLines(path.join(labelDir, 'real-items.jsonl'), realLabel);
  const out: LabeledItem[] = [];
  for (const file of [...new Set(labels.map((label) => label.file))]) {
    // Read through the worker's own decode → parse → normalize, so the eval clusters what the worker would.
    const entries = await readFeedEntries(path.join(realDir, file));
    for (const label of labels.filter((entry) => entry.file === file)) {
      const guid = label.guid.trim();
      const item = entries.get(withoutFragment(guid)) ?? entries.get(canonicalUrl(guid) ?? guid);
      if (!item) throw new Error(`${file}: no item with guid ${label.guid}`);
      out.push({
        id: `${file.split('-')[0]}:${label.guid}`,
        title: item.title,
        summary: item.summary,
        source: file.split('-')[0] ?? file,
        published: item.published,
        link: item.link,
        story: label.story,
        split: label.split,
      });
    }
  }
  return out;
}

interface Scores {
  pairwise: { precision: number; recall: number; f1: number };
  bcubed: { precision: number; recall: number; f1: number };
}

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const pairs = (n: number): number => (n * (n - 1)) / 2;

function score(gold: string[], predicted: string[]): Scores {
  const joint = new Map<string, number>();
  const goldSize = new Map<string, number>();
  const predSize = new Map<string, number>();
  gold.forEach((g, i) => {
    const p = predicted[i] ?? '';
    joint.set(`${g}\u0000${p}`, (joint.get(`${g}\u0000${p}`) ?? 0) + 1);
    goldSize.set(g, (goldSize.get(g) ?? 0) + 1);
    predSize.set(p, (predSize.get(p) ?? 0) + 1);
  });
  const truePairs = [...joint.values()].reduce((sum, n) => sum + pairs(n), 0);
  const predPairs = [...predSize.values()].reduce((sum, n) => sum + pairs(n), 0);
  const goldPairs = [...goldSize.values()].reduce((sum, n) => sum + pairs(n), 0);
  const precision = predPairs === 0 ? 1 : truePairs / predPairs;
  const recall = goldPairs === 0 ? 1 : truePairs / goldPairs;
  let bp = 0;
  let br = 0;
  gold.forEach((g, i) => {
    const p = predicted[i] ?? '';
    const both = joint.get(`${g}\u0000${p}`) ?? 0;
    bp += both / (predSize.get(p) ?? 1);
    br += both / (goldSize.get(g) ?? 1);
  });
  bp /= gold.length || 1;
  br /= gold.length || 1;
  return { pairwise: { precision, recall, f1: f1(precision, recall) }, bcubed: { precision: bp, recall: br, f1: f1(bp, br) } };
}

function describe(items: LabeledItem[], predicted: string[], negatives: z.output<typeof hardNegative>[], show: number): string[] {
  const lines: string[] = [];
  const byPred = new Map<string, LabeledItem[]>();
  const byGold = new Map<string, { item: LabeledItem; pred: string }[]>();
  items.forEach((item, i) => {
    const p = predicted[i] ?? '';
    byPred.set(p, [...(byPred.get(p) ?? []), item]);
    byGold.set(item.story, [...(byGold.get(item.story) ?? []), { item, pred: p }]);
  });
  const merges = [...byPred.values()]
    .map((members) => {
      const sizes = new Map<string, number>();
      for (const m of members) sizes.set(m.story, (sizes.get(m.story) ?? 0) + 1);
      return { members, wrong: pairs(members.length) - [...sizes.values()].reduce((s, n) => s + pairs(n), 0) };
    })
    .filter((m) => m.wrong > 0)
    .sort((a, b) => b.wrong - a.wrong);
  lines.push(`worst merges (${merges.length} predicted stories mix gold stories):`);
  for (const merge of merges.slice(0, show)) {
    lines.push(`  ${merge.wrong} wrong pairs:`);
    for (const m of merge.members) lines.push(`    [${m.story}] ${m.source}: ${m.title.slice(0, 90)}`);
  }
  const splits = [...byGold.entries()]
    .map(([story, members]) => {
      const sizes = new Map<string, number>();
      for (const m of members) sizes.set(m.pred, (sizes.get(m.pred) ?? 0) + 1);
      return { story, members, missing: pairs(members.length) - [...sizes.values()].reduce((s, n) => s + pairs(n), 0) };
    })
    .filter((s) => s.missing > 0)
    .sort((a, b) => b.missing - a.missing);
  lines.push(`worst splits (${splits.length} gold stories split):`);
  for (const s of splits.slice(0, show)) {
    lines.push(`  ${s.story}: ${s.missing} missing pairs`);
    for (const m of s.members) lines.push(`    <${m.pred.slice(6, 30)}> ${m.item.source}: ${m.item.title.slice(0, 90)}`);
  }
  const predOf = new Map<string, Set<string>>();
  items.forEach((item, i) => predOf.set(item.story, (predOf.get(item.story) ?? new Set()).add(predicted[i] ?? '')));
  const present = negatives.filter((n) => predOf.has(n.a) && predOf.has(n.b));
  const merged = present.filter((n) => [...(predOf.get(n.a) ?? [])].some((p) => predOf.get(n.b)?.has(p)));
  lines.push(`hard negatives merged: ${merged.length}/${present.length}`);
  for (const n of merged) lines.push(`  ${n.a} + ${n.b} (${n.why})`);
  return lines;
}

async function main(): Promise<void> {
  const values = scriptArgs(
    usage,
    {
      // dev, test, all (both in one stream), or every: the three in turn.
      split: { type: 'string', default: 'every' },
      show: { type: 'string', default: '5' },
      weights: { type: 'string' },
      window: { type: 'string', default: '36' },
      quiet: { type: 'boolean', default: false },
      set: { type: 'string', default: 'both' },
      // Pseudo-documents the reference frequencies count as; 0 clusters on the window's IDF alone.
      reference: { type: 'string' },
    },
    { split: ['every', 'dev', 'test', 'all'], set: ['both', 'real', 'written'] },
  );
  const weights = values.weights ? (JSON.parse(values.weights) as Partial<DecisionWeights>) : {};
  const written = readJsonLines(path.join(labelDir, 'written-items.jsonl'), writtenItem).map(
    (item): LabeledItem => ({ ...item, link: item.link ?? null }),
  );
  const negatives = readJsonLines(path.join(labelDir, 'hard-negatives.jsonl'), hardNegative);
  const everything = [...(values.set === 'written' ? [] : await realItems()), ...(values.set === 'real' ? [] : written)];
  const annotate = await loadClusterAnnotator(path.join(repoRoot, 'config'));
  const storyIdf = await loadStoryIdf();
  if (!storyIdf.ok) process.stderr.write(`eval:stories: warning: ${storyIdf.message}\n`);
  const referenceWeight = values.reference === undefined ? undefined : Number(values.reference);
  const background = storyIdf.ok && referenceWeight !== 0 ? { ...storyIdf.background, ...(referenceWeight === undefined ? {} : { weight: referenceWeight }) } : undefined;
  const clustererOptions = { windowHours: Number(values.window), weights, ...(background ? { background } : {}) };
  /** Story of each item, clustered as one live stream; scored on the final grouping, as `sitrep cluster` outputs it. */
  const clusterStream = (items: readonly LabeledItem[]): string[] => {
    const clusterer = createStoryClusterer(clustererOptions);
    const aliases = new StoryAliases();
    const placed = items.map((item) => {
      const result = clusterer.add({ ...item, feedId: item.source, ...annotate({ title: item.title, summary: item.summary }) });
      aliases.record(result);
      return result.story.id;
    });
    return placed.map((storyId) => aliases.resolve(storyId));
  };
  const runs = values.split === 'every' ? (['dev', 'test', 'all'] as const) : [values.split];
  const summary: Record<string, Scores & { items: number; stories: number }> = {};
  for (const run of runs) {
    const items = inPublishedOrder(everything.filter((item) => run === 'all' || item.split === run));
    const predicted = clusterStream(items);
    const result = score(
      items.map((item) => item.story),
      predicted,
    );
    summary[run] = { ...result, items: items.length, stories: new Set(items.map((item) => item.story)).size };
    const pct = (n: number): string => (100 * n).toFixed(1);
    process.stdout.write(
      `${run}: ${items.length} items, ${summary[run].stories} stories · pairwise P ${pct(result.pairwise.precision)} R ${pct(result.pairwise.recall)} F1 ${pct(result.pairwise.f1)} · B-cubed F1 ${pct(result.bcubed.f1)}\n`,
    );
    if (!values.quiet && (run !== 'all' || runs.length === 1)) {
      for (const line of describe(items, predicted, negatives, Number(values.show))) process.stdout.write(`  ${line}\n`);
    }
  }
  const probe = sameHourProbe(everything, negatives, clusterStream);
  process.stdout.write(`hard negatives moved to start an hour apart: ${probe.merged.length}/${probe.tried} merged\n`);
  if (!values.quiet) for (const n of probe.merged) process.stdout.write(`  ${n.a} + ${n.b} (${n.why})\n`);
  process.stdout.write(JSON.stringify({ eval: 'stories', ...summary, sameHourNegatives: { merged: probe.merged.length, tried: probe.tried } }) + '\n');
}

// `npm run eval:stories | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
await main();
