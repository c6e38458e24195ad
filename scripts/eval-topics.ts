import { join, resolve } from 'node:path';
import { createClassifier } from '../src/intel/classify/classifier.js';
import { multiLabelMetrics } from '../src/intel/classify/metrics.js';
import { emptyTopicModel, loadTopicModel } from '../src/intel/classify/topic-model.js';
import { loadTopicsConfig } from '../src/intel/classify/topics-config.js';
import { ConfigError } from '../src/settings/config-error.js';
import { repoRoot } from './repo-root.js';
import { scriptArgs } from './script-args.js';
import { loadTopicCorpus } from './topic-corpus.js';

const usage = `Usage: npm run eval -- [--split test|train|all] [--origin all|written|real] [--worst N] [--lexicon-only]
                       [--config DIR] [--model FILE]
Scores the topic classifier on data/labeled/topics (default: the test split).`;

interface ErrorCase {
  kind: 'false positive' | 'false negative';
  topic: string;
  score: number;
  id: string;
  title: string;
}

/**
 * `npm run eval`: scores the committed model on the fixed TEST split of data/labeled/topics.
 * Prints per-topic precision/recall/F1, macro-F1, the worst errors, and one JSON summary line.
 */
async function main(): Promise<number> {
  const root = repoRoot();
  const values = scriptArgs(
    usage,
    {
      config: { type: 'string', default: join(root, 'config') },
      model: { type: 'string', default: join(root, 'data/model/topic-model.json') },
      split: { type: 'string', default: 'test' },
      worst: { type: 'string', default: '12' },
      'lexicon-only': { type: 'boolean', default: false },
      origin: { type: 'string', default: 'all' },
    },
    { split: ['train', 'test', 'all'], origin: ['all', 'written', 'real'] },
  );
  const topics = await loadTopicsConfig(resolve(values.config));
  const loaded = await loadTopicModel(resolve(values.model));
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    return 2;
  }
  const corpus = await loadTopicCorpus(join(root, 'data/labeled/topics'), resolve(root, '../shared/feeds/real'));
  for (const problem of corpus.problems) process.stderr.write(`warning: ${problem}\n`);
  const items = corpus.items.filter(
    (item) => (values.split === 'all' || item.split === values.split) && (values.origin === 'all' || item.origin === values.origin),
  );
  // --lexicon-only shows what topics.yaml alone achieves: the part that carries the definitions.
  const classifier = createClassifier(topics, values['lexicon-only'] ? emptyTopicModel() : loaded.model);
  const gold: string[][] = [];
  const predicted: string[][] = [];
  const errors: ErrorCase[] = [];
  for (const item of items) {
    const result = classifier.classify(item);
    gold.push(item.labels);
    predicted.push(result.topics);
    for (const topic of classifier.topicIds) {
      const g = item.labels.includes(topic);
      const p = result.topics.includes(topic);
      if (g === p) continue;
      errors.push({ kind: p ? 'false positive' : 'false negative', topic, score: result.scores[topic] ?? 0, id: item.id, title: item.title });
    }
  }
  const metrics = multiLabelMetrics(classifier.topicIds, gold, predicted);
  const out = process.stdout;
  out.write(`split "${values.split}": ${items.length} items (${items.filter((i) => i.origin === 'written').length} written, ${items.filter((i) => i.origin === 'real').length} real)\n\n`);
  out.write(`${'topic'.padEnd(14)} ${'support'.padStart(7)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   TP  FP  FN\n`);
  for (const m of metrics.perTopic) {
    out.write(`${m.topic.padEnd(14)} ${String(m.support).padStart(7)} ${m.precision.toFixed(3).padStart(6)} ${m.recall.toFixed(3).padStart(6)} ${m.f1.toFixed(3).padStart(6)}  ${String(m.truePositives).padStart(3)} ${String(m.falsePositives).padStart(3)} ${String(m.falseNegatives).padStart(3)}\n`);
  }
  out.write(`\nmacro-F1 ${metrics.macroF1.toFixed(3)}   exact-match ${metrics.exactMatch.toFixed(3)}\n`);
  // Worst = most confident mistakes: high-scoring false positives, low-scoring false negatives.
  const severity = (e: ErrorCase): number => (e.kind === 'false positive' ? e.score : 1 - e.score);
  const worst = [...errors].sort((a, b) => severity(b) - severity(a) || a.id.localeCompare(b.id)).slice(0, Number(values.worst));
  if (worst.length > 0) out.write(`\nworst errors (${errors.length} in all):\n`);
  for (const e of worst) {
    out.write(`  ${e.kind === 'false positive' ? 'FP' : 'FN'} ${e.topic.padEnd(13)} ${e.score.toFixed(2)}  ${e.title.slice(0, 90)}  [${e.id.slice(0, 60)}]\n`);
  }
  const confusion: Record<string, { fp: number; fn: number }> = {};
  for (const e of errors) {
    const c = (confusion[e.topic] ??= { fp: 0, fn: 0 });
    if (e.kind === 'false positive') c.fp += 1;
    else c.fn += 1;
  }
  const summary = {
    event: 'eval',
    split: values.split,
    items: items.length,
    macroF1: Number(metrics.macroF1.toFixed(4)),
    exactMatch: Number(metrics.exactMatch.toFixed(4)),
    perTopic: Object.fromEntries(metrics.perTopic.map((m) => [m.topic, { p: Number(m.precision.toFixed(4)), r: Number(m.recall.toFixed(4)), f1: Number(m.f1.toFixed(4)), support: m.support }])),
    errors: confusion,
  };
  out.write(`\n${JSON.stringify(summary)}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
