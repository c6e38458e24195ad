import { createStoryClusterer } from '../intel/cluster/create-story-clusterer.js';
import { storySnapshotSchema, type ClusterInput, type ClusterResult, type StoryClustererOptions } from '../intel/cluster/cluster-types.js';
import type { Story } from '../domain/story.js';
import type { Store } from '../store/store.js';
import type { StoryAssigner } from './process-new-items.js';
import type { StoryLookup } from './stories-reader.js';

export interface StoryRepository extends StoryAssigner, StoryLookup {
  /** Stories held by the in-memory clusterer (inside the window). */
  readonly liveStories: number;
}

export interface StoryRepositoryOptions extends Omit<StoryClustererOptions, 'windowHours'> {
  windowHours: number;
  clock: () => Date;
  /** How long a story record stays readable after its last report (`/sitrep recent`, `why`). Default 7 days. */
  retentionMs?: number;
}

/**
 * The clusterer's state, persisted: every assignment writes the story's snapshot (record +
 * the evidence the clusterer compares against), and opening the repository restores the
 * stories still inside the window, so a restart keeps clustering into the same stories.
 * Assignments are serialized: the clusterer must see items one at a time, in order.
 */
export async function openStoryRepository(store: Store, options: StoryRepositoryOptions): Promise<StoryRepository> {
  const { clock, retentionMs: retention, ...clusterOptions } = options;
  const retentionMs = Math.max(retention ?? 7 * 86_400_000, options.windowHours * 3_600_000);
  const snapshots = store.collection('stories', storySnapshotSchema);
  const clusterer = createStoryClusterer(clusterOptions);

  const restored = [];
  for await (const [, snapshot] of snapshots.entries()) restored.push(snapshot);
  clusterer.restore(restored, clock().getTime());

  let queue: Promise<unknown> = Promise.resolve();
  function serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    assign(input: ClusterInput): Promise<ClusterResult> {
      return serialized(async () => {
        const result = clusterer.add(input);
        const snapshot = clusterer.snapshot(result.story.id);
        if (snapshot) await snapshots.set(result.story.id, snapshot, retentionMs);
        return result;
      });
    },
    async get(storyId: string): Promise<Story | undefined> {
      return (await snapshots.get(storyId))?.story;
    },
    async *all(): AsyncIterable<Story> {
      for await (const [, snapshot] of snapshots.entries()) yield snapshot.story;
    },
    get liveStories() {
      return clusterer.liveStories;
    },
  };
}
