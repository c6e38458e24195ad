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
  reports: StoryReport[];
  topics: string[];
  /** Highest score seen for each topic across the story's reports. */
  scores: Record<string, number>;
  places: string[];
  actors: string[];
  firstSeen: string;
  lastUpdated: string;
}

/** Platform-neutral events the pipeline emits; adapters render them. */
export type StoryEvent =
  | { kind: 'story-created'; story: Story; item: AnnotatedItem }
  | { kind: 'story-updated'; story: Story; item: AnnotatedItem };
