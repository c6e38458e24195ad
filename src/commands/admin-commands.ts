import type { CommandFn } from './command-core.js';
import { feedText } from './feed-text.js';
import type { TopicChange, TopicChangeRecord, TopicsResult } from './topics-registry.js';

const feedsList: CommandFn = async ({ deps }) => {
  const feeds = await deps.feeds.list();
  if (feeds.length === 0) return { lines: ['No feeds configured. Add one with /sitrep feeds add <url>.'] };
  const health = new Map((await deps.feedHealth()).map((h) => [h.feedId, h]));
  return {
    title: `Sitrep: ${feeds.length} feed(s)`,
    lines: feeds.map((feed) => {
      const state = !feed.enabled ? 'paused by admin' : (health.get(feed.id)?.status ?? 'not polled yet');
      const title = feed.title ? ` ${feedText(feed.title)}` : '';
      return `• ${feed.id}:${title} every ${feed.intervalMinutes} min · ${state} · ${feed.origin === 'chat' ? 'added from chat' : 'config'} · ${feedText(feed.url)}`;
    }),
  };
};

const feedsAdd: CommandFn = async ({ request, deps }, raw) => {
  const options = raw as { url: string; interval?: number; title?: string };
  const existing = await deps.feeds.findByUrl(options.url);
  if (existing) return { refused: `url: already configured as feed ${existing.id}` };
  const check = await deps.validateFeedUrl(options.url);
  if (!check.ok) return { refused: `Feed not added: ${check.code}: ${feedText(check.message)}` };
  const title = options.title ?? check.title;
  const feed = await deps.feeds.add(
    { url: options.url, intervalMinutes: options.interval ?? deps.defaults?.feedIntervalMinutes ?? 15, ...(title ? { title } : {}) },
    request.userId,
  );
  return {
    title: 'Sitrep: feed added',
    lines: [`Added feed ${feed.id}: ${feedText(title || feed.url)} — ${check.itemCount} item(s) parsed; polled every ${feed.intervalMinutes} min.`],
  };
};

async function unknownFeed(deps: Parameters<CommandFn>[0]['deps'], id: string): Promise<string> {
  const ids = (await deps.feeds.list()).map((f) => f.id);
  return `id: unknown feed "${feedText(id)}"; feeds: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ' …' : ''}`;
}

const feedsRemove: CommandFn = async ({ deps }, raw) => {
  const { id } = raw as { id: string };
  const removed = await deps.feeds.remove(id);
  if (!removed) return { refused: await unknownFeed(deps, id) };
  return { title: 'Sitrep: feed removed', lines: [`Removed feed ${removed.id}. Items already stored stay searchable.`] };
};

function toggle(enabled: boolean): CommandFn {
  return async ({ deps }, raw) => {
    const { id } = raw as { id: string };
    const feed = await deps.feeds.get(id);
    if (!feed) return { refused: await unknownFeed(deps, id) };
    const autoPaused = (await deps.feedHealth()).find((h) => h.feedId === id)?.status === 'paused';
    if (enabled && autoPaused && deps.resumeFeedHealth) {
      await deps.resumeFeedHealth(id);
      if (feed.enabled) return { title: 'Sitrep: feed resumed', lines: [`Feed ${id} was paused after repeated failures; it will be polled again.`] };
    }
    if (feed.enabled === enabled) return { lines: [`Feed ${id} is already ${enabled ? 'active' : 'paused'}.`] };
    await deps.feeds.update(id, { enabled });
    return { title: `Sitrep: feed ${enabled ? 'resumed' : 'paused'}`, lines: [`Feed ${id} ${enabled ? 'will be polled again' : 'is paused until /sitrep feeds resume ' + id}.`] };
  };
}

const feedsInterval: CommandFn = async ({ deps }, raw) => {
  const { id, minutes } = raw as { id: string; minutes: number };
  const feed = await deps.feeds.update(id, { intervalMinutes: minutes });
  if (!feed) return { refused: await unknownFeed(deps, id) };
  return { title: 'Sitrep: feed interval', lines: [`Feed ${id} is now polled every ${minutes} min.`] };
};

export function describeChange(change: TopicChange): string {
  if (change.kind === 'threshold') return `${change.topic}: threshold → ${change.value}`;
  return `${change.topic}: ${change.kind === 'add-term' ? 'added' : 'removed'} term ${feedText(change.term)}`;
}

function describeRecord(record: TopicChangeRecord): string {
  const undo = record.undoes !== null ? ` (undo of v${record.undoes})` : record.undoneBy !== null ? ` (undone by v${record.undoneBy})` : '';
  return `• v${record.version} ${record.at} by ${record.by}: ${describeChange(record.change)}${undo}`;
}

function tuned(result: TopicsResult) {
  if (!result.ok) return { refused: result.message };
  return {
    title: 'Sitrep: topics tuned',
    lines: [`${describeRecord(result.record)}`, `Topics are now at version ${result.snapshot.version}; the classifier uses it from the next item. Undo with /sitrep tune undo.`],
  };
}

function tune(kind: TopicChange['kind']): CommandFn {
  return async ({ request, deps, now }, raw) => {
    const options = raw as { topic: string; term?: string; value?: number };
    const change: TopicChange =
      kind === 'threshold'
        ? { kind, topic: options.topic, value: options.value ?? 0 }
        : { kind, topic: options.topic, term: (options.term ?? '').replace(/^"(.*)"$/, '$1').trim() };
    return tuned(await deps.topics.apply(change, { by: request.userId, at: now }));
  };
}

const tuneHistory: CommandFn = async ({ deps }, raw) => {
  const { limit } = raw as { limit?: number };
  const records = await deps.topics.history(limit ?? 10);
  if (records.length === 0) return { lines: ['No tuning changes yet: topics are as configured.'] };
  return { title: 'Sitrep: tuning history (newest first)', lines: records.map(describeRecord) };
};

const tuneUndo: CommandFn = async ({ request, deps, now }) => tuned(await deps.topics.undo({ by: request.userId, at: now }));

export const adminCommands: Record<string, CommandFn> = {
  'feeds list': feedsList,
  'feeds add': feedsAdd,
  'feeds remove': feedsRemove,
  'feeds pause': toggle(false),
  'feeds resume': toggle(true),
  'feeds interval': feedsInterval,
  'tune add-term': tune('add-term'),
  'tune remove-term': tune('remove-term'),
  'tune threshold': tune('threshold'),
  'tune history': tuneHistory,
  'tune undo': tuneUndo,
};
