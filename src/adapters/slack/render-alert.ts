import type { types } from '@slack/bolt';
import type { Alert } from '../../domain/alert.js';
import { blockLimits } from './block-limits.js';
import { escapeAndTruncate, escapeSlack, slackLink, truncate } from './escape-slack.js';

export type Block = types.KnownBlock;

/** Action id of the "Why this?" button; its value is {@link WhyButtonValue} as JSON. */
export const whyActionId = 'sitrep_why';

export interface WhyButtonValue {
  storyId: string;
  link: string | null;
}

export interface RenderedMessage {
  /** Notification and screen-reader fallback; plain words, escaped. */
  text: string;
  blocks: Block[];
}

function whyValue(alert: Alert): string {
  const value: WhyButtonValue = { storyId: alert.storyId, link: alert.link };
  const json = JSON.stringify(value);
  // A link too long for the button still leaves the story id to explain.
  return json.length <= blockLimits.buttonValue ? json : JSON.stringify({ storyId: alert.storyId, link: null });
}

/** `<!date^…>` renders in each reader's own time zone; the fallback is UTC. */
function slackTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeSlack(iso);
  const fallback = new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}

function topicChips(alert: Alert): string {
  return alert.topics.map((t) => `\`${escapeSlack(truncate(t.label, 40))} ${t.score.toFixed(2)}\``).join(' ');
}

function alsoReported(alert: Alert): string | null {
  if (alert.alsoReportedBy.length === 0) return null;
  const shown = alert.alsoReportedBy.slice(0, 8).map((s) => slackLink(s.source || s.title, s.link, 60));
  const more = alert.alsoReportedBy.length - shown.length;
  const tail = more > 0 ? ` and ${more} more` : '';
  return truncate(`Also reported by ${shown.join(', ')}${tail} · ${alert.reportCount} reports`, blockLimits.contextElementText);
}

function mrkdwn(text: string) {
  return { type: 'mrkdwn' as const, text };
}

/** The facts line: topic chips with scores, places, source and time. */
function factsContext(alert: Alert): Block {
  const parts = [
    topicChips(alert),
    alert.places.length > 0 ? `:round_pushpin: ${escapeAndTruncate(alert.places.join(', '), 300)}` : '',
    `${escapeAndTruncate(alert.source, 200)} · ${slackTime(alert.published)}`,
  ].filter((part) => part.length > 0);
  return { type: 'context', elements: parts.slice(0, blockLimits.contextElements).map((part) => mrkdwn(truncate(part, blockLimits.contextElementText))) };
}

/**
 * An alert in Block Kit: linked headline, summary, facts, "also reported by"
 * and the "Why this?" button. Every feed string is escaped and cut to Slack's
 * limits; the message stays far under 50 blocks.
 */
export function alertMessage(alert: Alert, options: { mentionGroupId?: string } = {}): RenderedMessage {
  // The subscription's own user group (S…) is the only mention Sitrep ever writes.
  const mention = options.mentionGroupId && /^S[A-Z0-9]{2,}$/.test(options.mentionGroupId) ? `<!subteam^${options.mentionGroupId}> ` : '';
  const headline = `${mention}*${slackLink(alert.title || 'Untitled report', alert.link, 250)}*`;
  const summary = alert.summary.trim() ? escapeAndTruncate(alert.summary.trim(), blockLimits.sectionText - headline.length - 2) : '';
  const blocks: Block[] = [
    { type: 'section', text: mrkdwn(truncate(summary ? `${headline}\n${summary}` : headline, blockLimits.sectionText)) },
    factsContext(alert),
  ];
  const also = alsoReported(alert);
  if (also) blocks.push({ type: 'context', elements: [mrkdwn(also)] });
  blocks.push({
    type: 'actions',
    elements: [{ type: 'button', action_id: whyActionId, text: { type: 'plain_text', text: 'Why this?' }, value: whyValue(alert) }],
  });
  const text = `${mention}${escapeAndTruncate(`${alert.title} — ${alert.source}`, blockLimits.fallbackText - mention.length)}`;
  return { text, blocks };
}

/** A thread reply for a growing story: the newest report and the running count. */
export function updateMessage(alert: Alert): RenderedMessage {
  const latest = alert.alsoReportedBy[alert.alsoReportedBy.length - 1];
  const line = latest
    ? `${escapeAndTruncate(latest.source, 200)} also reports: ${slackLink(latest.title, latest.link, 250)}`
    : `Update: ${slackLink(alert.title, alert.link, 250)}`;
  const body = truncate(`${line}\n${alert.reportCount} reports so far.`, blockLimits.sectionText);
  return {
    text: escapeAndTruncate(`Update: ${latest?.title ?? alert.title} — ${alert.reportCount} reports`, blockLimits.fallbackText),
    blocks: [{ type: 'section', text: mrkdwn(body) }],
  };
}
