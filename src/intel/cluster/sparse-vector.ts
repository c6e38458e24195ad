/**
 * Sparse term vectors as sorted id arrays with raw weights; IDF is applied at
 * comparison time so vectors stay valid while the online IDF moves.
 */
export interface SparseVector {
  ids: Int32Array;
  weights: Float32Array;
}

export type IdfLookup = (id: number) => number;

export const emptyVector: SparseVector = { ids: new Int32Array(0), weights: new Float32Array(0) };

/** Builds a vector from (id, weight) pairs; repeated ids are summed. */
export function vectorFrom(pairs: Iterable<readonly [number, number]>): SparseVector {
  const sums = new Map<number, number>();
  for (const [id, weight] of pairs) sums.set(id, (sums.get(id) ?? 0) + weight);
  const ids = Int32Array.from([...sums.keys()].sort((a, b) => a - b));
  const weights = Float32Array.from(ids, (id) => sums.get(id) ?? 0);
  return { ids, weights };
}

/** Element-wise sum, used to grow a story's centroid by one report. */
export function addVectors(a: SparseVector, b: SparseVector): SparseVector {
  const ids: number[] = [];
  const weights: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.ids.length || j < b.ids.length) {
    const ai = i < a.ids.length ? (a.ids[i] ?? Infinity) : Infinity;
    const bj = j < b.ids.length ? (b.ids[j] ?? Infinity) : Infinity;
    if (ai === bj) {
      ids.push(ai);
      weights.push((a.weights[i] ?? 0) + (b.weights[j] ?? 0));
      i += 1;
      j += 1;
    } else if (ai < bj) {
      ids.push(ai);
      weights.push(a.weights[i] ?? 0);
      i += 1;
    } else {
      ids.push(bj);
      weights.push(b.weights[j] ?? 0);
      j += 1;
    }
  }
  return { ids: Int32Array.from(ids), weights: Float32Array.from(weights) };
}

/** Euclidean norm of the IDF-weighted vector. */
export function norm(v: SparseVector, idf: IdfLookup): number {
  let sum = 0;
  for (let i = 0; i < v.ids.length; i += 1) {
    const w = (v.weights[i] ?? 0) * idf(v.ids[i] ?? 0);
    sum += w * w;
  }
  return Math.sqrt(sum);
}

/** Dot product of the IDF-weighted vectors. */
export function dot(a: SparseVector, b: SparseVector, idf: IdfLookup): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const ai = a.ids[i] ?? 0;
    const bj = b.ids[j] ?? 0;
    if (ai === bj) {
      const w = idf(ai);
      sum += (a.weights[i] ?? 0) * (b.weights[j] ?? 0) * w * w;
      i += 1;
      j += 1;
    } else if (ai < bj) i += 1;
    else j += 1;
  }
  return sum;
}

/** Cosine of the IDF-weighted vectors, given precomputed norms. */
export function cosine(a: SparseVector, aNorm: number, b: SparseVector, bNorm: number, idf: IdfLookup): number {
  if (aNorm === 0 || bNorm === 0) return 0;
  return dot(a, b, idf) / (aNorm * bNorm);
}

/** A norm remembered until the IDF epoch changes. */
export interface NormCache {
  epoch: number;
  value: number;
}

export function cachedNorm(v: SparseVector, cache: NormCache, epoch: number, idf: IdfLookup): number {
  if (cache.epoch !== epoch) {
    cache.value = norm(v, idf);
    cache.epoch = epoch;
  }
  return cache.value;
}

/** Keeps the `keep` heaviest entries (by raw weight; ties by id) of a vector. */
export function pruneVector(v: SparseVector, keep: number): SparseVector {
  if (v.ids.length <= keep) return v;
  const order = Array.from(v.ids.keys()).sort((a, b) => (v.weights[b] ?? 0) - (v.weights[a] ?? 0) || (v.ids[a] ?? 0) - (v.ids[b] ?? 0));
  const kept = order.slice(0, keep).sort((a, b) => (v.ids[a] ?? 0) - (v.ids[b] ?? 0));
  return { ids: Int32Array.from(kept, (i) => v.ids[i] ?? 0), weights: Float32Array.from(kept, (i) => v.weights[i] ?? 0) };
}
