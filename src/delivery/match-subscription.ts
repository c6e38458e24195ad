import type { Story } from '../domain/story.js';
import { regionMatches, type Subscription } from '../domain/subscription.js';
import { isWithinClockWindow } from './zoned-time.js';

/** Text a keyword filter looks at: every report's headline plus the newest item's summary. */
export interface MatchText {
  title: string;
  summary: string;
}

export type CheckName = 'paused' | 'topics' | 'regions' | 'keywords' | 'mode' | 'quiet-hours' | 'noise-budget';

export interface MatchCheck {
  name: CheckName;
  passed: boolean;
  detail: string;
}

export interface TopicScoreCheck {
  topic: string;
  score: number;
  threshold: number;
  passed: boolean;
}

/**
 * Why a story did or did not match one subscription. `route` says where a match
 * goes: `instant` (post now) or `digest` (mode, quiet hours or noise budget).
 */
export interface MatchExplanation {
  subscriptionId: string;
  matched: boolean;
  route: 'instant' | 'digest' | null;
  matchedTopics: string[];
  topicScores: TopicScoreCheck[];
  checks: MatchCheck[];
}

export interface MatchContext {
  now: Date;
  /** Instant alerts this channel received in the last hour (noise budget). */
  sentLastHour?: number;
}

function normalizeWords(text: string): string {
  // Combining marks stay: in Bengali or Devanagari they are the vowels that tell words apart.
  return ` ${text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ').trim()} `;
}

function containsTerm(haystack: string, term: string): boolean {
  const needle = normalizeWords(term);
  return needle.trim().length > 0 && haystack.includes(needle);
}

export function storyMatchText(story: Story, latest?: { title: string; summary: string }): MatchText {
  const titles = new Set(story.reports.map((report) => report.title));
  titles.add(story.firstReport.title);
  if (latest) titles.add(latest.title);
  return { title: [...titles].join(' \n '), summary: latest?.summary ?? '' };
}

export function explainMatch(story: Story, text: MatchText, sub: Subscription, context: MatchContext): MatchExplanation {
  const checks: MatchCheck[] = [];
  const topicScores = sub.topics.map((topic) => {
    const score = story.scores[topic] ?? 0;
    return { topic, score, threshold: sub.minConfidence, passed: score >= sub.minConfidence };
  });
  const matchedTopics = topicScores.filter((t) => t.passed).map((t) => t.topic);

  checks.push({
    name: 'paused',
    passed: sub.paused === null,
    detail: sub.paused ? `subscription paused since ${sub.paused.at}: ${sub.paused.reason}` : 'active',
  });
  checks.push({
    name: 'topics',
    passed: matchedTopics.length > 0,
    detail:
      matchedTopics.length > 0
        ? `matched ${matchedTopics.join(', ')} at min_confidence ${sub.minConfidence}`
        : `no subscribed topic reached min_confidence ${sub.minConfidence}`,
  });

  if (sub.regions.length > 0) {
    const hits = sub.regions.filter((region) => story.places.some((place) => regionMatches(region, place)));
    checks.push({
      name: 'regions',
      passed: hits.length > 0,
      detail:
        hits.length > 0
          ? `story places ${story.places.join(', ')} include ${hits.join(', ')}`
          : `story places [${story.places.join(', ')}] match none of ${sub.regions.join(', ')}`,
    });
  }

  if (sub.keywords.include.length > 0 || sub.keywords.exclude.length > 0) {
    const haystack = normalizeWords(`${text.title} ${text.summary}`);
    const included = sub.keywords.include.filter((term) => containsTerm(haystack, term));
    const excluded = sub.keywords.exclude.filter((term) => containsTerm(haystack, term));
    const includeOk = sub.keywords.include.length === 0 || included.length > 0;
    const passed = includeOk && excluded.length === 0;
    const detail = !includeOk
      ? `none of the keywords ${sub.keywords.include.map((t) => `"${t}"`).join(', ')} appear`
      : excluded.length > 0
        ? `excluded keyword ${excluded.map((t) => `"${t}"`).join(', ')} appears`
        : included.length > 0
          ? `keyword ${included.map((t) => `"${t}"`).join(', ')} appears`
          : 'no excluded keyword appears';
    checks.push({ name: 'keywords', passed, detail });
  }

  const matched = checks.every((check) => check.passed);
  let route: MatchExplanation['route'] = null;
  if (matched) {
    route = routeFor(sub, context, checks);
  }
  return { subscriptionId: sub.id, matched, route, matchedTopics, topicScores, checks };
}

function routeFor(sub: Subscription, context: MatchContext, checks: MatchCheck[]): 'instant' | 'digest' {
  if (sub.mode === 'digest') {
    checks.push({ name: 'mode', passed: true, detail: `digest mode: goes to the ${sub.digestAt} ${sub.timezone} digest` });
    return 'digest';
  }
  if (sub.quietHours && isWithinClockWindow(sub.quietHours, sub.timezone, context.now)) {
    checks.push({
      name: 'quiet-hours',
      passed: true,
      detail: `quiet hours ${sub.quietHours.start}–${sub.quietHours.end} ${sub.timezone}: goes to the next digest`,
    });
    return 'digest';
  }
  if (sub.maxPerHour !== null && context.sentLastHour !== undefined) {
    const over = context.sentLastHour >= sub.maxPerHour;
    checks.push({
      name: 'noise-budget',
      passed: true,
      detail: over
        ? `noise budget ${sub.maxPerHour}/hour used up (${context.sentLastHour} sent): goes to the next digest`
        : `noise budget ${context.sentLastHour}/${sub.maxPerHour} this hour`,
    });
    if (over) return 'digest';
  }
  return 'instant';
}
