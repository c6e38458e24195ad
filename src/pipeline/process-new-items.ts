import type { AnnotatedItem } from '../domain/annotations.js';
import type { FeedItem } from '../domain/feed-item.js';
import type { Logger } from '../domain/logger.js';
import type { Story, StoryEvent } from '../domain/story.js';
import type { Annotator } from '../intel/annotate-item.js';
import type { ClusterInput, ClusterResult } from '../intel/cluster/cluster-types.js';
import type { ItemRecord, ItemRecords } from './item-records.js';

/** Where items join stories; the story repository persists the result. */
export interface StoryAssigner {
  assign(input: ClusterInput): Promise<ClusterResult>;
  get(storyId: string): Promise<Story | undefined>;
}

export interface ItemProcessorDeps {
  annotate: Annotator;
  stories: StoryAssigner;
  items: ItemRecords;
  /** Outlet name for a feed id (alerts say "also reported by BBC News", not "bbc-world"). */
  sourceOf: (feedId: string) => string;
  onStoryEvent: (event: StoryEvent) => Promise<void>;
  clock: () => Date;
  logger: Logger;
  /** How long item records are kept (ms); default: forever. */
  retentionMs?: number;
}

/**
 * New items → annotate → cluster → store → story events, in published order as the live
 * system must see them. Safe to offer an item twice (the poll cycle re-offers after a crash):
 * the record is written with `handled: false` before its event and flipped after, so a crash
 * in between re-emits the same event, which delivery's outbox turns into one message.
 */
export function createItemProcessor(deps: ItemProcessorDeps): (items: FeedItem[]) => Promise<void> {
  async function emit(record: ItemRecord, story: Story, created: boolean, absorbed: readonly string[] = []): Promise<void> {
    const { storyId: _storyId, seenAt: _seenAt, handled: _handled, source: _source, ...item } = record;
    const annotated: AnnotatedItem = item;
    const event: StoryEvent = created
      ? { kind: 'story-created', story, item: annotated }
      : { kind: 'story-updated', story, item: annotated, ...(absorbed.length > 0 ? { absorbed: [...absorbed] } : {}) };
    await deps.onStoryEvent(event);
    await deps.items.byId.set(record.id, { ...record, handled: true }, deps.retentionMs);
  }

  async function reemit(record: ItemRecord): Promise<void> {
    const story = await deps.stories.get(record.storyId);
    if (!story) {
      // The story aged out of the window: nothing left to alert on.
      await deps.items.byId.set(record.id, { ...record, handled: true }, deps.retentionMs);
      return;
    }
    await emit(record, story, story.firstReport.itemId === record.id);
  }

  async function processOne(item: FeedItem): Promise<void> {
    const existing = await deps.items.byId.get(item.id);
    if (existing?.handled) return;
    if (existing) return reemit(existing);

    const intel = deps.annotate({ title: item.title, summary: item.summary, sourceTags: item.sourceTags });
    const source = deps.sourceOf(item.feedId);
    const { story, created, absorbed } = await deps.stories.assign({
      id: item.id,
      title: item.title,
      summary: item.summary,
      source,
      feedId: item.feedId,
      link: item.link,
      published: item.published,
      topics: intel.topics,
      scores: intel.scores,
      places: intel.places,
      actors: intel.actors,
    });
    const record: ItemRecord = { ...item, source, storyId: story.id, seenAt: deps.clock().toISOString(), handled: false, intel };
    await deps.items.byId.set(item.id, record, deps.retentionMs);
    if (item.link) await deps.items.byLink.set(item.link, item.id, deps.retentionMs);
    await emit(record, story, created, absorbed);
  }

  return async (items) => {
    const ordered = [...items].sort((a, b) => a.published.localeCompare(b.published) || a.id.localeCompare(b.id));
    for (const item of ordered) {
      try {
        await processOne(item);
      } catch (error) {
        deps.logger.error('item not processed; it will be offered again', { itemId: item.id, feedId: item.feedId, error: String(error) });
        throw error;
      }
    }
  };
}
