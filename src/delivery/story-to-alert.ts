import type { Alert } from '../domain/alert.js';
import type { AnnotatedItem } from '../domain/annotations.js';
import { storyReportCount, type Story } from '../domain/story.js';

/** Topic id → human label; unknown ids show as themselves. */
export type TopicLabeler = (topicId: string) => string;

/**
 * The platform-neutral alert for a story as of its latest item. The headline is the
 * first report's (the message people saw first); the summary is the freshest one.
 */
export function storyToAlert(story: Story, item: AnnotatedItem, label: TopicLabeler, topicIds?: readonly string[]): Alert {
  const first = story.firstReport;
  const ids = (topicIds && topicIds.length > 0 ? [...topicIds] : [...story.topics]).sort(
    (a, b) => (story.scores[b] ?? 0) - (story.scores[a] ?? 0),
  );
  const others = story.reports
    .filter((report) => report.itemId !== first.itemId)
    .sort((a, b) => a.published.localeCompare(b.published));
  const seenSources = new Set([first.source]);
  const alsoReportedBy = others
    .filter((report) => {
      if (seenSources.has(report.source)) return false;
      seenSources.add(report.source);
      return true;
    })
    .map((report) => ({ source: report.source, title: report.title, link: report.link }));
  return {
    storyId: story.id,
    title: first.title,
    link: first.link,
    summary: item.intel.summary || item.summary,
    source: first.source,
    published: first.published,
    topics: ids.map((id) => ({ id, label: label(id), score: story.scores[id] ?? 0 })),
    places: [...story.places],
    actors: [...story.actors],
    alsoReportedBy,
    reportCount: storyReportCount(story),
  };
}
