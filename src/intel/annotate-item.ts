import { join } from 'node:path';
import type { Annotations } from '../domain/annotations.js';
import { ConfigError } from '../settings/config-error.js';
import { configDirWith, packageRoot } from '../settings/load-config.js';
import { loadActorsConfig } from './actors/load-actors-config.js';
import { createActorTagger } from './actors/create-actor-tagger.js';
import type { ActorsConfig } from './actors/actors-schema.js';
import { type Classifier, createClassifier } from './classify/classifier.js';
import { emptyTopicModel, loadTopicModel, type TopicModel } from './classify/topic-model.js';
import { loadTopicsConfig, type TopicsConfig } from './classify/topics-config.js';
import { createPlaceTagger } from './places/create-place-tagger.js';
import { loadPlacesConfig } from './places/load-places-config.js';
import type { PlacesConfig } from './places/places-schema.js';
import { summarize } from './summarize/summarize.js';

export interface AnnotatorConfig {
  topics: TopicsConfig;
  model: TopicModel;
  places: PlacesConfig;
  actors: ActorsConfig;
  summaryMaxChars: number;
}

export interface AnnotatorInput {
  title: string;
  summary: string;
  sourceTags?: string[];
}

export type Annotator = (item: AnnotatorInput) => Annotations;

/**
 * Topics, places, actors and summary for one item: pure, synchronous, no I/O, so the worker,
 * the CLI and the tests run the very same code. Build it once; it compiles every lexicon.
 */
export function createAnnotator(config: AnnotatorConfig, deps: { classifier?: Classifier } = {}): Annotator {
  const classifier = deps.classifier ?? createClassifier(config.topics, config.model);
  const tagPlaces = createPlaceTagger(config.places);
  const tagActors = createActorTagger(config.actors);
  const maxChars = config.summaryMaxChars;
  return (item) => {
    const result = classifier.classify(item);
    const text = item.summary ? `${item.title}\n${item.summary}` : item.title;
    return {
      topics: result.topics,
      scores: result.scores,
      reasons: result.reasons,
      places: tagPlaces(text),
      actors: tagActors(text),
      summary: summarize({ title: item.title, text: item.summary || item.title }, { maxChars }),
    };
  };
}

export interface LoadedIntel {
  topics: TopicsConfig;
  model: TopicModel;
  /** Why the trained model could not be used (topics then run on their lexicons), or null. */
  modelProblem: string | null;
  places: PlacesConfig;
  actors: ActorsConfig;
}

/** The model shipped with the package (built by `npm run train`). */
export function defaultModelFile(): string {
  return join(packageRoot(), 'data/model/topic-model.json');
}

/**
 * Loads topics.yaml, places.yaml and actors.yaml from `configDir` (each throws ConfigError
 * listing every problem) and the topic model. A missing or stale model is not fatal: the
 * problem is returned so the caller can warn, and every topic is scored from its lexicon.
 */
export async function loadIntel(configDir: string, options: { modelFile?: string } = {}): Promise<LoadedIntel> {
  const [topics, places, actors] = await Promise.allSettled([
    loadTopicsConfig(configDirWith(configDir, 'topics.yaml')),
    loadPlacesConfig(configDirWith(configDir, 'places.yaml')),
    loadActorsConfig(configDirWith(configDir, 'actors.yaml')),
  ]);
  if (topics.status === 'fulfilled' && places.status === 'fulfilled' && actors.status === 'fulfilled') {
    return finish(topics.value, places.value, actors.value, await loadTopicModel(options.modelFile ?? defaultModelFile()));
  }
  // Report the problems of all three files at once, not one file per run.
  const failures = [topics, places, actors].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  const other = failures.find((error) => !(error instanceof ConfigError));
  if (other !== undefined) throw other;
  throw new ConfigError(failures.flatMap((error) => (error as ConfigError).problems));
}

function finish(
  topics: TopicsConfig,
  places: PlacesConfig,
  actors: ActorsConfig,
  loaded: Awaited<ReturnType<typeof loadTopicModel>>,
): LoadedIntel {
  return loaded.ok
    ? { topics, model: loaded.model, modelProblem: null, places, actors }
    : { topics, model: emptyTopicModel(), modelProblem: loaded.message, places, actors };
}
