import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Alert } from '../../domain/alert.js';
import { escapeDiscord, maskedLink, safeUrl, truncate } from './escape-discord.js';
import { fitEmbed } from './embed-limits.js';

/** Colour of an alert by its top topic; unknown topics get a stable colour from their id. */
const topicColours: Record<string, number> = {
  security: 0xd32f2f,
  conflict: 0xb71c1c,
  humanitarian: 0xef6c00,
  'human-rights': 0x8e24aa,
  diplomacy: 0x1e88e5,
  politics: 0x3949ab,
  economy: 0x2e7d32,
  disaster: 0x6d4c41,
  health: 0x00897b,
};

export function topicColour(topicId: string | undefined): number {
  if (!topicId) return 0x607d8b;
  const known = topicColours[topicId];
  if (known !== undefined) return known;
  let hash = 0;
  for (const char of topicId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash & 0xffffff;
}

function unixSeconds(iso: string): number | null {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

/** Lines joined until `max` characters, then "… and N more". */
function joinWithin(lines: string[], max: number, separator = '\n'): string {
  const out: string[] = [];
  let used = 0;
  for (const [index, line] of lines.entries()) {
    const rest = lines.length - index - 1;
    const reserve = rest > 0 ? 20 : 0;
    if (used + line.length + separator.length + reserve > max) {
      out.push(`… and ${lines.length - index} more`);
      break;
    }
    out.push(line);
    used += line.length + separator.length;
  }
  return out.join(separator);
}

function alertFields(alert: Alert): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  if (alert.topics.length > 0) {
    const chips = alert.topics.map((topic) => `\`${escapeDiscord(topic.label).replace(/`/g, "'")} ${topic.score.toFixed(2)}\``);
    fields.push({ name: 'Topics', value: joinWithin(chips, 1000, ' · '), inline: true });
  }
  if (alert.places.length > 0) fields.push({ name: 'Places', value: truncate(alert.places.join(', '), 1000), inline: true });
  const seconds = unixSeconds(alert.published);
  const when = seconds === null ? '' : ` · <t:${seconds}:R>`;
  fields.push({ name: 'Source', value: truncate(`${escapeDiscord(truncate(alert.source, 200))}${when}`, 1024), inline: true });
  if (alert.alsoReportedBy.length > 0) {
    const outlets = alert.alsoReportedBy.map((other) => `${maskedLink(other.source, other.link, 80)}`);
    fields.push({ name: 'Also reported by', value: joinWithin(outlets, 1000, ', ') });
  }
  return fields;
}

/**
 * An alert as one embed: linked headline, summary, topic chips with scores,
 * places, source and time, the other outlets. `marker` goes in the footer so
 * the message can be found again after a crash (see find-posted.ts).
 */
export function alertEmbed(alert: Alert, marker: string): APIEmbed {
  const url = safeUrl(alert.link);
  const reports = alert.reportCount > 1 ? ` · ${alert.reportCount} reports` : '';
  const embed: APIEmbed = {
    title: truncate(escapeDiscord(alert.title), 256),
    ...(url ? { url } : {}),
    description: truncate(escapeDiscord(alert.summary), 1500),
    color: topicColour(alert.topics[0]?.id),
    fields: alertFields(alert),
    footer: { text: `Sitrep${reports} · ref ${marker}` },
    ...(unixSeconds(alert.published) !== null ? { timestamp: new Date(alert.published).toISOString() } : {}),
  };
  return fitEmbed(embed);
}

/** A thread reply for a growing story: the newest outlet and the running count. */
export function updateEmbed(alert: Alert, marker: string): APIEmbed {
  const latest = alert.alsoReportedBy[alert.alsoReportedBy.length - 1];
  const headline = latest ? maskedLink(latest.title, latest.link, 200) : maskedLink(alert.title, alert.link, 200);
  const source = latest ? escapeDiscord(truncate(latest.source, 200)) : escapeDiscord(truncate(alert.source, 200));
  return fitEmbed({
    title: truncate(`Also reported by ${source}`, 256),
    description: truncate(`${headline}\n${alert.reportCount} reports so far`, 4096),
    color: topicColour(alert.topics[0]?.id),
    footer: { text: `Sitrep · ref ${marker}` },
  });
}
