import { z } from 'zod';
import type { Story } from '../domain/story.js';
import { createStoryClusterer } from '../intel/cluster/create-story-clusterer.js';
import {
  storySchema,
  storySnapshotSchema,
  type ClusterInput,
  type ClusterResult,
  type StoryClusterer,
  type StoryClustererOptions,
  type StorySnapshot,
} from '../intel/cluster/cluster-types.js';
import type { Store } from '../store/store.js';
import type { StoryAssigner } from './process-new-items.js';
import type { StoryLookup } from './stories-reader.js';

const hourMs = 3_600_000;

export interface StoryRepositoryOptions {
  windowHours: number;
  /** How long a story record stays readable after its last report (`/sitrep recent`, `why`). Default 30 days. */
  retentionHours?: number;
}

export interface RestoreResult {
  restored: number;
  /** Ids of stored clustering states that no longer validate; they are skipped, not trusted. */
  corrupt: string[];
}

/**
 * Two records per story: the story itself (kept for the retention period, read by commands)
 * and the clusterer's evidence for it (kept for the window only: after that nothing can join).
 */
export function createStoryRepository(store: Store, options: StoryRepositoryOptions) {
  const windowMs = options.windowHours * hourMs;
  const retentionMs = Math.max((options.retentionHours ?? 24 * 30) * hourMs, windowMs);
  const stories = store.collection('stories', storySchema);
  const states = store.collection('story-state', storySnapshotSchema);
  const rawStates = store.collection('story-state', z.unknown());
  // An absorbed story's id leads to the story it merged into (items keep the id they got).
  const aliases = store.collection('story-alias', z.object({ into: z.string() }));

  async function save(snapshot: StorySnapshot | undefined): Promise<void> {
    if (!snapshot) return;
    await states.set(snapshot.story.id, snapshot, windowMs);
    await stories.set(snapshot.story.id, snapshot.story, retentionMs);
  }

  return {
    /** Runs one item through the clusterer and persists the story it joined or started. */
    async add(clusterer: StoryClusterer, input: ClusterInput): Promise<ClusterResult> {
      const result = clusterer.add(input);
      // Aliases first: a crash before the absorbed states are deleted then leaves them
      // skipped at restore (aliased), never restored as a second copy of their reports.
      for (const absorbed of result.absorbed) await aliases.set(absorbed, { into: result.story.id }, retentionMs);
      await save(clusterer.snapshot(result.story.id));
      for (const absorbed of result.absorbed) {
        await states.delete(absorbed);
        await stories.delete(absorbed);
      }
      return result;
    },
    async restoreInto(clusterer: StoryClusterer, nowMs?: number): Promise<RestoreResult> {
      const valid: StorySnapshot[] = [];
      const corrupt: string[] = [];
      for await (const [id, value] of rawStates.entries()) {
        const parsed = storySnapshotSchema.safeParse(value);
        if (!parsed.success) corrupt.push(id);
        else if (!(await aliases.get(id))) valid.push(parsed.data);
      }
      const before = clusterer.liveStories;
      clusterer.restore(valid, nowMs);
      return { restored: clusterer.liveStories - before, corrupt: corrupt.sort() };
    },
    /** The story an id belongs to now, following merges. */
    async get(storyId: string): Promise<Story | undefined> {
      let id = storyId;
      // Each merge adds one hop; a story absorbed again and again is still a short chain.
      for (let hops = 0; hops < 32; hops += 1) {
        const alias = await aliases.get(id);
        if (!alias) break;
        id = alias.into;
      }
      return stories.get(id);
    },
    async *all(): AsyncIterable<Story> {
      for await (const [, story] of stories.entries()) yield story;
    },
  };
}

export interface StoryRepository extends StoryAssigner, StoryLookup {
  readonly restored: RestoreResult;
  /** Stories the in-memory clusterer holds (inside the window). */
  readonly liveStories: number;
}

/**
 * A clusterer restored from the store, whose every assignment is persisted, so a restart
 * keeps clustering into the same stories. Assignments are serialized: the clusterer must
 * see items one at a time.
 */
export async function openStoryRepository(
  store: Store,
  options: StoryRepositoryOptions & Omit<StoryClustererOptions, 'windowHours'> & { clock?: () => Date },
): Promise<StoryRepository> {
  const { clock, retentionHours, ...clusterOptions } = options;
  const repository = createStoryRepository(store, { windowHours: options.windowHours, ...(retentionHours === undefined ? {} : { retentionHours }) });
  const clusterer = createStoryClusterer(clusterOptions);
  const restored = await repository.restoreInto(clusterer, clock?.().getTime());

  let queue: Promise<unknown> = Promise.resolve();
  return {
    restored,
    get liveStories() {
      return clusterer.liveStories;
    },
    assign(input) {
      const run = queue.then(() => repository.add(clusterer, input));
      queue = run.catch(() => undefined);
      return run;
    },
    get: repository.get,
    all: repository.all,
  };
}
