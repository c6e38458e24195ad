import type { z } from 'zod';

/**
 * A named collection of JSON values. Values read back are validated with the
 * collection's zod schema, so a stale or corrupt record is reported, not trusted.
 */
export interface Collection<T> {
  get(key: string): Promise<T | undefined>;
  getMany(keys: readonly string[]): Promise<(T | undefined)[]>;
  /** `ttlMs` makes the record expire (dedup keys, story windows). */
  set(key: string, value: T, ttlMs?: number): Promise<void>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<boolean>;
  /** Every live record; order is unspecified. */
  entries(): AsyncIterable<[string, T]>;
  clear(): Promise<void>;
}

/** The one storage seam. Implementations: keyv (sqlite, redis, postgres) and memory. */
export interface Store {
  collection<S extends z.ZodType>(name: string, schema: S): Collection<z.output<S>>;
  close(): Promise<void>;
}
