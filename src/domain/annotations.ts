import type { FeedItem } from './feed-item.js';

/** What the pure intel stages add to an item: topics, places, actors and a summary. */
export interface Annotations {
  /** Assigned topic ids (0 to 3), highest score first. */
  topics: string[];
  /** Probability-like score in [0, 1] for every configured topic. */
  scores: Record<string, number>;
  /** For each assigned topic, the terms, rules or features that drove it. */
  reasons: Record<string, string[]>;
  /** ISO 3166-1 alpha-2 country codes and ISO 3166-2 subdivision codes (e.g. "AF", "AF-KAB"). */
  places: string[];
  /** Canonical actor ids from config/actors.yaml (e.g. "taliban", "unsc"). */
  actors: string[];
  /** Extractive summary: 1–3 sentences of the source text, ≤ the configured length. */
  summary: string;
}

export interface AnnotatedItem extends FeedItem {
  intel: Annotations;
}
