import { z } from 'zod';
import type { Store } from '../store/store.js';

/** What chat can see and tune of a topic; the lead maps config/topics.yaml to this. */
export interface TopicDefinition {
  id: string;
  label: string;
  description: string;
  /** Terms the classifier treats as evidence for the topic. */
  terms: string[];
  /** Score at which the classifier assigns the topic. */
  threshold: number;
}

export const topicChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('add-term'), topic: z.string(), term: z.string().min(1) }),
  z.object({ kind: z.literal('remove-term'), topic: z.string(), term: z.string().min(1) }),
  z.object({ kind: z.literal('threshold'), topic: z.string(), value: z.number().min(0).max(1) }),
]);
export type TopicChange = z.output<typeof topicChangeSchema>;

const changeRecordSchema = z.object({
  version: z.number().int().positive(),
  change: topicChangeSchema,
  by: z.string(),
  at: z.string(),
  /** Set on an undo record: the version it reverted. */
  undoes: z.number().int().nullable(),
  /** Set on a change once it was reverted. */
  undoneBy: z.number().int().nullable(),
});
export type TopicChangeRecord = z.output<typeof changeRecordSchema>;

export interface TopicsSnapshot {
  /** 0 = the config seed, then one per change. */
  version: number;
  topics: TopicDefinition[];
}

export type TopicsResult =
  | { ok: true; record: TopicChangeRecord; snapshot: TopicsSnapshot }
  | { ok: false; code: 'command/invalid-arguments'; message: string };

/**
 * Versioned topic tuning from chat. The config file stays the seed; changes are a
 * log in the Store replayed over it. `listen` is where the classifier reloads.
 */
export interface TopicsRegistry {
  current(): Promise<TopicsSnapshot>;
  apply(change: TopicChange, meta: { by: string; at: Date }): Promise<TopicsResult>;
  history(limit?: number): Promise<TopicChangeRecord[]>;
  /** Reverts the latest change not yet reverted, as a new version. */
  undo(meta: { by: string; at: Date }): Promise<TopicsResult>;
  /** Called after every change with the new snapshot; returns an unsubscribe function. */
  listen(listener: (snapshot: TopicsSnapshot) => void | Promise<void>): () => void;
}

function applyChange(topics: TopicDefinition[], change: TopicChange): TopicDefinition[] | string {
  const index = topics.findIndex((t) => t.id === change.topic);
  const topic = topics[index];
  if (!topic) return `unknown topic "${change.topic}"; configured topics: ${topics.map((t) => t.id).join(', ')}`;
  let next: TopicDefinition;
  if (change.kind === 'add-term') {
    const term = change.term.trim().toLowerCase();
    if (topic.terms.includes(term)) return `topic ${topic.id} already has the term "${term}"`;
    next = { ...topic, terms: [...topic.terms, term] };
  } else if (change.kind === 'remove-term') {
    const term = change.term.trim().toLowerCase();
    if (!topic.terms.includes(term)) return `topic ${topic.id} has no term "${term}"`;
    next = { ...topic, terms: topic.terms.filter((t) => t !== term) };
  } else {
    next = { ...topic, threshold: change.value };
  }
  return topics.map((t, i) => (i === index ? next : t));
}

function inverse(change: TopicChange, before: TopicDefinition[]): TopicChange {
  if (change.kind === 'add-term') return { kind: 'remove-term', topic: change.topic, term: change.term.trim().toLowerCase() };
  if (change.kind === 'remove-term') return { kind: 'add-term', topic: change.topic, term: change.term.trim().toLowerCase() };
  const previous = before.find((t) => t.id === change.topic)?.threshold ?? change.value;
  return { kind: 'threshold', topic: change.topic, value: previous };
}

export function createTopicsRegistry(deps: { store: Store; seed: readonly TopicDefinition[] }): TopicsRegistry {
  const log = deps.store.collection('topic-changes', changeRecordSchema);
  const listeners = new Set<(snapshot: TopicsSnapshot) => void | Promise<void>>();
  let state: { snapshot: TopicsSnapshot; records: TopicChangeRecord[] } | null = null;
  // Changes are serialized: versions must not interleave.
  let queue: Promise<unknown> = Promise.resolve();

  async function load() {
    if (state) return state;
    const records: TopicChangeRecord[] = [];
    for await (const [, record] of log.entries()) records.push(record);
    records.sort((a, b) => a.version - b.version);
    let topics = deps.seed.map((t) => ({ ...t, terms: [...t.terms] }));
    for (const record of records) {
      const next = applyChange(topics, record.change);
      if (typeof next !== 'string') topics = next;
    }
    state = { snapshot: { version: records.at(-1)?.version ?? 0, topics }, records };
    return state;
  }

  async function commit(change: TopicChange, meta: { by: string; at: Date }, undoes: number | null): Promise<TopicsResult> {
    const current = await load();
    const next = applyChange(current.snapshot.topics, change);
    if (typeof next === 'string') return { ok: false, code: 'command/invalid-arguments', message: next };
    const record: TopicChangeRecord = {
      version: current.snapshot.version + 1,
      change,
      by: meta.by,
      at: meta.at.toISOString(),
      undoes,
      undoneBy: null,
    };
    await log.set(String(record.version).padStart(8, '0'), record);
    current.records.push(record);
    if (undoes !== null) {
      const original = current.records.find((r) => r.version === undoes);
      if (original) {
        original.undoneBy = record.version;
        await log.set(String(original.version).padStart(8, '0'), original);
      }
    }
    current.snapshot = { version: record.version, topics: next };
    for (const listener of listeners) await listener(current.snapshot);
    return { ok: true, record, snapshot: current.snapshot };
  }

  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    current: async () => (await load()).snapshot,
    apply: (change, meta) => serialized(() => commit(change, meta, null)),
    async history(limit = 10) {
      return [...(await load()).records].reverse().slice(0, limit);
    },
    undo: (meta) =>
      serialized(async () => {
        const current = await load();
        const target = [...current.records].reverse().find((r) => r.undoes === null && r.undoneBy === null);
        if (!target) return { ok: false, code: 'command/invalid-arguments', message: 'nothing to undo: no tuning change is in effect' };
        // Replay up to just before the target to learn what the change replaced.
        let before = deps.seed.map((t) => ({ ...t, terms: [...t.terms] }));
        for (const record of current.records) {
          if (record.version >= target.version) break;
          const next = applyChange(before, record.change);
          if (typeof next !== 'string') before = next;
        }
        return commit(inverse(target.change, before), meta, target.version);
      }),
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
