import { storyReportCount, type Story, type StoryReport } from '../../domain/story.js';
import type { ClusterInput } from './cluster-types.js';

/**
 * Reports a story lists: the first and the most recent. A story that never goes quiet
 * (a war, a live blog) would otherwise grow its record, its evidence and every copy
 * of both without end; `reportCount` still counts them all.
 */
export const maxListedReports = 100;

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
    reportCount: 1,
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
  const reports = [...story.reports, reportOf(input)];
  // The oldest report after the first leaves the list (the clusterer drops its evidence alike).
  if (reports.length > maxListedReports) reports.splice(1, 1);
  return {
    ...story,
    reports,
    reportCount: storyReportCount(story) + 1,
    topics,
    scores,
    places: union(story.places, input.places),
    actors: union(story.actors, input.actors),
    firstSeen: Date.parse(published) < Date.parse(story.firstSeen) ? published : story.firstSeen,
    lastUpdated: Date.parse(published) > Date.parse(story.lastUpdated) ? published : story.lastUpdated,
  };
}
