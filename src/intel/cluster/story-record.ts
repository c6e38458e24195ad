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

/**
 * One story out of two that turned out to be the same: `into` keeps its id and first
 * report (its alert is the one that grows), the reports of both are listed in time
 * order after that first one, and annotations, counts and times combine.
 */
export function mergedStoryRecord(into: Story, from: Story): Story {
  const scores: Record<string, number> = { ...into.scores };
  for (const [topic, score] of Object.entries(from.scores)) scores[topic] = Math.max(scores[topic] ?? 0, score);
  const topics = union(into.topics, from.topics).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a.localeCompare(b));
  const earlier = (a: string, b: string): string => (Date.parse(b) < Date.parse(a) ? b : a);
  const later = (a: string, b: string): string => (Date.parse(b) > Date.parse(a) ? b : a);
  return {
    ...into,
    reports: mergedReportOrder(into.reports, from.reports).map((at) => at.value),
    reportCount: storyReportCount(into) + storyReportCount(from),
    topics,
    scores,
    places: union(into.places, from.places),
    actors: union(into.actors, from.actors),
    firstSeen: earlier(into.firstSeen, from.firstSeen),
    lastUpdated: later(into.lastUpdated, from.lastUpdated),
  };
}

/**
 * The order of a merged report list: the first of `into` stays first, the rest follow by
 * publication time, and only the first and the most recent `maxListedReports - 1` stay.
 * Positions say where each came from, so the clusterer can order its evidence alike.
 */
export function mergedReportOrder<T extends { published: string }>(
  into: readonly T[],
  from: readonly T[],
): { value: T; from: boolean; index: number }[] {
  const [first, ...rest] = into.map((value, index) => ({ value, from: false, index }));
  const others = [...rest, ...from.map((value, index) => ({ value, from: true, index }))].sort(
    (a, b) => Date.parse(a.value.published) - Date.parse(b.value.published) || Number(a.from) - Number(b.from) || a.index - b.index,
  );
  const kept = others.slice(Math.max(0, others.length - (maxListedReports - 1)));
  return first ? [first, ...kept] : kept;
}
