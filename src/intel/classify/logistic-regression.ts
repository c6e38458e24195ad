import { sigmoid } from './features.js';

/** One training row for one topic: indices of the present (binary) features and the lexicon feature. */
export interface SparseRow {
  features: Int32Array;
  /** Value of every present feature in this row (see wordScale). */
  scale: number;
  lex: number;
}

export interface LogisticOptions {
  /** L2 penalty on feature weights, in units of summed log-loss. */
  l2: number;
  /** L2 penalty on the lexicon weight: small, the lexicon is trusted by design. */
  l2Lexicon: number;
  iterations: number;
  learningRate?: number;
}

export interface LogisticWeights {
  bias: number;
  lexicon: number;
  weights: Float64Array;
}

export function rowLogit(model: LogisticWeights, row: SparseRow): number {
  let sum = 0;
  for (const index of row.features) sum += model.weights[index] ?? 0;
  return model.bias + model.lexicon * row.lex + row.scale * sum;
}

/**
 * Binary logistic regression with L2, fitted by full-batch Adam: deterministic (no sampling),
 * and a few hundred passes over a few thousand sparse rows take milliseconds.
 */
export function trainLogistic(
  rows: readonly SparseRow[],
  labels: Uint8Array,
  dims: number,
  options: LogisticOptions,
): LogisticWeights {
  const n = rows.length;
  const positives = labels.reduce((sum, y) => sum + y, 0);
  const prior = (positives + 0.5) / (n + 1);
  const model: LogisticWeights = { bias: Math.log(prior / (1 - prior)), lexicon: 1, weights: new Float64Array(dims) };
  if (n === 0) return model;
  const lr = options.learningRate ?? 0.1;
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  // Parameter layout for the optimiser state: [bias, lexicon, ...weights].
  const size = dims + 2;
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const grad = new Float64Array(size);
  for (let step = 1; step <= options.iterations; step += 1) {
    grad.fill(0);
    for (let i = 0; i < n; i += 1) {
      const row = rows[i];
      if (!row) continue;
      const error = sigmoid(rowLogit(model, row)) - (labels[i] ?? 0);
      grad[0] = (grad[0] ?? 0) + error;
      grad[1] = (grad[1] ?? 0) + error * row.lex;
      const g = error * row.scale;
      for (const index of row.features) grad[index + 2] = (grad[index + 2] ?? 0) + g;
    }
    grad[1] = (grad[1] ?? 0) + options.l2Lexicon * model.lexicon;
    for (let j = 0; j < dims; j += 1) grad[j + 2] = (grad[j + 2] ?? 0) + options.l2 * (model.weights[j] ?? 0);
    const correction1 = 1 - beta1 ** step;
    const correction2 = 1 - beta2 ** step;
    for (let k = 0; k < size; k += 1) {
      const g = (grad[k] ?? 0) / n;
      const mk = beta1 * (m[k] ?? 0) + (1 - beta1) * g;
      const vk = beta2 * (v[k] ?? 0) + (1 - beta2) * g * g;
      m[k] = mk;
      v[k] = vk;
      const delta = (lr * (mk / correction1)) / (Math.sqrt(vk / correction2) + eps);
      if (k === 0) model.bias -= delta;
      else if (k === 1) model.lexicon -= delta;
      else model.weights[k - 2] = (model.weights[k - 2] ?? 0) - delta;
    }
  }
  return model;
}
