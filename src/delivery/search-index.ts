import MiniSearch, { type SearchResult } from 'minisearch';
import type { AnnotatedItem } from '../domain/annotations.js';
import type { Story } from '../domain/story.js';

/** One searchable record: a stored item or a story, flattened to text fields. */
export interface SearchDocument {
  id: string;
  kind: 'item' | 'story';
  title: string;
  summary: string;
  source: string;
  places: string[];
  actors: string[];
  topics: string[];
  link: string | null;
  /** ISO 8601; the time filter uses it. */
  published: string;
  /** For items: the story they belong to, when known. */
  storyId?: string | null;
}

export interface SearchHit {
  id: string;
  kind: 'item' | 'story';
  title: string;
  link: string | null;
  source: string;
  published: string;
  score: number;
}

export interface SearchQueryOptions {
  /** Only documents published at or after this instant. */
  since?: Date;
  limit?: number;
  kind?: 'item' | 'story';
}

export interface SearchIndex {
  /** Adds or replaces a document (same kind and id). */
  upsert(doc: SearchDocument): void;
  remove(kind: 'item' | 'story', id: string): boolean;
  search(query: string, options?: SearchQueryOptions): SearchHit[];
  /** Replaces the whole index with the given documents (on start, from the store). */
  rebuild(docs: AsyncIterable<SearchDocument> | Iterable<SearchDocument>): Promise<number>;
  readonly size: number;
}

interface IndexedDoc {
  key: string;
  id: string;
  kind: 'item' | 'story';
  title: string;
  summary: string;
  source: string;
  places: string;
  actors: string;
  topics: string;
  link: string | null;
  published: number;
  publishedIso: string;
}

function toIndexed(doc: SearchDocument): IndexedDoc {
  return {
    key: `${doc.kind}:${doc.id}`,
    id: doc.id,
    kind: doc.kind,
    title: doc.title,
    summary: doc.summary,
    source: doc.source,
    places: doc.places.join(' '),
    actors: doc.actors.join(' '),
    topics: doc.topics.join(' '),
    link: doc.link,
    published: Date.parse(doc.published) || 0,
    publishedIso: doc.published,
  };
}

function createMiniSearch(): MiniSearch<IndexedDoc> {
  return new MiniSearch<IndexedDoc>({
    idField: 'key',
    fields: ['title', 'summary', 'source', 'places', 'actors', 'topics'],
    storeFields: ['id', 'kind', 'title', 'link', 'source', 'published', 'publishedIso'],
    searchOptions: {
      boost: { title: 3, places: 2, actors: 2, topics: 1.5, source: 1.5 },
      // Prefix on every term; fuzzy only for longer terms, where typos happen and
      // where the edit-distance walk over a large vocabulary stays cheap.
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      maxFuzzy: 2,
      combineWith: 'AND',
    },
  });
}

export interface SearchIndexOptions {
  /** Width of one time shard; queries walk shards newest first. Default 6 hours. */
  shardMs?: number;
}

/**
 * Full-text search over items and stories (MiniSearch), updated incrementally.
 * Documents are sharded by publication time: a query searches the newest shards
 * first and stops once it has enough hits, so its cost follows the hits wanted,
 * not the size of the archive (MiniSearch scores every match of a common term).
 * Ranking is "newest relevant first": relevance orders hits within the shards read.
 */
export function createSearchIndex(options: SearchIndexOptions = {}): SearchIndex {
  const shardMs = options.shardMs ?? 6 * 3_600_000;
  let shards = new Map<number, MiniSearch<IndexedDoc>>();
  let shardOf = new Map<string, number>();
  let newestFirst: number[] | null = null;
  let pending: ({ doc: SearchDocument } | { key: string })[] | null = null;

  function shardFor(bucket: number): MiniSearch<IndexedDoc> {
    let shard = shards.get(bucket);
    if (!shard) {
      shard = createMiniSearch();
      shards.set(bucket, shard);
      newestFirst = null;
    }
    return shard;
  }

  function removeKey(key: string): boolean {
    const bucket = shardOf.get(key);
    if (bucket === undefined) return false;
    const shard = shards.get(bucket);
    shard?.discard(key);
    shardOf.delete(key);
    if (shard && shard.documentCount === 0) {
      shards.delete(bucket);
      newestFirst = null;
    }
    return true;
  }

  function upsert(doc: SearchDocument): void {
    pending?.push({ doc });
    const indexed = toIndexed(doc);
    const bucket = Math.floor(indexed.published / shardMs);
    if (shardOf.get(indexed.key) === bucket) {
      shardFor(bucket).replace(indexed);
      return;
    }
    removeKey(indexed.key);
    shardFor(bucket).add(indexed);
    shardOf.set(indexed.key, bucket);
  }

  function run(query: string, combineWith: 'AND' | 'OR', opts: SearchQueryOptions): SearchResult[] {
    const since = opts.since?.getTime();
    const limit = opts.limit ?? 10;
    newestFirst ??= [...shards.keys()].sort((a, b) => b - a);
    const found: SearchResult[] = [];
    for (const bucket of newestFirst) {
      if (since !== undefined && (bucket + 1) * shardMs <= since) break;
      const shard = shards.get(bucket);
      if (!shard) continue;
      found.push(
        ...shard.search(query, {
          combineWith,
          filter: (result) =>
            (since === undefined || (result['published'] as number) >= since) &&
            (opts.kind === undefined || result['kind'] === opts.kind),
        }),
      );
      if (found.length >= limit) break;
    }
    return found.sort((a, b) => b.score - a.score);
  }

  return {
    upsert,
    remove(kind, id) {
      pending?.push({ key: `${kind}:${id}` });
      return removeKey(`${kind}:${id}`);
    },
    search(query, opts = {}) {
      const text = query.trim();
      if (text.length === 0) return [];
      let results = run(text, 'AND', opts);
      // An AND query that finds nothing falls back to OR: a partial match beats silence.
      if (results.length === 0 && /\s/.test(text)) results = run(text, 'OR', opts);
      return results.slice(0, opts.limit ?? 10).map((result) => ({
        id: result['id'] as string,
        kind: result['kind'] as 'item' | 'story',
        title: result['title'] as string,
        link: (result['link'] as string | null) ?? null,
        source: result['source'] as string,
        published: result['publishedIso'] as string,
        score: result.score,
      }));
    },
    async rebuild(docs) {
      // Built off to the side and swapped in at the end; changes that arrive
      // meanwhile go to the live index and are replayed onto the new one.
      pending = [];
      const nextShards = new Map<number, MiniSearch<IndexedDoc>>();
      const nextShardOf = new Map<string, number>();
      const byBucket = new Map<number, Map<string, IndexedDoc>>();
      try {
        for await (const doc of docs) {
          const indexed = toIndexed(doc);
          const previous = nextShardOf.get(indexed.key);
          if (previous !== undefined) byBucket.get(previous)?.delete(indexed.key);
          const bucket = Math.floor(indexed.published / shardMs);
          const group = byBucket.get(bucket) ?? new Map<string, IndexedDoc>();
          group.set(indexed.key, indexed);
          byBucket.set(bucket, group);
          nextShardOf.set(indexed.key, bucket);
        }
        for (const [bucket, group] of byBucket) {
          if (group.size === 0) continue;
          const shard = createMiniSearch();
          shard.addAll([...group.values()]);
          nextShards.set(bucket, shard);
          // Yield between shards so a large rebuild on start does not stall the bot.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      } catch (error) {
        pending = null;
        throw error;
      }
      shards = nextShards;
      shardOf = nextShardOf;
      newestFirst = null;
      const replay = pending;
      pending = null;
      for (const change of replay) {
        if ('doc' in change) upsert(change.doc);
        else removeKey(change.key);
      }
      return shardOf.size;
    },
    get size() {
      return shardOf.size;
    },
  };
}

/** The search document for a stored item; `source` is the outlet label of its feed. */
export function itemDocument(item: AnnotatedItem, source: string, storyId: string | null = null): SearchDocument {
  return {
    id: item.id,
    kind: 'item',
    title: item.title,
    summary: item.intel.summary || item.summary,
    source,
    places: item.intel.places,
    actors: item.intel.actors,
    topics: item.intel.topics,
    link: item.link,
    published: item.published,
    storyId,
  };
}

/** The search document for a story: its first headline, every outlet, all reports' headlines. */
export function storyDocument(story: Story): SearchDocument {
  const sources = [...new Set(story.reports.map((r) => r.source))];
  const otherTitles = story.reports.filter((r) => r.itemId !== story.firstReport.itemId).map((r) => r.title);
  return {
    id: story.id,
    kind: 'story',
    title: story.firstReport.title,
    summary: otherTitles.join(' \n '),
    source: sources.join(' '),
    places: story.places,
    actors: story.actors,
    topics: story.topics,
    link: story.firstReport.link,
    published: story.lastUpdated,
  };
}
