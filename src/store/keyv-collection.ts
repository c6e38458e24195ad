import type Keyv from 'keyv';
import type { z } from 'zod';
import type { Logger } from '../domain/logger.js';
import type { Collection } from './store.js';

/** What keyv hands back for a value that is not valid JSON. */
export class CorruptRecord {
  constructor(readonly raw: string) {}
}

/**
 * keyv's default serializer has its own string encodings (`:base64:` …); plain
 * JSON keeps records readable with sqlite3/psql/redis-cli, and a value that is
 * not JSON becomes a CorruptRecord instead of an exception deep inside keyv.
 */
export function serializeRecord(data: unknown): string {
  return JSON.stringify(data);
}

export function deserializeRecord<V>(raw: string): { value?: V; expires?: number } {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed !== null && typeof parsed === 'object' && 'value' in parsed) {
      const { value, expires } = parsed as { value?: V; expires?: unknown };
      return typeof expires === 'number' ? { value, expires } : { value };
    }
  } catch {
    // fall through: reported as corrupt by the collection
  }
  return { value: new CorruptRecord(raw) as V };
}

export class StoreRecordError extends Error {
  override readonly name = 'StoreRecordError';
  constructor(
    readonly collection: string,
    readonly key: string,
    readonly problem: string,
  ) {
    super(`store: record "${key}" in collection "${collection}" is invalid: ${problem}`);
  }
}

/** A Collection over one keyv instance (one namespace), validating every value read back. */
export class KeyvCollection<T> implements Collection<T> {
  constructor(
    private readonly name: string,
    private readonly keyv: Keyv,
    private readonly schema: z.ZodType,
    private readonly logger: Logger,
  ) {}

  private check(key: string, value: unknown): T {
    if (value instanceof CorruptRecord) throw new StoreRecordError(this.name, key, 'not JSON');
    const result = this.schema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      throw new StoreRecordError(this.name, key, `${where}${issue?.message ?? 'schema mismatch'}`);
    }
    return result.data as T;
  }

  async get(key: string): Promise<T | undefined> {
    const value: unknown = await this.keyv.get(key);
    return value === undefined ? undefined : this.check(key, value);
  }

  async getMany(keys: readonly string[]): Promise<(T | undefined)[]> {
    if (keys.length === 0) return [];
    const values: unknown[] = await this.keyv.getMany([...keys]);
    return keys.map((key, index) => {
      const value = values[index];
      return value === undefined || value === null ? undefined : this.check(key, value);
    });
  }

  async set(key: string, value: T, ttlMs?: number): Promise<void> {
    const ok = await this.keyv.set(key, value, ttlMs);
    if (!ok) throw new Error(`store: could not write "${key}" in collection "${this.name}"`);
  }

  async has(key: string): Promise<boolean> {
    // keyv.has() asks sqlite/postgres for the row, expired or not; get() honours the TTL.
    return (await this.keyv.get(key)) !== undefined;
  }

  async delete(key: string): Promise<boolean> {
    return this.keyv.delete(key);
  }

  async *entries(): AsyncIterable<[string, T]> {
    const iterate = this.keyv.iterator;
    if (!iterate) throw new Error(`store: the adapter behind "${this.name}" cannot list its records`);
    for await (const entry of iterate(undefined) as AsyncIterable<[string, unknown]>) {
      const [key, value] = entry;
      if (value === undefined || value === null) continue;
      try {
        yield [key, this.check(key, value)];
      } catch (error) {
        this.logger.warn('store: skipping invalid record', { collection: this.name, key, error });
      }
    }
  }

  async clear(): Promise<void> {
    await this.keyv.clear();
  }
}
