import type { Alert, Digest, Notice } from '../../domain/alert.js';
import type { FeedItem } from '../../domain/feed-item.js';

/** Feed text is untrusted: control characters (ANSI escapes, bells, CR tricks) are dropped. */
export function consoleText(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function clip(text: string, max: number): string {
  const clean = consoleText(text);
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

function when(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')}Z`;
}

/** The foundation's "new item" announcement: one line per item. */
export function formatItemLine(item: FeedItem, source?: string): string {
  const link = item.link ? ` <${consoleText(item.link)}>` : '';
  return `[${when(item.published)}] ${consoleText(source ?? item.feedId)}: ${clip(item.title, 200)}${link}`;
}

export function formatAlert(alert: Alert, heading = 'ALERT'): string[] {
  const topics = alert.topics.map((topic) => `${consoleText(topic.label)} ${topic.score.toFixed(2)}`).join(', ');
  const lines = [
    `${heading} [${when(alert.published)}] ${consoleText(alert.source)}: ${clip(alert.title, 200)}`,
  ];
  if (alert.link) lines.push(`  ${consoleText(alert.link)}`);
  if (alert.summary) lines.push(`  ${clip(alert.summary, 400)}`);
  const tags = [
    topics ? `topics: ${topics}` : '',
    alert.places.length > 0 ? `places: ${alert.places.join(', ')}` : '',
    alert.actors.length > 0 ? `actors: ${alert.actors.join(', ')}` : '',
  ].filter(Boolean);
  if (tags.length > 0) lines.push(`  ${tags.join(' · ')}`);
  if (alert.alsoReportedBy.length > 0) {
    const others = alert.alsoReportedBy.map((other) => consoleText(other.source)).join(', ');
    lines.push(`  ${alert.reportCount} reports · also: ${others}`);
  }
  return lines;
}

export function formatDigest(digest: Digest, part: number): string[] {
  const lines = [`DIGEST ${clip(digest.title, 200)} (${when(digest.since)} → ${when(digest.until)})${part > 1 ? ` part ${part}` : ''}`];
  for (const section of digest.sections) {
    lines.push(`  ${consoleText(section.topic.label)}`);
    for (const alert of section.alerts) {
      lines.push(`    • ${consoleText(alert.source)}: ${clip(alert.title, 160)}${alert.link ? ` <${consoleText(alert.link)}>` : ''}`);
    }
  }
  return lines;
}

export function formatNotice(notice: Notice): string[] {
  return [`${notice.level === 'warning' ? 'WARNING' : 'NOTICE'} ${consoleText(notice.text)}`];
}
