import type { Alert, AlertTopic, Digest } from '../domain/alert.js';

export interface DigestCandidate {
  alert: Alert;
  /** Best matched topic score: ranking is score × report count. */
  score: number;
  /** The matched topic the story is listed under (its best one). */
  topic: string;
}

export interface DigestBuildOptions {
  since: string;
  until: string;
  /** The adapter's budget for one digest message, in characters. */
  maxChars: number;
  label: (topicId: string) => string;
  title?: string;
}

/**
 * The size a digest line costs: adapters render a digest entry as its linked
 * headline, source and report count, so that is what the budget counts.
 */
export function digestEntryCost(alert: Alert): number {
  return alert.title.length + (alert.link?.length ?? 0) + alert.source.length + 40;
}

function sectionCost(topic: AlertTopic): number {
  return topic.label.length + 16;
}

/** Digest entries are compact: no summary, no per-outlet list, just counts and links. */
function compact(alert: Alert): Alert {
  return { ...alert, summary: '', alsoReportedBy: [] };
}

/**
 * Stories grouped by topic, top stories first (score × report count), topics
 * ordered by their best story, split into parts that each fit `maxChars`.
 */
export function buildDigest(candidates: readonly DigestCandidate[], options: DigestBuildOptions): Digest[] {
  const rank = (c: DigestCandidate) => c.score * Math.max(1, c.alert.reportCount);
  const groups = new Map<string, DigestCandidate[]>();
  for (const candidate of [...candidates].sort((a, b) => rank(b) - rank(a) || a.alert.storyId.localeCompare(b.alert.storyId))) {
    const group = groups.get(candidate.topic) ?? [];
    group.push(candidate);
    groups.set(candidate.topic, group);
  }
  const title = options.title ?? 'Sitrep digest';
  // Room for the " (2/3)" suffix a split digest gets in its title.
  const headerCost = title.length + ' (99/99)'.length + 40;
  const parts: Digest['sections'][] = [];
  let current: Digest['sections'] = [];
  let used = headerCost;

  for (const [topicId, group] of groups) {
    const first = group[0];
    const topic: AlertTopic = { id: topicId, label: options.label(topicId), score: first ? first.score : 0 };
    let section: Digest['sections'][number] | null = null;
    for (const candidate of group) {
      const cost = digestEntryCost(candidate.alert) + (section ? 0 : sectionCost(topic));
      if (used + cost > options.maxChars && current.length > 0) {
        parts.push(current);
        current = [];
        used = headerCost;
        section = null;
      }
      if (!section) {
        section = { topic, alerts: [] };
        current.push(section);
        used += sectionCost(topic);
      }
      section.alerts.push(compact(candidate.alert));
      used += digestEntryCost(candidate.alert);
    }
  }
  if (current.length > 0) parts.push(current);

  return parts.map((sections, index) => ({
    title: parts.length > 1 ? `${title} (${index + 1}/${parts.length})` : title,
    since: options.since,
    until: options.until,
    sections,
  }));
}
