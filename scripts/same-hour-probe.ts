/**
 * How much of the separation of hard negatives rests on time: each pair's two stories
 * alone, the second moved to begin an hour after the first, clustered as one stream.
 * The labelled times stay as they are for every other figure of eval:stories.
 */

export interface ProbeItem {
  id: string;
  story: string;
  published: string;
}

export interface StoryPair {
  a: string;
  b: string;
}

const hourMs = 3_600_000;

/** Items as the live system sees them: by published time, ties by id. */
export function inPublishedOrder<T extends ProbeItem>(items: readonly T[]): T[] {
  return [...items].sort((x, y) => Date.parse(x.published) - Date.parse(y.published) || x.id.localeCompare(y.id));
}

/**
 * The pairs whose stories share a predicted story once b begins an hour after a.
 * `clusterStream` gets the items in published order and returns each one's story.
 * Pairs with a story missing from `items` are not tried.
 */
export function sameHourProbe<T extends ProbeItem, P extends StoryPair>(
  items: readonly T[],
  pairs: readonly P[],
  clusterStream: (stream: readonly T[]) => string[],
): { merged: P[]; tried: number } {
  const merged: P[] = [];
  let tried = 0;
  for (const pair of pairs) {
    const first = inPublishedOrder(items.filter((item) => item.story === pair.a));
    const second = inPublishedOrder(items.filter((item) => item.story === pair.b));
    if (!first[0] || !second[0]) continue;
    tried += 1;
    const shift = Date.parse(first[0].published) + hourMs - Date.parse(second[0].published);
    const moved = second.map((item) => ({ ...item, published: new Date(Date.parse(item.published) + shift).toISOString() }));
    const stream = inPublishedOrder([...first, ...moved]);
    const predicted = clusterStream(stream);
    const storiesOfA = new Set(predicted.filter((_, i) => stream[i]?.story === pair.a));
    if (predicted.some((story, i) => stream[i]?.story === pair.b && storiesOfA.has(story))) merged.push(pair);
  }
  return { merged, tried };
}
