import { describe, expect, it } from 'vitest';
import { applyPlatt, fitPlatt } from '../../../src/intel/classify/calibration.js';
import { createClassifier } from '../../../src/intel/classify/classifier.js';
import { type SparseRow, rowLogit, trainLogistic } from '../../../src/intel/classify/logistic-regression.js';
import { multiLabelMetrics } from '../../../src/intel/classify/metrics.js';
import { defaultTrainOptions, foldOf, type LabeledItem, trainTopicModel } from '../../../src/intel/classify/train-model.js';
import { topicModelSchema } from '../../../src/intel/classify/topic-model.js';
import { sharedAnalyzer, shippedTopics } from './classify-helpers.js';

const fastOptions = { ...defaultTrainOptions, l2Grid: [1, 4], iterations: 80, folds: 3, minPositives: 3, maxDocShare: 1 };

/** A small corpus we wrote: enough for the model to learn words the lexicon does not know. */
function corpus(): LabeledItem[] {
  const items: LabeledItem[] = [];
  const make = (id: string, title: string, labels: string[]): void => {
    items.push({ id, title, summary: '', sourceTags: [], labels, origin: 'written' });
  };
  const places = ['Ruritania', 'Freedonia', 'Sylvania', 'Latveria', 'Genovia', 'Elbonia', 'Zubrowka', 'Osterlich'];
  places.forEach((place, i) => {
    make(`s${i}`, `Zorgblatt brigades overrun positions near ${place}`, ['security']);
    make(`e${i}`, `${place} currency slides as bond yields climb`, ['economy']);
    make(`n${i}`, `${place} bakery wins regional pastry award`, []);
  });
  return items;
}

describe('topic model training', () => {
  it('training twice on the same corpus gives byte-identical models (deterministic, no random state)', () => {
    const topics = shippedTopics();
    const first = trainTopicModel(corpus(), topics, sharedAnalyzer(), fastOptions);
    const second = trainTopicModel(corpus(), topics, sharedAnalyzer(), fastOptions);
    expect(JSON.stringify(second.model)).toBe(JSON.stringify(first.model));
    expect(topicModelSchema.safeParse(first.model).success).toBe(true);
  });

  it('the model learns a word the lexicon lacks ("zorgblatt") and a topic without positives stays lexicon-only', () => {
    const topics = shippedTopics();
    const { model, report } = trainTopicModel(corpus(), topics, sharedAnalyzer(), fastOptions);
    expect(model.topics.security?.weights.zorgblatt ?? 0).toBeGreaterThan(0);
    expect(model.topics.humanitarian).toBeUndefined();
    expect(report.topics.find((t) => t.topic === 'humanitarian')?.trained).toBe(false);
    const classifier = createClassifier(topics, model, { analyzer: sharedAnalyzer() });
    const withWord = classifier.classify({ title: 'Zorgblatt brigades seen near the river', summary: '' });
    const without = classifier.classify({ title: 'Brigades seen near the river', summary: '' });
    expect(withWord.scores.security).toBeGreaterThan(without.scores.security ?? 1);
  });

  it('fold assignment does not change when other items are added', () => {
    expect(foldOf('w0001', 5)).toBe(foldOf('w0001', 5));
    const before = ['a', 'b', 'c'].map((id) => foldOf(id, 5));
    const after = ['a', 'b', 'c', 'd'].map((id) => foldOf(id, 5)).slice(0, 3);
    expect(after).toEqual(before);
  });
});

describe('logistic regression and calibration', () => {
  it('separable data gets a positive weight on the signal feature and a calibrated probability', () => {
    const rows: SparseRow[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      rows.push({ features: Int32Array.from(i % 2 === 0 ? [0] : [1]), scale: 1, lex: 0 });
      labels.push(i % 2 === 0 ? 1 : 0);
    }
    const model = trainLogistic(rows, Uint8Array.from(labels), 2, { l2: 1, l2Lexicon: 0.1, iterations: 200 });
    expect(model.weights[0]).toBeGreaterThan(0);
    expect(model.weights[1]).toBeLessThan(0);
    const logits = rows.map((row) => rowLogit(model, row));
    const platt = fitPlatt(logits, labels);
    expect(applyPlatt(platt, rowLogit(model, rows[0] as SparseRow))).toBeGreaterThan(0.9);
    expect(applyPlatt(platt, rowLogit(model, rows[1] as SparseRow))).toBeLessThan(0.1);
  });

  it('Platt scaling with only one class present falls back to the identity', () => {
    expect(fitPlatt([1, 2, 3], [1, 1, 1])).toEqual({ a: 1, b: 0 });
  });
});

describe('multi-label metrics', () => {
  it('counts per-topic TP/FP/FN and treats a topic absent from gold and predictions as perfect', () => {
    const metrics = multiLabelMetrics(['a', 'b', 'c'], [['a'], ['a', 'b'], []], [['a'], ['a'], ['b']]);
    const a = metrics.perTopic.find((m) => m.topic === 'a');
    const b = metrics.perTopic.find((m) => m.topic === 'b');
    expect(a).toMatchObject({ truePositives: 2, falsePositives: 0, falseNegatives: 0, f1: 1 });
    expect(b).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 1, f1: 0 });
    expect(metrics.perTopic.find((m) => m.topic === 'c')?.f1).toBe(1);
    expect(metrics.macroF1).toBeCloseTo(2 / 3, 5);
    expect(metrics.exactMatch).toBeCloseTo(1 / 3, 5);
  });
});

describe('fast classification path', () => {
  it('the id-based feature lookup finds exactly the model features the training path extracts (else train and serve disagree)', async () => {
    const { compileWeights } = await import('../../../src/intel/classify/compiled-weights.js');
    const { extractFeatures } = await import('../../../src/intel/classify/features.js');
    const { compileLexicon } = await import('../../../src/intel/classify/lexicon.js');
    const { itemEvidence } = await import('../../../src/intel/classify/item-evidence.js');
    const topics = shippedTopics();
    const { model } = trainTopicModel(corpus(), topics, sharedAnalyzer(), fastOptions);
    const compiled = compileWeights(model, topics.topics.map((t) => t.id));
    const lexicon = compileLexicon(topics, sharedAnalyzer());
    const known = new Set(Object.values(model.topics).flatMap((t) => Object.keys(t.weights)));
    for (const title of ['Zorgblatt brigades overrun positions near Genovia', 'Job security: Elbonia currency slides, bond yields climb — "zorgblatt" bakery']) {
      const evidence = itemEvidence({ title, summary: 'Zorgblatt currency brigades.' }, sharedAnalyzer(), lexicon);
      const expected = extractFeatures(evidence.text, evidence.lexicon.masked).filter((f) => known.has(f)).sort();
      const found = compiled.present(evidence.text, evidence.lexicon.masked).map((f) => f.feature).sort();
      expect(found).toEqual(expected);
      expect(found.length).toBeGreaterThan(0);
    }
  });
});
