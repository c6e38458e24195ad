import type { Platform } from '../adapters/chat-adapter.js';
import type { StoryEvent } from '../domain/story.js';
import { channelKey, type Subscription } from '../domain/subscription.js';
import { explainMatch, storyMatchText, type MatchExplanation } from './match-subscription.js';

/** One channel's share of a story event: at most one per channel and story. */
export interface RoutedDelivery {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  storyId: string;
  /** `update` only for channels that already received the alert. */
  kind: 'alert' | 'update';
  route: 'instant' | 'digest';
  updates: 'edit' | 'thread' | 'off';
  subscriptionIds: string[];
  matchedTopics: string[];
  /** Highest score among the matched topics: digest ranking and mentions use it. */
  score: number;
  mentionRoleId: string | null;
}

export interface RouteContext {
  /** Channel keys (platform:channelId) that already received this story's alert. */
  alertedChannels?: ReadonlySet<string>;
  /** Instant alerts per channel key in the last hour, for noise budgets. */
  sentLastHour?: ReadonlyMap<string, number>;
  /** Which topics at which score ping the subscription's mention role. */
  mention?: { topics: readonly string[]; minScore: number };
}

export interface RouteResult {
  deliveries: RoutedDelivery[];
  explanations: MatchExplanation[];
}

const defaultMention = { topics: ['security'], minScore: 0.8 } as const;

/**
 * Matches a story event against every subscription and merges per channel:
 * several subscriptions of one channel give one delivery, instant winning over digest.
 */
export function routeStoryEvent(
  event: StoryEvent,
  subscriptions: readonly Subscription[],
  now: Date,
  context: RouteContext = {},
): RouteResult {
  const { story, item } = event;
  const text = storyMatchText(story, { title: item.title, summary: item.intel.summary || item.summary });
  const mention = context.mention ?? defaultMention;
  const byChannel = new Map<string, { subs: Subscription[]; explanations: MatchExplanation[] }>();
  const explanations: MatchExplanation[] = [];

  for (const sub of subscriptions) {
    const key = channelKey(sub);
    const explanation = explainMatch(story, text, sub, { now, sentLastHour: context.sentLastHour?.get(key) ?? 0 });
    explanations.push(explanation);
    let group = byChannel.get(key);
    if (!group) {
      group = { subs: [], explanations: [] };
      byChannel.set(key, group);
    }
    group.subs.push(sub);
    group.explanations.push(explanation);
  }

  const deliveries: RoutedDelivery[] = [];
  for (const [key, group] of byChannel) {
    const active = group.subs.filter((sub) => sub.paused === null);
    if (active.length === 0) continue;
    const matched = group.explanations.filter((e) => e.matched);
    const matchedSubs = active.filter((sub) => matched.some((e) => e.subscriptionId === sub.id));
    const first = active[0] as Subscription;
    const alerted = event.kind === 'story-updated' && (context.alertedChannels?.has(key) ?? false);

    if (alerted) {
      const styleSource = matchedSubs.find((s) => s.updates !== 'off') ?? active.find((s) => s.updates !== 'off');
      if (!styleSource) continue;
      deliveries.push({
        ...base(first, story.id),
        kind: 'update',
        route: 'instant',
        updates: styleSource.updates,
        subscriptionIds: (matchedSubs.length > 0 ? matchedSubs : active).map((s) => s.id),
        matchedTopics: unique(matched.flatMap((e) => e.matchedTopics)),
        score: bestScore(story.scores, matched.flatMap((e) => e.matchedTopics)),
        mentionRoleId: null,
      });
      continue;
    }
    if (matchedSubs.length === 0) continue;

    const matchedTopics = unique(matched.flatMap((e) => e.matchedTopics));
    const instant = matched.some((e) => e.route === 'instant');
    const styleSource = matchedSubs.find((s) => s.updates !== 'off') ?? matchedSubs[0];
    const mentionSub = matchedSubs.find(
      (s) => s.mentionRoleId !== null && mention.topics.some((t) => s.topics.includes(t) && (story.scores[t] ?? 0) >= mention.minScore),
    );
    deliveries.push({
      ...base(first, story.id),
      kind: 'alert',
      route: instant ? 'instant' : 'digest',
      updates: styleSource?.updates ?? 'off',
      subscriptionIds: matchedSubs.map((s) => s.id),
      matchedTopics,
      score: bestScore(story.scores, matchedTopics),
      mentionRoleId: instant && mentionSub ? mentionSub.mentionRoleId : null,
    });
  }
  return { deliveries, explanations };
}

function base(sub: Subscription, storyId: string) {
  return { platform: sub.platform, workspaceId: sub.workspaceId, channelId: sub.channelId, storyId };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function bestScore(scores: Record<string, number>, topics: string[]): number {
  return topics.reduce((best, topic) => Math.max(best, scores[topic] ?? 0), 0);
}
