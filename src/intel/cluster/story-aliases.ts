import type { ClusterResult } from './cluster-types.js';

/**
 * Where merged stories went. When an item shows two live stories to be one event, the
 * later one is absorbed into the earlier (ClusterResult.absorbed); items already placed
 * in the absorbed story now belong to the survivor, which may itself be absorbed later.
 */
export class StoryAliases {
  private readonly survivorOf = new Map<string, string>();

  record(result: Pick<ClusterResult, 'story' | 'absorbed'>): void {
    for (const id of result.absorbed) this.survivorOf.set(id, result.story.id);
  }

  /** The story an id now belongs to (itself unless it was absorbed). */
  resolve(storyId: string): string {
    const path: string[] = [];
    let id = storyId;
    for (let next = this.survivorOf.get(id); next !== undefined && path.length < 1_000; next = this.survivorOf.get(id)) {
      path.push(id);
      id = next;
    }
    for (const hop of path) this.survivorOf.set(hop, id);
    return id;
  }
}
