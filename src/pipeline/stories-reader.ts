import type { StoriesReader } from '../commands/command-core.js';
import type { Story } from '../domain/story.js';
import { canonicalUrl } from '../feeds/canonical-url.js';
import type { ItemRecords } from './item-records.js';

/** What the reader needs of the story repository. */
export interface StoryLookup {
  get(storyId: string): Promise<Story | undefined>;
  /** Every stored story (live or aged out but not yet expired), any order. */
  all(): AsyncIterable<Story>;
}

function matchesRegion(story: Story, regions: readonly string[]): boolean {
  // A country code also matches its subdivisions ("AF" matches "AF-KAB").
  return regions.some((region) => story.places.some((place) => place === region || place.startsWith(`${region}-`)));
}

/** `/sitrep recent` and `/sitrep why` read stories and items from the local store through this. */
export function createStoriesReader(deps: { stories: StoryLookup; items: ItemRecords }): StoriesReader {
  return {
    async recent({ since, topic, regions, limit }) {
      const found: Story[] = [];
      const sinceIso = since.toISOString();
      for await (const story of deps.stories.all()) {
        if (story.lastUpdated < sinceIso) continue;
        if (topic && !story.topics.includes(topic)) continue;
        if (regions && regions.length > 0 && !matchesRegion(story, regions)) continue;
        found.push(story);
      }
      found.sort((a, b) => b.lastUpdated.localeCompare(a.lastUpdated) || a.id.localeCompare(b.id));
      return found.slice(0, limit);
    },
    async findByUrl(url) {
      const candidates = [url, canonicalUrl(url)].filter((value): value is string => typeof value === 'string');
      for (const link of candidates) {
        const itemId = await deps.items.byLink.get(link);
        const record = itemId ? await deps.items.byId.get(itemId) : undefined;
        if (!record) continue;
        const { storyId, seenAt: _seenAt, handled: _handled, source: _source, ...item } = record;
        return { item, story: (await deps.stories.get(storyId)) ?? null };
      }
      return null;
    },
  };
}
