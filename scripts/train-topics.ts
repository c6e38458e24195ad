import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createTextAnalyzer } from '../src/intel/classify/text-analyzer.js';
import { defaultTrainOptions, trainTopicModel } from '../src/intel/classify/train-model.js';
import { loadTopicsConfig, TOPICS_FILE } from '../src/intel/classify/topics-config.js';
import { ConfigError } from '../src/settings/config-error.js';
import { repoRoot } from './repo-root.js';
import { scriptArgs } from './script-args.js';
import { loadTopicCorpus } from './topic-corpus.js';

const usage = `Usage: npm run train -- [--config DIR] [--out FILE] [--write-thresholds]\nTrains the topic model on the train split of data/labeled/topics; --write-thresholds also writes the tuned thresholds into topics.yaml.`;

/**
 * `npm run train`: rebuilds data/model/topic-model.json from the TRAIN split of
 * data/labeled/topics. Same corpus + same topics.yaml → byte-identical model.
 * `--write-thresholds` copies the cross-validated thresholds into topics.yaml.
 */
/**
 * Rewrites only the `threshold:` line of each tuned topic, so the admin's comments, order and
 * folding in topics.yaml stay exactly as written.
 */
function withThresholds(text: string, tuned: Record<string, number | undefined>): string {
  const lines = text.split('\n');
  let topic: string | null = null;
  let written = false;
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const id = /^\s*-\s+id:\s*([a-z0-9_]+)\s*$/.exec(line)?.[1];
    if (id !== undefined) {
      topic = id;
      written = false;
      continue;
    }
    const threshold = /^(\s+threshold:\s*)[0-9.]+(.*)$/.exec(line);
    const value = topic === null ? undefined : tuned[topic];
    if (threshold && topic !== null && !written && value !== undefined) {
      lines[i] = `${threshold[1] ?? ''}${value}${threshold[2] ?? ''}`;
      written = true;
      seen.add(topic);
    }
  }
  const missing = Object.entries(tuned).filter(([id, value]) => value !== undefined && !seen.has(id));
  if (missing.length > 0) throw new Error(`topics.yaml has no threshold line for ${missing.map(([id]) => id).join(', ')}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  const root = repoRoot();
  const values = scriptArgs(usage, {
    config: { type: 'string', default: join(root, 'config') },
    out: { type: 'string', default: join(root, 'data/model/topic-model.json') },
    'write-thresholds': { type: 'boolean', default: false },
  });
  const configDir = resolve(values.config);
  const started = Date.now();
  const topics = await loadTopicsConfig(configDir);
  const corpus = await loadTopicCorpus(join(root, 'data/labeled/topics'), resolve(root, '../shared/feeds/real'));
  for (const problem of corpus.problems) process.stderr.write(`warning: ${problem}\n`);
  const known = new Set(topics.topics.map((t) => t.id));
  for (const item of corpus.items) {
    for (const label of item.labels) if (!known.has(label)) process.stderr.write(`warning: ${item.id}: unknown label "${label}"\n`);
  }
  const train = corpus.items.filter((item) => item.split === 'train');
  const { model, report } = trainTopicModel(train, topics, createTextAnalyzer(), defaultTrainOptions);
  await mkdir(dirname(values.out), { recursive: true });
  await writeFile(values.out, `${JSON.stringify(model)}\n`);

  process.stdout.write(`trained on ${report.items} items (${model.corpus.written} written, ${model.corpus.real} real), ${report.features} features\n`);
  for (const row of report.cv) process.stdout.write(`  cv l2=${row.l2}: out-of-fold log-loss ${row.logLoss}\n`);
  process.stdout.write(`  chosen l2=${report.chosenL2}\n`);
  for (const topic of report.topics) {
    const detail = topic.trained ? `out-of-fold F1 ${topic.oofF1.toFixed(3)} at threshold ${topic.threshold}` : 'lexicon only (too few positives)';
    process.stdout.write(`  ${topic.topic.padEnd(14)} ${String(topic.positives).padStart(4)} positives  ${detail}\n`);
  }
  if (values['write-thresholds']) {
    const file = join(configDir, TOPICS_FILE);
    const tuned = Object.fromEntries(topics.topics.map((topic) => [topic.id, model.topics[topic.id]?.suggestedThreshold]));
    await writeFile(file, withThresholds(await readFile(file, 'utf8'), tuned));
    process.stdout.write(`thresholds written to ${file}\n`);
  }
  process.stdout.write(`${JSON.stringify({ event: 'train', items: report.items, features: report.features, l2: report.chosenL2, digest: model.corpus.digest, ms: Date.now() - started, out: values.out })}\n`);
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
