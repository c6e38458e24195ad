import type { Story, StoryReport } from '../../domain/story.js';
import type { ClusterInput } from './cluster-types.js';

/** The report line a story keeps for one item. */
export function reportOf(input: ClusterInput): StoryReport {
  return {
    itemId: input.id,
    feedId: input.feedId,
    source: input.source,
    title: input.title,
    link: input.link,
    published: input.published,
  };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  if (b.every((value) => a.includes(value))) return [...a];
  return [...new Set([...a, ...b])];
}

/** A new story whose id derives from its first item, so it is stable across runs and restarts. */
export function newStoryRecord(input: ClusterInput): Story {
  const report = reportOf(input);
  return {
    id: `story-${input.id}`,
    firstReport: report,
    reports: [report],
    topics: [...input.topics],
    scores: { ...input.scores },
    places: [...input.places],
    actors: [...input.actors],
    firstSeen: input.published,
    lastUpdated: input.published,
  };
}

/**
 * The story after one more report: annotations merge (highest score per topic),
 * topics are re-ranked by those scores, and times cover every report.
 */
export function withReport(story: Story, input: ClusterInput): Story {
  const scores: Record<string, number> = { ...story.scores };
  for (const [topic, score] of Object.entries(input.scores)) {
    scores[topic] = Math.max(scores[topic] ?? 0, score);
  }
  const topics = union(story.topics, input.topics).sort(
    (a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a.localeCompare(b),
  );
  const published = input.published;
  return {
    ...story,
    reports: [...story.reports, reportOf(input)],
    topics,
    scores,
    places: union(story.places, input.places),
    actors: union(story.actors, input.actors),
    firstSeen: Date.parse(published) < Date.parse(story.firstSeen) ? published : story.firstSeen,
    lastUpdated: Date.parse(published) > Date.parse(story.lastUpdated) ? published : story.lastUpdated,
  };
}
