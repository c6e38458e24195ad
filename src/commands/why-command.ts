import type { AnnotatedItem } from '../domain/annotations.js';
import { storyReportCount, type Story } from '../domain/story.js';
import { explainMatch, storyMatchText, type MatchExplanation } from '../delivery/match-subscription.js';
import type { CommandFn } from './command-core.js';
import { feedText } from './feed-text.js';
import { ago } from './lookup-commands.js';

/** An item not yet grouped into a story is judged as a story of one report. */
function storyOfOne(item: AnnotatedItem): Story {
  const report = { itemId: item.id, feedId: item.feedId, source: item.feedId, title: item.title, link: item.link, published: item.published };
  return {
    id: `item:${item.id}`,
    firstReport: report,
    reports: [report],
    topics: item.intel.topics,
    scores: item.intel.scores,
    places: item.intel.places,
    actors: item.intel.actors,
    firstSeen: item.published,
    lastUpdated: item.published,
  };
}

function explanationLines(explanation: MatchExplanation): string[] {
  const verdict = explanation.matched ? `MATCHED → ${explanation.route === 'digest' ? 'next digest' : 'instant alert'}` : 'did not match';
  const scores = explanation.topicScores
    .map((t) => `${t.topic} ${t.score.toFixed(2)} ${t.passed ? '≥' : '<'} ${t.threshold}`)
    .join(', ');
  const lines = [`• ${explanation.subscriptionId}: ${verdict}`, `   topic scores vs min_confidence: ${scores}`];
  for (const check of explanation.checks.filter((c) => c.name !== 'topics')) {
    lines.push(`   ${check.passed ? '✓' : '✗'} ${check.name}: ${feedText(check.detail)}`);
  }
  return lines;
}

const why: CommandFn = async ({ request, deps, now }, raw) => {
  const { url } = raw as { url: string };
  const found = await deps.stories.findByUrl(url);
  if (!found) {
    return {
      title: 'Sitrep: why',
      lines: [
        `Never seen: no stored item links to ${feedText(url)}.`,
        'Either none of the configured feeds carried it (see /sitrep feeds list), or it is older than what Sitrep keeps.',
      ],
    };
  }
  const { item } = found;
  const story = found.story ?? storyOfOne(item);
  const lines = [`Seen ${ago(item.published, now)}: ${feedText(item.title)} (feed ${item.feedId}).`];
  lines.push(
    found.story
      ? `Story ${story.id}: ${feedText(story.firstReport.title)} — ${storyReportCount(story)} report(s) from ${new Set(story.reports.map((r) => r.source)).size} outlet(s).`
      : 'Not grouped into a story (yet): judged on its own.',
  );
  const topScores = Object.entries(story.scores)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([topic, score]) => `${topic} ${score.toFixed(2)}`);
  lines.push(`Topics assigned: ${story.topics.join(', ') || 'none'}; top scores: ${topScores.join(', ') || 'none'}; places: ${story.places.join(', ') || 'none'}.`);

  const subs = await deps.subscriptions.forChannel(request.platform, request.channelId);
  if (subs.length === 0) {
    lines.push('This channel has no subscriptions, so nothing is posted here.');
    return { title: 'Sitrep: why', lines };
  }
  const status = await deps.delivery.channelStoryStatus(request.platform, request.channelId, story.id);
  const alert = status.alert;
  if (alert?.state === 'done') lines.push(`Posted here ${ago(alert.updatedAt, now)}.`);
  else if (alert?.state === 'pending' || alert?.state === 'sending') lines.push('Queued for this channel; not posted yet.');
  else if (alert?.state === 'failed') lines.push(`Not posted here: ${alert.error?.code ?? 'failed'} — ${feedText(alert.error?.reason ?? '')}.`);
  if (status.digest) lines.push(`Waiting for this channel's next digest (${feedText(status.digest.reason)}).`);
  if (status.digested) lines.push(`Included in this channel's digest ${ago(status.digested.at, now)}.`);
  if (!alert && !status.digest && !status.digested) lines.push('Not posted here.');

  const sentLastHour = await deps.delivery.sentLastHour(request.platform, request.channelId);
  const text = storyMatchText(story, { title: item.title, summary: item.intel.summary || item.summary });
  for (const sub of subs) lines.push(...explanationLines(explainMatch(story, text, sub, { now, sentLastHour })));
  return { title: 'Sitrep: why', lines };
};

export const whyCommand = why;
