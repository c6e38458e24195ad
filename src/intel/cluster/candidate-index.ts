/**
 * Inverted index from salient term ids and entity keys (places, actors) to live
 * story slots. Retrieval touches only the posting lists of an item's rarest terms,
 * so its cost depends on how many stories share those terms, not on the window size.
 */
export class CandidateIndex {
  private readonly terms = new Map<number, Set<number>>();
  private readonly entities = new Map<string, Set<number>>();

  constructor(private readonly maxPostingLength: number) {}

  addTerm(termId: number, slot: number): void {
    let posting = this.terms.get(termId);
    if (!posting) {
      posting = new Set();
      this.terms.set(termId, posting);
    }
    posting.add(slot);
  }

  addEntity(key: string, slot: number): void {
    let posting = this.entities.get(key);
    if (!posting) {
      posting = new Set();
      this.entities.set(key, posting);
    }
    posting.add(slot);
  }

  removeTerm(termId: number, slot: number): void {
    const posting = this.terms.get(termId);
    if (!posting) return;
    posting.delete(slot);
    if (posting.size === 0) this.terms.delete(termId);
  }

  removeEntity(key: string, slot: number): void {
    const posting = this.entities.get(key);
    if (!posting) return;
    posting.delete(slot);
    if (posting.size === 0) this.entities.delete(key);
  }

  /**
   * Story slots sharing the query's terms or entities, best first by summed term
   * weight (entities count half), at most `limit`. Ties break by slot for determinism.
   */
  candidates(query: readonly { id: number; weight: number }[], entityKeys: readonly string[], limit: number): number[] {
    const scores = new Map<number, number>();
    for (const { id, weight } of query) {
      const posting = this.terms.get(id);
      if (!posting || posting.size > this.maxPostingLength) continue;
      for (const slot of posting) scores.set(slot, (scores.get(slot) ?? 0) + weight);
    }
    for (const key of entityKeys) {
      const posting = this.entities.get(key);
      if (!posting || posting.size > this.maxPostingLength) continue;
      for (const slot of posting) scores.set(slot, (scores.get(slot) ?? 0) + 0.5);
    }
    return topSlots(scores, limit);
  }

  get postingCount(): number {
    return this.terms.size + this.entities.size;
  }
}

/** The `limit` best-scored slots, best first (ties: newest slot first), without sorting them all. */
function topSlots(scores: Map<number, number>, limit: number): number[] {
  const best: [number, number][] = [];
  const better = (a: [number, number], b: [number, number]): boolean => a[1] > b[1] || (a[1] === b[1] && a[0] > b[0]);
  for (const entry of scores) {
    if (best.length < limit) {
      best.push(entry);
      if (best.length === limit) best.sort((a, b) => (better(a, b) ? -1 : 1));
      continue;
    }
    const last = best[limit - 1];
    if (!last || !better(entry, last)) continue;
    let at = limit - 1;
    while (at > 0 && better(entry, best[at - 1] ?? entry)) at -= 1;
    best.splice(at, 0, entry);
    best.pop();
  }
  if (best.length < limit) best.sort((a, b) => (better(a, b) ? -1 : 1));
  return best.map(([slot]) => slot);
}
