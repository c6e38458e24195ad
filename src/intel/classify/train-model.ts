import { createHash } from 'node:crypto';
import { applyPlatt, fitPlatt } from './calibration.js';
import { lexiconFeature, sigmoid, wordScale } from './features.js';
import { type ItemEvidence, itemEvidence } from './item-evidence.js';
import { compileLexicon } from './lexicon.js';
import { type LogisticWeights, rowLogit, type SparseRow, trainLogistic } from './logistic-regression.js';
import { f1Score } from './metrics.js';
import { BREAK, type TextAnalyzer } from './text-analyzer.js';
import { ANALYZER_ID, type TopicModel } from './topic-model.js';
import type { TopicsConfig } from './topics-config.js';

export interface LabeledItem {
  id: string;
  title: string;
  summary: string;
  sourceTags: string[];
  labels: string[];
  origin: 'written' | 'real';
}

export interface TrainOptions {
  l2Grid: readonly number[];
  l2Lexicon: number;
  iterations: number;
  folds: number;
  minDocFreq: number;
  /** Features in more than this share of items ("said", "year") carry style, not topic: dropped. */
  maxDocShare: number;
  /** Candidate thresholds for the out-of-fold F1 search. */
  thresholdGrid: readonly number[];
  /** Topics with fewer positives than this stay lexicon-only. */
  minPositives: number;
}

export const defaultTrainOptions: TrainOptions = {
  l2Grid: [0.05, 0.1, 0.25],
  l2Lexicon: 0.1,
  iterations: 200,
  folds: 5,
  minDocFreq: 2,
  maxDocShare: 0.1,
  thresholdGrid: [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7],
  minPositives: 5,
};

export interface TrainReport {
  items: number;
  features: number;
  cv: Array<{ l2: number; logLoss: number }>;
  chosenL2: number;
  topics: Array<{ topic: string; positives: number; trained: boolean; threshold: number; oofF1: number }>;
}

/** Deterministic fold of an item: FNV-1a of its id, so adding items never reshuffles the others. */
export function foldOf(id: string, folds: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % folds;
}

const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

export function trainTopicModel(
  items: readonly LabeledItem[],
  topics: TopicsConfig,
  analyzer: TextAnalyzer,
  options: TrainOptions = defaultTrainOptions,
): { model: TopicModel; report: TrainReport } {
  const lexicon = compileLexicon(topics, analyzer);
  const evidence: ItemEvidence[] = items.map((item) => itemEvidence(item, analyzer, lexicon, { surfaces: true }));

  const docFreq = new Map<string, number>();
  for (const entry of evidence) for (const feature of entry.features) docFreq.set(feature, (docFreq.get(feature) ?? 0) + 1);
  const maxDocFreq = Math.max(options.minDocFreq, Math.floor(options.maxDocShare * items.length));
  const vocabulary = [...docFreq]
    .filter(([, df]) => df >= options.minDocFreq && df <= maxDocFreq)
    .map(([feature]) => feature)
    .sort();
  const featureIndex = new Map(vocabulary.map((feature, index) => [feature, index]));
  const featureRows = evidence.map((entry) =>
    Int32Array.from(entry.features.map((f) => featureIndex.get(f) ?? -1).filter((i) => i >= 0).sort((a, b) => a - b)),
  );
  const folds = items.map((item) => foldOf(item.id, options.folds));
  const scales = evidence.map((entry) => wordScale(entry.text));

  const topicData = topics.topics.map((topic, topicIdx) => {
    const labels = Uint8Array.from(items.map((item) => (item.labels.includes(topic.id) ? 1 : 0)));
    const rows: SparseRow[] = evidence.map((entry, i) => ({
      features: featureRows[i] ?? new Int32Array(0),
      scale: scales[i] ?? 1,
      lex: lexiconFeature(entry.lexicon.scores[topicIdx] ?? 0),
    }));
    const positives = labels.reduce((sum, y) => sum + y, 0);
    return { topic, labels, rows, positives, trained: positives >= options.minPositives && positives < items.length };
  });

  const outOfFold = (l2: number, data: (typeof topicData)[number]): number[] => {
    const logits = new Array<number>(items.length).fill(0);
    for (let fold = 0; fold < options.folds; fold += 1) {
      const trainIdx = items.map((_, i) => i).filter((i) => folds[i] !== fold);
      const model = trainLogistic(
        trainIdx.map((i) => data.rows[i] as SparseRow),
        Uint8Array.from(trainIdx.map((i) => data.labels[i] ?? 0)),
        vocabulary.length,
        { l2, l2Lexicon: options.l2Lexicon, iterations: options.iterations },
      );
      items.forEach((_, i) => {
        if (folds[i] === fold) logits[i] = rowLogit(model, data.rows[i] as SparseRow);
      });
    }
    return logits;
  };

  const cv: TrainReport['cv'] = [];
  const oofByL2 = new Map<number, number[][]>();
  for (const l2 of options.l2Grid) {
    let loss = 0;
    const perTopic = topicData.map((data) => {
      if (!data.trained) return [];
      const logits = outOfFold(l2, data);
      logits.forEach((z, i) => {
        const p = Math.min(1 - 1e-9, Math.max(1e-9, sigmoid(z)));
        loss -= data.labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
      });
      return logits;
    });
    oofByL2.set(l2, perTopic);
    cv.push({ l2, logLoss: round4(loss / Math.max(1, items.length)) });
  }
  const best = [...cv].sort((a, b) => a.logLoss - b.logLoss || a.l2 - b.l2)[0];
  const chosenL2 = best?.l2 ?? options.l2Grid[0] ?? 1;
  const chosenOof = oofByL2.get(chosenL2) ?? [];

  const display = displayForms(evidence);
  const modelTopics: TopicModel['topics'] = {};
  const reportTopics: TrainReport['topics'] = [];
  topicData.forEach((data, topicIdx) => {
    if (!data.trained) {
      reportTopics.push({ topic: data.topic.id, positives: data.positives, trained: false, threshold: data.topic.threshold, oofF1: 0 });
      return;
    }
    const oof = chosenOof[topicIdx] ?? [];
    const platt = fitPlatt(oof, data.labels);
    const { threshold, f1 } = bestThreshold(oof.map((z) => applyPlatt(platt, z)), data.labels, options.thresholdGrid);
    const fitted: LogisticWeights = trainLogistic(data.rows, data.labels, vocabulary.length, {
      l2: chosenL2,
      l2Lexicon: options.l2Lexicon,
      iterations: options.iterations,
    });
    const weights: Record<string, number> = {};
    vocabulary.forEach((feature, index) => {
      const weight = round4(fitted.weights[index] ?? 0);
      if (Math.abs(weight) >= 0.005) weights[feature] = weight;
    });
    modelTopics[data.topic.id] = {
      bias: round4(fitted.bias),
      lexicon: round4(fitted.lexicon),
      weights,
      platt: { a: round4(platt.a), b: round4(platt.b) },
      suggestedThreshold: threshold,
      positives: data.positives,
    };
    reportTopics.push({ topic: data.topic.id, positives: data.positives, trained: true, threshold, oofF1: round4(f1) });
  });

  const used = new Set(Object.values(modelTopics).flatMap((t) => Object.keys(t.weights)));
  const usedDisplay: Record<string, string> = {};
  for (const feature of [...used].sort()) {
    const shown = feature.split(' ').map((key) => display.get(key) ?? key).join(' ');
    if (shown !== feature) usedDisplay[feature] = shown;
  }
  const digest = createHash('sha256')
    .update(items.map((item) => `${item.id}\t${[...item.labels].sort().join(',')}`).sort().join('\n'))
    .digest('hex')
    .slice(0, 16);
  const model: TopicModel = {
    version: 1,
    analyzer: ANALYZER_ID,
    corpus: {
      items: items.length,
      written: items.filter((item) => item.origin === 'written').length,
      real: items.filter((item) => item.origin === 'real').length,
      digest,
    },
    hyper: { l2: chosenL2, l2Lexicon: options.l2Lexicon, iterations: options.iterations, minDocFreq: options.minDocFreq, folds: options.folds },
    display: usedDisplay,
    topics: modelTopics,
  };
  return { model, report: { items: items.length, features: vocabulary.length, cv, chosenL2, topics: reportTopics } };
}

function bestThreshold(probabilities: readonly number[], labels: Uint8Array, grid: readonly number[]): { threshold: number; f1: number } {
  let best = { threshold: 0.5, f1: -1 };
  for (const threshold of grid) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    probabilities.forEach((p, i) => {
      const predicted = p >= threshold;
      const gold = labels[i] === 1;
      if (predicted && gold) tp += 1;
      else if (predicted) fp += 1;
      else if (gold) fn += 1;
    });
    const f1 = f1Score(tp, fp, fn);
    const closer = Math.abs(threshold - 0.5) < Math.abs(best.threshold - 0.5);
    if (f1 > best.f1 + 1e-9 || (Math.abs(f1 - best.f1) <= 1e-9 && closer)) best = { threshold, f1 };
  }
  return best;
}

/** The most frequent surface form of each key (ties: alphabetical), for readable reasons. */
function displayForms(evidence: readonly ItemEvidence[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const entry of evidence) {
    const { keys, surfaces } = entry.text;
    keys.forEach((key, i) => {
      if (key === BREAK || !surfaces) return;
      const surface = surfaces[i] ?? key;
      const forms = counts.get(key) ?? new Map<string, number>();
      forms.set(surface, (forms.get(surface) ?? 0) + 1);
      counts.set(key, forms);
    });
  }
  const out = new Map<string, string>();
  for (const [key, forms] of counts) {
    const [first] = [...forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (first) out.set(key, first[0]);
  }
  return out;
}
