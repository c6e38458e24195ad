import type { z } from 'zod';
import type { Collection, Store } from './store.js';

interface Entry {
  json: string;
  expiresAt: number | null;
}

/**
 * In-process store with the same contract as the keyv ones: values are stored
 * as JSON and re-validated on read, so tests catch what a real store would.
 */
export class MemoryStore implements Store {
  private readonly data = new Map<string, Map<string, Entry>>();

  constructor(private readonly now: () => number = Date.now) {}

  collection<S extends z.ZodType>(name: string, schema: S): Collection<z.output<S>> {
    let table = this.data.get(name);
    if (!table) {
      table = new Map();
      this.data.set(name, table);
    }
    return new MemoryCollection<z.output<S>>(table, schema, this.now);
  }

  async close(): Promise<void> {}
}

class MemoryCollection<T> implements Collection<T> {
  constructor(
    private readonly table: Map<string, Entry>,
    private readonly schema: z.ZodType,
    private readonly now: () => number,
  ) {}

  private live(key: string): Entry | undefined {
    const entry = this.table.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== null && entry.expiresAt <= this.now()) {
      this.table.delete(key);
      return undefined;
    }
    return entry;
  }

  private decode(entry: Entry): T {
    return this.schema.parse(JSON.parse(entry.json)) as T;
  }

  async get(key: string): Promise<T | undefined> {
    const entry = this.live(key);
    return entry ? this.decode(entry) : undefined;
  }

  async getMany(keys: readonly string[]): Promise<(T | undefined)[]> {
    return Promise.all(keys.map((key) => this.get(key)));
  }

  async set(key: string, value: T, ttlMs?: number): Promise<void> {
    const expiresAt = ttlMs === undefined ? null : this.now() + ttlMs;
    this.table.set(key, { json: JSON.stringify(value), expiresAt });
  }

  async has(key: string): Promise<boolean> {
    return this.live(key) !== undefined;
  }

  async delete(key: string): Promise<boolean> {
    return this.table.delete(key);
  }

  async *entries(): AsyncIterable<[string, T]> {
    for (const key of [...this.table.keys()]) {
      const entry = this.live(key);
      if (entry) yield [key, this.decode(entry)];
    }
  }

  async clear(): Promise<void> {
    this.table.clear();
  }
}
