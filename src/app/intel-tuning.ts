import type { TopicDefinition, TopicsSnapshot } from '../commands/topics-registry.js';
import type { TopicsConfig } from '../intel/classify/topics-config.js';

/** Weight given to a term an admin adds from chat (config terms keep their own weights). */
export const chatTermWeight = 1.5;

/** config/topics.yaml as chat sees it: the seed of the tuning log. */
export function topicDefinitions(config: TopicsConfig): TopicDefinition[] {
  return config.topics.map((topic) => ({
    id: topic.id,
    label: topic.label,
    description: topic.definition,
    terms: Object.keys(topic.terms),
    threshold: topic.threshold,
  }));
}

/** Replays chat tuning over the seed config: thresholds and term lists from the snapshot. */
export function applyTopicSnapshot(config: TopicsConfig, snapshot: TopicsSnapshot): TopicsConfig {
  const tuned = new Map(snapshot.topics.map((topic) => [topic.id, topic] as const));
  return {
    ...config,
    topics: config.topics.map((topic) => {
      const change = tuned.get(topic.id);
      if (!change) return topic;
      const terms: Record<string, number> = {};
      for (const term of change.terms) terms[term] = topic.terms[term] ?? chatTermWeight;
      return { ...topic, threshold: change.threshold, terms };
    }),
  };
}
