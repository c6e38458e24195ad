import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import KeyvPostgres from '@keyv/postgres';
import KeyvRedis, { createClient } from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import pg from 'pg';
import type { z } from 'zod';
import { createSilentLogger, type Logger } from '../domain/logger.js';
import { KeyvCollection, deserializeRecord, serializeRecord } from './keyv-collection.js';
import type { Collection, Store } from './store.js';

export interface OpenStoreOptions {
  /** Prepended to every collection's namespace (redis key prefix, sqlite/postgres key prefix). */
  namespacePrefix?: string;
  /** Table for sqlite/postgres (default "keyv", keyv's own default). */
  table?: string;
  logger?: Logger;
  /** How long to wait for a redis/postgres server before giving up (ms). */
  connectTimeoutMs?: number;
}

export class StoreUrlError extends Error {
  override readonly name = 'StoreUrlError';
}

// Collection names become keyv namespaces, used in LIKE / SCAN MATCH patterns:
// keep them to characters that are not wildcards there.
const collectionNamePattern = /^[a-z0-9][a-z0-9.-]*$/;

type AdapterFactory = (namespace: string) => KeyvStoreAdapter | Map<string, unknown>;

interface Backend {
  kind: 'memory' | 'sqlite' | 'redis' | 'postgres';
  adapter: AdapterFactory;
  /** keyv's own `ns:` prefix; redis adapters prefix keys themselves. */
  useKeyPrefix: boolean;
  close(adapters: readonly (KeyvStoreAdapter | Map<string, unknown>)[]): Promise<void>;
}

/**
 * Opens the store `STORE_URL` names: `sqlite://./data/sitrep.sqlite` (directory created),
 * `redis://host:6379`, `postgres://user@host:5432/db`, or `memory://`.
 * One keyv instance (one namespace) per collection; every value read back is validated.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const logger = options.logger ?? createSilentLogger();
  const backend = await openBackend(url, options);
  return new KeyvStore(backend, options.namespacePrefix ?? '', logger);
}

async function openBackend(url: string, options: OpenStoreOptions): Promise<Backend> {
  const scheme = url.split(':', 1)[0]?.toLowerCase() ?? '';
  const timeoutMs = options.connectTimeoutMs ?? 5_000;
  switch (scheme) {
    case 'memory':
      return { kind: 'memory', adapter: () => new Map(), useKeyPrefix: true, close: async () => undefined };
    case 'sqlite':
      return openSqlite(url, options.table);
    case 'redis':
    case 'rediss':
      return openRedis(url, timeoutMs);
    case 'postgres':
    case 'postgresql':
      return openPostgres(url, options.table, timeoutMs);
    default:
      throw new StoreUrlError(
        `STORE_URL: expected sqlite://PATH, redis://HOST:PORT, postgres://USER@HOST/DB or memory://, got "${url}"`,
      );
  }
}

async function openSqlite(url: string, table: string | undefined): Promise<Backend> {
  const file = url.replace(/^sqlite:\/\//i, '');
  if (file === '') throw new StoreUrlError(`STORE_URL: sqlite:// needs a file path, got "${url}"`);
  if (file !== ':memory:') await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  return {
    kind: 'sqlite',
    // Several connections to one file (one per collection) wait on each other's writes.
    // Pages of 1,000: the adapter pages with OFFSET, so keyv's default of 10 makes a sweep quadratic.
    adapter: () =>
      tunedSqlite(new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000, iterationLimit: 1_000, ...(table ? { table } : {}) })),
    useKeyPrefix: true,
    close: async (adapters) => {
      await Promise.all(adapters.map((adapter) => (adapter as unknown as KeyvSqlite).close()));
    },
  };
}

/**
 * In sqlite's default rollback-journal mode every autocommitted write waits for an
 * fsync: thousands of dedup keys per poll took minutes. WAL with synchronous=NORMAL
 * keeps the database consistent after a crash (the last commits may be lost, and
 * those items are simply seen as new once more) at a fraction of the cost.
 */
function tunedSqlite(adapter: KeyvSqlite): KeyvStoreAdapter {
  const query = adapter.query.bind(adapter);
  const ready = query('PRAGMA journal_mode=WAL').then(() => query('PRAGMA synchronous=NORMAL'));
  // A failure surfaces on the first real statement; this branch only keeps it from being unhandled.
  ready.catch(() => undefined);
  // Every statement waits for the pragmas, so none runs in the slow mode.
  adapter.query = async (...args: Parameters<typeof query>) => ready.then(() => query(...args));
  return adapter as unknown as KeyvStoreAdapter;
}

async function openRedis(url: string, timeoutMs: number): Promise<Backend> {
  // One shared client; fail fast at start-up instead of retrying forever behind keyv.
  let connected = false;
  const client = createClient({
    url,
    socket: {
      connectTimeout: timeoutMs,
      // Before the first connection: give up at once; after: keep trying through blips.
      reconnectStrategy: (retries: number) => (connected ? Math.min(100 * 2 ** retries, 5_000) : false),
    },
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    connected = true;
  } catch (error) {
    throw new StoreUrlError(`STORE_URL: cannot connect to redis at ${redactUrl(url)}: ${String(error)}`);
  }
  return {
    kind: 'redis',
    adapter: (namespace) => new KeyvRedis(client, { namespace }) as unknown as KeyvStoreAdapter,
    useKeyPrefix: false,
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}

async function openPostgres(url: string, table: string | undefined, timeoutMs: number): Promise<Backend> {
  // @keyv/postgres keeps one module-global pool per URI that any disconnect() ends;
  // each store gets its own pool instead, so two stores in one process stay independent.
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: timeoutMs, max: 5 });
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreUrlError(`STORE_URL: cannot connect to postgres at ${redactUrl(url)}: ${String(error)}`);
  }
  class PooledPostgres extends KeyvPostgres {
    override async connect(): Promise<(sql: string, values?: unknown[]) => Promise<unknown[]>> {
      return async (sql, values) => (await pool.query(sql, values)).rows;
    }
    override async disconnect(): Promise<void> {}
  }
  const options = { uri: url, iterationLimit: 500, ...(table ? { table } : {}) };
  return {
    kind: 'postgres',
    adapter: () => new PooledPostgres(options) as unknown as KeyvStoreAdapter,
    useKeyPrefix: true,
    close: async () => pool.end(),
  };
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

class KeyvStore implements Store {
  private readonly adapters: (KeyvStoreAdapter | Map<string, unknown>)[] = [];
  private readonly collections = new Map<string, Keyv>();
  private closed = false;

  constructor(
    private readonly backend: Backend,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  collection<S extends z.ZodType>(name: string, schema: S): Collection<z.output<S>> {
    if (!collectionNamePattern.test(name)) {
      throw new Error(`store: collection name "${name}" must match ${collectionNamePattern}`);
    }
    if (this.closed) throw new Error('store: collection() after close()');
    let keyv = this.collections.get(name);
    if (!keyv) {
      // keyv writes the namespace into its adapter, so collections cannot share one.
      const adapter = this.backend.adapter(`${this.prefix}${name}`);
      this.adapters.push(adapter);
      keyv = new Keyv({
        store: adapter,
        namespace: `${this.prefix}${name}`,
        serialize: serializeRecord,
        deserialize: deserializeRecord,
        useKeyPrefix: this.backend.useKeyPrefix,
        throwOnErrors: true,
      });
      keyv.on('error', (error: unknown) => this.logger.error('store: backend error', { collection: name, error }));
      this.collections.set(name, keyv);
    }
    return new KeyvCollection<z.output<S>>(name, keyv, schema, this.logger.child({ component: 'store' }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.backend.close(this.adapters);
  }
}
