import { sigmoid } from './features.js';

export interface Platt {
  a: number;
  b: number;
}

/**
 * Platt scaling: fits p = sigmoid(a·z + b) to out-of-fold logits by Newton's method, with
 * Platt's smoothed targets so a perfectly separated fold does not push a to infinity.
 */
export function fitPlatt(logits: readonly number[], labels: ArrayLike<number>): Platt {
  const n = logits.length;
  let positives = 0;
  for (let i = 0; i < n; i += 1) positives += labels[i] ?? 0;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return { a: 1, b: 0 };
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 100; iteration += 1) {
    let gA = 0;
    let gB = 0;
    let hAA = 1e-6;
    let hAB = 0;
    let hBB = 1e-6;
    for (let i = 0; i < n; i += 1) {
      const z = logits[i] ?? 0;
      const target = (labels[i] ?? 0) === 1 ? hi : lo;
      const p = sigmoid(a * z + b);
      const d = p - target;
      const w = p * (1 - p);
      gA += d * z;
      gB += d;
      hAA += w * z * z;
      hAB += w * z;
      hBB += w;
    }
    const det = hAA * hBB - hAB * hAB;
    if (Math.abs(det) < 1e-12) break;
    const stepA = (hBB * gA - hAB * gB) / det;
    const stepB = (hAA * gB - hAB * gA) / det;
    a -= stepA;
    b -= stepB;
    if (Math.abs(stepA) + Math.abs(stepB) < 1e-9) break;
  }
  return { a, b };
}

export function applyPlatt(platt: Platt, logit: number): number {
  return sigmoid(platt.a * logit + platt.b);
}
