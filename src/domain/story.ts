import type { AnnotatedItem } from './annotations.js';

/** One outlet's report of a story. */
export interface StoryReport {
  itemId: string;
  feedId: string;
  /** Human-readable outlet name (the feed's `source` label, else its id). */
  source: string;
  title: string;
  link: string | null;
  published: string;
}

/** Reports of the same event from one or more outlets, grouped by the clusterer. */
export interface Story {
  id: string;
  firstReport: StoryReport;
  /** The first report and the most recent ones: a story that runs for weeks keeps a bounded list. */
  reports: StoryReport[];
  /** Every report the story ever had; absent in records written before the list was bounded. */
  reportCount?: number;
  topics: string[];
  /** Highest score seen for each topic across the story's reports. */
  scores: Record<string, number>;
  places: string[];
  actors: string[];
  firstSeen: string;
  lastUpdated: string;
}

/** How many reports a story has had, listed or not. */
export function storyReportCount(story: Pick<Story, 'reports' | 'reportCount'>): number {
  return Math.max(story.reportCount ?? 0, story.reports.length, 1);
}

/** Platform-neutral events the pipeline emits; adapters render them. */
export type StoryEvent =
  | { kind: 'story-created'; story: Story; item: AnnotatedItem }
  | {
      kind: 'story-updated';
      story: Story;
      item: AnnotatedItem;
      /** Stories this item showed to be the same event, now merged into `story`. */
      absorbed?: string[];
    };
