import type { CommandReply } from '../chat-adapter.js';
import type { Digest, Notice } from '../../domain/alert.js';
import { plainReplyLine } from '../../commands/feed-text.js';
import { blockLimits } from './block-limits.js';
import { escapeAndTruncate, escapeSlack, slackLink, truncate } from './escape-slack.js';
import type { Block, RenderedMessage } from './render-alert.js';

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

/**
 * Packs lines into section blocks of at most 3,000 characters each, and at most
 * `maxBlocks` of them; what does not fit is summarised in one last line.
 */
export function packSections(lines: readonly string[], maxBlocks: number): Block[] {
  const blocks: Block[] = [];
  let current = '';
  let dropped = 0;
  const room = blockLimits.sectionText;
  for (const raw of lines) {
    if (dropped > 0) {
      dropped += 1;
      continue;
    }
    const line = truncate(raw, room);
    const next = current ? `${current}\n${line}` : line;
    if (next.length <= room) {
      current = next;
      continue;
    }
    // One block stays free for the "more lines" note.
    if (blocks.length >= maxBlocks - 2) {
      dropped += 1;
      continue;
    }
    blocks.push({ type: 'section', text: mrkdwn(current) });
    current = line;
  }
  if (current) blocks.push({ type: 'section', text: mrkdwn(current) });
  if (dropped > 0) {
    blocks.push({ type: 'context', elements: [mrkdwn(`…and ${dropped} more line(s) not shown (Slack allows ${blockLimits.blocks} blocks).`)] });
  }
  return blocks;
}

/**
 * A command reply. Sitrep's own words never carry Slack markup, and feed text
 * (marked by the core) must not: every segment is escaped alike, so a `<` in
 * "0.40 < 0.50" and a `<!channel>` in a headline both render as text.
 */
export function replyMessage(reply: CommandReply): RenderedMessage {
  const lines = reply.lines.map((line) => escapeSlack(plainReplyLine(line)));
  const body = reply.title ? [`*${escapeSlack(reply.title)}*`, ...lines] : lines;
  const plain = reply.title ?? plainReplyLine(reply.lines[0] ?? 'Sitrep');
  return { text: escapeAndTruncate(plain, 300), blocks: packSections(body, blockLimits.blocks) };
}

/** A digest part: header, period, then each topic's stories (the engine already split parts by size). */
export function digestMessage(digest: Digest): RenderedMessage {
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(digest.title, blockLimits.headerText) } },
    { type: 'context', elements: [mrkdwn(`${escapeSlack(digest.since.slice(0, 16).replace('T', ' '))} – ${escapeSlack(digest.until.slice(0, 16).replace('T', ' '))} UTC`)] },
  ];
  const lines: string[] = [];
  for (const section of digest.sections) {
    lines.push(`*${escapeAndTruncate(section.topic.label, 100)}*`);
    for (const alert of section.alerts) {
      const count = alert.reportCount > 1 ? ` · ${alert.reportCount} reports` : '';
      lines.push(`• ${slackLink(alert.title, alert.link, 200)} — ${escapeAndTruncate(alert.source, 80)}${count}`);
    }
  }
  blocks.push(...packSections(lines, blockLimits.blocks - blocks.length));
  const stories = digest.sections.reduce((n, s) => n + s.alerts.length, 0);
  return { text: escapeSlack(truncate(`${digest.title}: ${stories} stories`, 300)), blocks };
}

export function noticeMessage(notice: Notice): RenderedMessage {
  const icon = notice.level === 'warning' ? ':warning: ' : ':information_source: ';
  const text = escapeAndTruncate(notice.text, blockLimits.sectionText - icon.length);
  return { text: truncate(`${icon}${text}`, blockLimits.fallbackText), blocks: [{ type: 'section', text: mrkdwn(`${icon}${text}`) }] };
}
