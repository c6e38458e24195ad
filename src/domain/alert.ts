/** A topic as shown on an alert: the configured label and the item's score. */
export interface AlertTopic {
  id: string;
  label: string;
  score: number;
}

/** Another outlet that reported the same story. */
export interface AlertSource {
  source: string;
  title: string;
  link: string | null;
}

/**
 * A platform-neutral alert for one story. Text fields hold raw feed text:
 * every adapter escapes and truncates for its own platform.
 */
export interface Alert {
  storyId: string;
  title: string;
  link: string | null;
  summary: string;
  source: string;
  published: string;
  topics: AlertTopic[];
  places: string[];
  actors: string[];
  /** Other outlets, first report excluded, oldest first. */
  alsoReportedBy: AlertSource[];
  /** Total number of reports in the story, first report included. */
  reportCount: number;
}

/** A digest: stories since the last digest, grouped by topic, top stories first. */
export interface Digest {
  title: string;
  since: string;
  until: string;
  sections: { topic: AlertTopic; alerts: Alert[] }[];
}

/** A plain notice (feed health, subscription paused …). */
export interface Notice {
  level: 'info' | 'warning';
  text: string;
}
