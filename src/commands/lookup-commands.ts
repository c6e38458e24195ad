import { storyReportCount, type Story } from '../domain/story.js';
import type { CommandFn } from './command-core.js';
import { feedText } from './feed-text.js';

const hourMs = 3_600_000;

export function ago(iso: string, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

/** `• headline — Source +2 outlets (3 reports) · 2 h ago · link`, feed text marked. */
export function describeStory(story: Story, now: Date): string {
  const outlets = new Set(story.reports.map((r) => r.source));
  outlets.delete(story.firstReport.source);
  const more = outlets.size > 0 ? ` +${outlets.size} outlet${outlets.size > 1 ? 's' : ''}` : '';
  const link = story.firstReport.link ? ` · ${feedText(story.firstReport.link)}` : '';
  const topics = story.topics.length > 0 ? ` · ${story.topics.join(', ')}` : '';
  const reports = storyReportCount(story);
  return `• ${feedText(story.firstReport.title)} — ${feedText(story.firstReport.source)}${more} (${reports} report${reports === 1 ? '' : 's'})${topics} · ${ago(story.lastUpdated, now)}${link}`;
}

const recent: CommandFn = async ({ deps, now }, raw) => {
  const options = raw as { topic?: string; region?: string[]; hours?: number };
  const hours = options.hours ?? 24;
  if (options.topic) {
    const configured = (await deps.topics.current()).topics.map((t) => t.id);
    if (!configured.includes(options.topic)) return { refused: `topic: unknown topic "${options.topic}"; configured topics: ${configured.join(', ')}` };
  }
  const stories = await deps.stories.recent({
    since: new Date(now.getTime() - hours * hourMs),
    limit: 10,
    ...(options.topic ? { topic: options.topic } : {}),
    ...(options.region ? { regions: options.region } : {}),
  });
  const filter = [options.topic, options.region?.join(', ')].filter(Boolean).join(', ');
  const scope = `${filter ? `${filter}, ` : ''}last ${hours} h`;
  if (stories.length === 0) return { lines: [`No stories (${scope}).`] };
  return { title: `Sitrep: latest stories (${scope})`, lines: stories.map((story) => describeStory(story, now)) };
};

const search: CommandFn = async ({ deps, now }, raw) => {
  const options = raw as { query: string; hours?: number };
  // Without hours, a week: recent news is what people look for, and it bounds the work.
  const hours = options.hours ?? 168;
  const hits = deps.search.search(options.query, { since: new Date(now.getTime() - hours * hourMs), limit: 10 });
  if (hits.length === 0) return { lines: [`Nothing found for ${feedText(options.query)} in the last ${hours} h.`] };
  return {
    title: `Sitrep: ${hits.length} result(s), last ${hours} h`,
    lines: hits.map(
      (hit) =>
        `• ${feedText(hit.title)} — ${feedText(hit.source)} · ${hit.kind} · ${ago(hit.published, now)}${hit.link ? ` · ${feedText(hit.link)}` : ''}`,
    ),
  };
};

const topics: CommandFn = async ({ deps }) => {
  const snapshot = await deps.topics.current();
  return {
    title: `Sitrep: ${snapshot.topics.length} topics (version ${snapshot.version})`,
    lines: snapshot.topics.map(
      (t) => `• ${t.id} — ${feedText(t.label)}: ${feedText(t.description)} (assigned at score ≥ ${t.threshold}; ${t.terms.length} terms)`,
    ),
  };
};

const status: CommandFn = async ({ request, deps, now }) => {
  const health = await deps.feedHealth();
  const counts = { ok: 0, failing: 0, paused: 0, disabled: 0 };
  for (const record of health) counts[record.status] += 1;
  const lines = [`${health.length} feeds: ${counts.ok} ok, ${counts.failing} failing, ${counts.paused} paused, ${counts.disabled} disabled.`];
  const troubled = health.filter((r) => r.status === 'failing' || r.status === 'paused');
  for (const record of troubled.sort((a, b) => b.consecutiveFailures - a.consecutiveFailures).slice(0, 15)) {
    const last = record.lastSuccessAt ? `last success ${ago(record.lastSuccessAt, now)}` : 'never succeeded';
    const error = record.lastError ? ` — ${record.lastError.code}: ${feedText(record.lastError.message)}` : '';
    const paused = record.status === 'paused' && record.pausedReason ? ` (${feedText(record.pausedReason)})` : '';
    lines.push(`• ${record.feedId} ${record.status.toUpperCase()}${paused} after ${record.consecutiveFailures} failure(s), ${last}${error}`);
  }
  if (troubled.length > 15) lines.push(`… and ${troubled.length - 15} more.`);
  const paused = (await deps.subscriptions.forChannel(request.platform, request.channelId)).filter((s) => s.paused);
  if (paused.length > 0) lines.push(`${paused.length} subscription(s) in this channel are paused: ${feedText(paused[0]?.paused?.reason ?? '')}. Run /sitrep subscribe again to resume.`);
  return { title: 'Sitrep: feed status', lines };
};

export const lookupCommands: Record<string, CommandFn> = { recent, search, topics, status };
