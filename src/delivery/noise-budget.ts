import type { Collection } from '../store/store.js';

const hourMs = 3_600_000;

export interface NoiseBudget {
  /** Instant alerts per channel key within the last hour before `now`. */
  counts(now: Date): Promise<Map<string, number>>;
  record(channel: string, now: Date): Promise<void>;
}

/** Sliding one-hour window of instant alerts per channel, persisted so a restart keeps the budget. */
export function createNoiseBudget(records: Collection<{ sent: number[] }>): NoiseBudget {
  let cache: Map<string, number[]> | null = null;

  async function load(): Promise<Map<string, number[]>> {
    if (cache) return cache;
    const loaded = new Map<string, number[]>();
    for await (const [key, value] of records.entries()) loaded.set(key, value.sent);
    cache = loaded;
    return loaded;
  }

  return {
    async counts(now) {
      const all = await load();
      const from = now.getTime() - hourMs;
      const out = new Map<string, number>();
      for (const [key, sent] of all) {
        const recent = sent.filter((at) => at > from);
        if (recent.length > 0) out.set(key, recent.length);
      }
      return out;
    },
    async record(channel, now) {
      const all = await load();
      const from = now.getTime() - hourMs;
      const sent = [...(all.get(channel) ?? []).filter((at) => at > from), now.getTime()];
      all.set(channel, sent);
      await records.set(channel, { sent }, hourMs);
    },
  };
}
