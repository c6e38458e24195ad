import { randomUUID } from 'node:crypto';
import { formatKeywords, parseKeywords, subscriptionSchema, type Subscription } from '../domain/subscription.js';
import type { CommandContext, CommandFn } from './command-core.js';
import { feedText } from './feed-text.js';

interface SubscribeOptions {
  topics: string[];
  regions?: string[];
  keywords?: string;
  min_confidence?: number;
  mode?: 'instant' | 'digest';
  digest_at?: string;
  timezone?: string;
  updates?: 'edit' | 'thread' | 'off';
  quiet_hours?: { start: string; end: string };
  max_per_hour?: number;
  mention_role?: string;
}

/** One line per subscription, as `/sitrep subscriptions` and confirmations show it. */
export function describeSubscription(sub: Subscription): string {
  const parts = [sub.topics.join(', ')];
  if (sub.regions.length > 0) parts.push(`regions ${sub.regions.join(', ')}`);
  const keywords = formatKeywords(sub.keywords);
  if (keywords) parts.push(`keywords ${feedText(keywords)}`);
  parts.push(`min_confidence ${sub.minConfidence}`);
  parts.push(sub.mode === 'digest' ? `digest at ${sub.digestAt} ${sub.timezone}` : 'instant');
  parts.push(`updates ${sub.updates}`);
  if (sub.quietHours) parts.push(`quiet ${sub.quietHours.start}–${sub.quietHours.end} ${sub.timezone}`);
  if (sub.maxPerHour !== null) parts.push(`at most ${sub.maxPerHour}/hour`);
  if (sub.mentionRoleId) parts.push(`mentions role ${sub.mentionRoleId} on high-confidence security alerts`);
  const line = `• ${sub.id}: ${parts.join(' · ')}`;
  return sub.paused ? `${line} · PAUSED since ${sub.paused.at} (${feedText(sub.paused.reason)})` : line;
}

async function unknownTopics(context: CommandContext, topics: string[]): Promise<string | null> {
  const configured = (await context.deps.topics.current()).topics.map((t) => t.id);
  const unknown = topics.filter((t) => !configured.includes(t));
  if (unknown.length === 0) return null;
  return `topics: unknown topic ${unknown.map((t) => `"${t}"`).join(', ')}; configured topics: ${configured.join(', ')}`;
}

const sameFilter = (a: Subscription, b: Subscription) =>
  JSON.stringify([[...a.topics].sort(), [...a.regions].sort(), a.keywords, a.minConfidence, a.mode, a.digestAt, a.timezone, a.updates, a.quietHours, a.maxPerHour]) ===
  JSON.stringify([[...b.topics].sort(), [...b.regions].sort(), b.keywords, b.minConfidence, b.mode, b.digestAt, b.timezone, b.updates, b.quietHours, b.maxPerHour]);

const subscribe: CommandFn = async (context, raw) => {
  const options = raw as unknown as SubscribeOptions;
  const { request, deps, now } = context;
  const problem = await unknownTopics(context, options.topics);
  if (problem) return { refused: problem };
  const keywords = options.keywords ? parseKeywords(options.keywords) : { include: [], exclude: [] };
  const candidate = subscriptionSchema.safeParse({
    id: deps.newId?.() ?? `sub-${randomUUID().slice(0, 8)}`,
    platform: request.platform,
    workspaceId: request.workspaceId,
    channelId: request.channelId,
    topics: [...new Set(options.topics)],
    regions: [...new Set(options.regions ?? [])],
    keywords,
    minConfidence: options.min_confidence ?? 0.5,
    mode: options.mode ?? 'instant',
    digestAt: options.digest_at ?? deps.defaults?.digestAt ?? '08:00',
    timezone: options.timezone ?? deps.defaults?.timezone ?? 'UTC',
    updates: options.updates ?? 'edit',
    quietHours: options.quiet_hours ?? null,
    maxPerHour: options.max_per_hour ?? null,
    mentionRoleId: options.mention_role ?? null,
    paused: null,
    createdBy: request.userId,
    createdAt: now.toISOString(),
  });
  if (!candidate.success) return { refused: candidate.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n') };
  const sub = candidate.data;

  const existing = await deps.subscriptions.forChannel(request.platform, request.channelId);
  const resumed = await deps.subscriptions.resumeChannel(request.platform, request.channelId);
  const duplicate = existing.find((other) => sameFilter(other, sub));
  if (duplicate) {
    return {
      lines: [
        resumed > 0 ? `Resumed ${resumed} paused subscription(s) in this channel.` : 'This channel already has this subscription:',
        describeSubscription({ ...duplicate, paused: null }),
      ],
    };
  }
  await deps.subscriptions.save(sub);
  const lines = [`Subscribed this channel:`, describeSubscription(sub)];
  if (resumed > 0) lines.push(`Also resumed ${resumed} paused subscription(s) here.`);
  if (sub.mode === 'instant' && sub.quietHours) lines.push('Alerts during quiet hours go to the next digest.');
  return { title: 'Sitrep: subscribed', lines };
};

const unsubscribe: CommandFn = async ({ request, deps }, raw) => {
  const topics = (raw as { topics?: string[] }).topics;
  const subs = await deps.subscriptions.forChannel(request.platform, request.channelId);
  if (subs.length === 0) return { refused: 'This channel has no subscriptions.' };
  if (!topics) {
    for (const sub of subs) await deps.subscriptions.remove(sub.id);
    return { title: 'Sitrep: unsubscribed', lines: [`Removed all ${subs.length} subscription(s) of this channel.`] };
  }
  const affected = subs.filter((sub) => sub.topics.some((t) => topics.includes(t)));
  if (affected.length === 0) {
    const subscribed = [...new Set(subs.flatMap((s) => s.topics))];
    return { refused: `topics: this channel is not subscribed to ${topics.join(', ')}; it is subscribed to ${subscribed.join(', ')}` };
  }
  const lines: string[] = [];
  for (const sub of affected) {
    const rest = sub.topics.filter((t) => !topics.includes(t));
    if (rest.length === 0) {
      await deps.subscriptions.remove(sub.id);
      lines.push(`Removed ${sub.id} (${sub.topics.join(', ')}).`);
    } else {
      await deps.subscriptions.save({ ...sub, topics: rest });
      lines.push(`${sub.id} now covers ${rest.join(', ')}.`);
    }
  }
  return { title: 'Sitrep: unsubscribed', lines };
};

const subscriptions: CommandFn = async ({ request, deps }) => {
  const subs = await deps.subscriptions.forChannel(request.platform, request.channelId);
  if (subs.length === 0) return { lines: ['This channel has no subscriptions. Start with /sitrep subscribe topics:<ids> (see /sitrep topics).'] };
  return { title: `Sitrep: ${subs.length} subscription(s) in this channel`, lines: subs.map(describeSubscription) };
};

export const subscriptionCommands: Record<string, CommandFn> = { subscribe, unsubscribe, subscriptions };
