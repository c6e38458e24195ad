import type { AnnotatedItem } from '../domain/annotations.js';
import type { Story, StoryEvent } from '../domain/story.js';
import { itemDocument, storyDocument, type SearchDocument, type SearchIndex } from './search-index.js';

/** Outlet label of a feed id (the feed's `source`, else its id). */
export type SourceOf = (feedId: string) => string;

/** Keeps the index current as stories arrive: the new item and its (grown) story. */
export function indexStoryEvent(index: SearchIndex, event: StoryEvent, sourceOf: SourceOf): void {
  index.upsert(itemDocument(event.item, sourceOf(event.item.feedId), event.story.id));
  index.upsert(storyDocument(event.story));
  // A merged-away story is part of this one now; its reports are found through it.
  if (event.kind === 'story-updated') for (const id of event.absorbed ?? []) index.remove('story', id);
}

/** On start: the whole index from what the store holds (items and stories). */
export async function rebuildSearchIndex(
  index: SearchIndex,
  sources: { items: () => AsyncIterable<AnnotatedItem>; stories: () => AsyncIterable<Story>; sourceOf: SourceOf },
): Promise<number> {
  async function* documents(): AsyncIterable<SearchDocument> {
    for await (const item of sources.items()) yield itemDocument(item, sources.sourceOf(item.feedId));
    for await (const story of sources.stories()) yield storyDocument(story);
  }
  return index.rebuild(documents());
}
