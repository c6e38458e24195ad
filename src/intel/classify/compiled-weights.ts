import { type AnalyzedText, BREAK } from './text-analyzer.js';
import type { TopicModel } from './topic-model.js';

/** One model feature with its weight per topic (config order). */
export interface WeightedFeature {
  feature: string;
  vector: Float64Array;
  /** Generation stamp: counts a feature once per item without allocating a Set. */
  seen: number;
}

export interface CompiledWeights {
  /** The model features present in an item: the same set extractFeatures() yields, found by id. */
  present(text: AnalyzedText, masked: Uint8Array): WeightedFeature[];
}

/** Keys get small integer ids, so a bigram is a number, not a new string per item. */
const BIGRAM_SHIFT = 2 ** 21;

/**
 * The model's sparse weights, compiled for lookup by key id. Only keys the model knows get an
 * id; any other key cannot be part of a weighted feature, so nothing grows at run time.
 */
export function compileWeights(model: TopicModel, topicIds: readonly string[]): CompiledWeights {
  const keyIds = new Map<string, number>();
  const idOf = (key: string): number => {
    let id = keyIds.get(key);
    if (id === undefined) {
      id = keyIds.size;
      keyIds.set(key, id);
    }
    return id;
  };
  const unigrams: Array<WeightedFeature | undefined> = [];
  const bigrams = new Map<number, WeightedFeature>();
  const byFeature = new Map<string, WeightedFeature>();
  topicIds.forEach((topic, index) => {
    for (const [feature, weight] of Object.entries(model.topics[topic]?.weights ?? {})) {
      let entry = byFeature.get(feature);
      if (!entry) {
        entry = { feature, vector: new Float64Array(topicIds.length), seen: 0 };
        byFeature.set(feature, entry);
        const parts = feature.split(' ');
        if (parts.length === 1) unigrams[idOf(parts[0] ?? '')] = entry;
        else if (parts.length === 2) bigrams.set(idOf(parts[0] ?? '') * BIGRAM_SHIFT + idOf(parts[1] ?? ''), entry);
      }
      entry.vector[index] = weight;
    }
  });
  if (keyIds.size >= BIGRAM_SHIFT) throw new Error(`topic model has too many distinct keys (${keyIds.size})`);

  let generation = 0;
  const present = (text: AnalyzedText, masked: Uint8Array): WeightedFeature[] => {
    generation += 1;
    const out: WeightedFeature[] = [];
    const { keys, stop } = text;
    const NONE = -2;
    let previous = NONE;
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i] ?? BREAK;
      if (key === BREAK) {
        previous = NONE;
        continue;
      }
      if (stop[i] === 1) continue;
      const id = keyIds.get(key) ?? -1;
      if (id >= 0) {
        if (masked[i] !== 1) {
          const unigram = unigrams[id];
          if (unigram && unigram.seen !== generation) {
            unigram.seen = generation;
            out.push(unigram);
          }
        }
        if (previous >= 0) {
          const bigram = bigrams.get(previous * BIGRAM_SHIFT + id);
          if (bigram && bigram.seen !== generation) {
            bigram.seen = generation;
            out.push(bigram);
          }
        }
      }
      previous = id;
    }
    return out;
  };
  return { present };
}
