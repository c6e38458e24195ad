import type { APIEmbed } from 'discord.js';
import type { CommandReply } from '../chat-adapter.js';
import type { Digest, Notice } from '../../domain/alert.js';
import { renderReplyLine } from '../../commands/feed-text.js';
import { embedLimits, fitEmbed } from './embed-limits.js';
import { escapeDiscord, maskedLink, truncate } from './escape-discord.js';
import { topicColour } from './render-alert.js';

/** Lines joined up to `max` characters; what does not fit is counted, not cut mid-line. */
function linesWithin(lines: string[], max: number): string {
  const out: string[] = [];
  let used = 0;
  for (const [index, line] of lines.entries()) {
    if (used + line.length + 1 > max - 40) {
      out.push(`… ${lines.length - index} more line(s)`);
      break;
    }
    out.push(line);
    used += line.length + 1;
  }
  return out.join('\n');
}

/**
 * One digest part (the engine already split the digest to Discord's budget):
 * topics as bold headings, each story as a linked headline with its source and
 * report count.
 */
export function digestEmbed(digest: Digest, marker: string): APIEmbed {
  const lines: string[] = [];
  for (const section of digest.sections) {
    if (lines.length > 0) lines.push('');
    lines.push(`**${escapeDiscord(section.topic.label)}**`);
    for (const alert of section.alerts) {
      const count = alert.reportCount > 1 ? ` · ${alert.reportCount} reports` : '';
      lines.push(`• ${maskedLink(alert.title, alert.link, 200)} — ${escapeDiscord(truncate(alert.source, 80))}${count}`);
    }
  }
  const since = Date.parse(digest.since);
  const window = Number.isFinite(since) ? ` · since <t:${Math.floor(since / 1000)}:f>` : '';
  return fitEmbed({
    title: truncate(escapeDiscord(digest.title), embedLimits.title),
    description: linesWithin(lines, embedLimits.description - 100),
    color: topicColour(digest.sections[0]?.topic.id),
    footer: { text: `Sitrep digest · ref ${marker}` },
    ...(window ? { fields: [{ name: 'Window', value: window.slice(3) }] } : {}),
  });
}

/** Notices are Sitrep's text with feed text marked inside; the marked parts are escaped. */
export function noticeEmbed(notice: Notice, marker: string): APIEmbed {
  return fitEmbed({
    title: notice.level === 'warning' ? '⚠️ Sitrep notice' : 'Sitrep notice',
    description: truncate(renderReplyLine(notice.text, escapeDiscord), embedLimits.description),
    color: notice.level === 'warning' ? 0xffa000 : 0x607d8b,
    footer: { text: `Sitrep · ref ${marker}` },
  });
}

/** A command reply as one embed: Sitrep's lines as written, feed and user text escaped. */
export function replyEmbed(reply: CommandReply): APIEmbed {
  const lines = reply.lines.map((line) => renderReplyLine(line, escapeDiscord));
  const description = linesWithin(lines, embedLimits.description);
  return fitEmbed({
    ...(reply.title ? { title: truncate(renderReplyLine(reply.title, escapeDiscord), embedLimits.title) } : {}),
    description: description.length > 0 ? description : '(nothing to show)',
    color: 0x607d8b,
  });
}
