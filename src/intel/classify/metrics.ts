export interface TopicMetrics {
  topic: string;
  support: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface MultiLabelMetrics {
  perTopic: TopicMetrics[];
  macroF1: number;
  /** Items whose predicted topic set equals the gold set. */
  exactMatch: number;
}

const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);

export function f1Score(tp: number, fp: number, fn: number): number {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  // A topic with no gold and no predicted items is perfect, not zero.
  if (tp + fp + fn === 0) return 1;
  return ratio(2 * precision * recall, precision + recall);
}

/** Per-topic precision/recall/F1 and macro-F1 over gold and predicted label sets. */
export function multiLabelMetrics(
  topicIds: readonly string[],
  gold: ReadonlyArray<readonly string[]>,
  predicted: ReadonlyArray<readonly string[]>,
): MultiLabelMetrics {
  let exact = 0;
  const counts = new Map(topicIds.map((id) => [id, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  gold.forEach((goldLabels, index) => {
    const predictedLabels = predicted[index] ?? [];
    const goldSet = new Set(goldLabels);
    const predictedSet = new Set(predictedLabels);
    if (goldSet.size === predictedSet.size && [...goldSet].every((label) => predictedSet.has(label))) exact += 1;
    for (const [topic, count] of counts) {
      const g = goldSet.has(topic);
      const p = predictedSet.has(topic);
      if (g) count.support += 1;
      if (g && p) count.tp += 1;
      else if (p) count.fp += 1;
      else if (g) count.fn += 1;
    }
  });
  const perTopic = [...counts].map(([topic, c]) => ({
    topic,
    support: c.support,
    truePositives: c.tp,
    falsePositives: c.fp,
    falseNegatives: c.fn,
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    f1: f1Score(c.tp, c.fp, c.fn),
  }));
  const macroF1 = ratio(perTopic.reduce((sum, m) => sum + m.f1, 0), perTopic.length);
  return { perTopic, macroF1, exactMatch: ratio(exact, gold.length) };
}
