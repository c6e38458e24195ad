import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { createClassifier, type Classifier } from '../../../src/intel/classify/classifier.js';
import { createTextAnalyzer, type TextAnalyzer } from '../../../src/intel/classify/text-analyzer.js';
import { emptyTopicModel, topicModelSchema, type TopicModel } from '../../../src/intel/classify/topic-model.js';
import { type TopicsConfig, topicsConfigSchema } from '../../../src/intel/classify/topics-config.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

let analyzer: TextAnalyzer | null = null;
/** One wink-nlp analyzer for the whole test file: building it is the slow part. */
export function sharedAnalyzer(): TextAnalyzer {
  analyzer ??= createTextAnalyzer();
  return analyzer;
}

export function shippedTopics(): TopicsConfig {
  return topicsConfigSchema.parse(parse(readFileSync(`${repoRoot}config/topics.yaml`, 'utf8')));
}

export function shippedModel(): TopicModel {
  return topicModelSchema.parse(JSON.parse(readFileSync(`${repoRoot}data/model/topic-model.json`, 'utf8')));
}

export function shippedClassifier(): Classifier {
  return createClassifier(shippedTopics(), shippedModel(), { analyzer: sharedAnalyzer() });
}

export function lexiconOnlyClassifier(topics: TopicsConfig = shippedTopics()): Classifier {
  return createClassifier(topics, emptyTopicModel(), { analyzer: sharedAnalyzer() });
}

export const seedStory = {
  title: 'Afghan FM Atmar meets US envoy Wilson, calls for UN sessions on Taliban attacks',
  file: '/work/shared/seed/ani-2021-08-10-afghan-fm-meets-us-envoy.txt',
};
