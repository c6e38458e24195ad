import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const finite = z.number().refine(Number.isFinite, { message: 'expected a finite number' });

const topicWeightsSchema = z.object({
  bias: finite,
  /** Weight of the (log-compressed) lexicon score from topics.yaml. */
  lexicon: finite,
  /** Sparse feature weights: unigram keys and "a b" bigram keys. */
  weights: z.record(z.string(), finite),
  /** Platt scaling fitted on out-of-fold logits: p = sigmoid(a·z + b). */
  platt: z.object({ a: finite, b: finite }),
  /** Threshold that maximised out-of-fold F1 on the training split (written to topics.yaml). */
  suggestedThreshold: z.number().min(0).max(1),
  positives: z.number().int().min(0),
});

export const topicModelSchema = z.object({
  version: z.literal(1),
  analyzer: z.string(),
  corpus: z.object({ items: z.number().int(), written: z.number().int(), real: z.number().int(), digest: z.string() }),
  hyper: z.object({ l2: finite, l2Lexicon: finite, iterations: z.number().int(), minDocFreq: z.number().int(), folds: z.number().int() }),
  /** Readable surface form of each feature key, for reasons ("negoti" → "negotiations"). */
  display: z.record(z.string(), z.string()),
  topics: z.record(z.string(), topicWeightsSchema),
});

export type TopicModel = z.output<typeof topicModelSchema>;
export type TopicWeights = TopicModel['topics'][string];

/** The analyzer identity the model was trained with; a model for another analyzer is refused. */
export const ANALYZER_ID = 'wink-eng-lite-web-model/lemma+porter/v1';

/** A model with no topics: every topic is scored from its lexicon alone. */
export function emptyTopicModel(): TopicModel {
  return {
    version: 1,
    analyzer: ANALYZER_ID,
    corpus: { items: 0, written: 0, real: 0, digest: '' },
    hyper: { l2: 0, l2Lexicon: 0, iterations: 0, minDocFreq: 0, folds: 0 },
    display: {},
    topics: {},
  };
}

export type LoadModelResult =
  | { ok: true; model: TopicModel }
  | { ok: false; code: 'config/invalid'; message: string };

/** Reads and validates a model file written by `npm run train`. */
export async function loadTopicModel(file: string): Promise<LoadModelResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, code: 'config/invalid', message: `${file}: cannot be read (${(error as Error).message}); run \`npm run train\`` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, code: 'config/invalid', message: `${file}: not valid JSON (${(error as Error).message})` };
  }
  const parsed = topicModelSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, code: 'config/invalid', message: `${file}: not a topic model (${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'})` };
  }
  if (parsed.data.analyzer !== ANALYZER_ID) {
    return { ok: false, code: 'config/invalid', message: `${file}: trained with analyzer "${parsed.data.analyzer}", expected "${ANALYZER_ID}"; run \`npm run train\`` };
  }
  return { ok: true, model: parsed.data };
}
