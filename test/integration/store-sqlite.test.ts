import { rm } from 'node:fs/promises';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openStore } from '../../src/store/keyv-store.js';
import { runStoreContract } from './helpers/store-contract.js';
import { scratchDir } from '../helpers/scratch-dir.js';

const dir = scratchDir('sitrep-store-');
const file = path.join(dir, 'nested', 'sitrep.sqlite');

runStoreContract({
  name: 'sqlite://',
  open: () => openStore(`sqlite://${file}`),
  cleanup: () => rm(dir, { recursive: true, force: true }),
  persistent: true,
});

function sqliteAll(file: string, sql: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file);
    db.all(sql, (error, rows) => {
      db.close();
      if (error) reject(error);
      else resolve(rows as Record<string, unknown>[]);
    });
  });
}

describe('sqlite store: write cost', () => {
  it('runs in WAL mode, so a poll writing thousands of dedup keys does not fsync each one', async () => {
    const own = path.join(dir, 'wal.sqlite');
    const store = await openStore(`sqlite://${own}`);
    await store.collection('items', z.object({ n: z.number() })).set('a', { n: 1 });
    expect(await sqliteAll(own, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    await store.close();
  });
});

describe('sqlite store: damaged rows', () => {
  it('a row that is not JSON: get throws a named error, entries skips it', async () => {
    const own = path.join(dir, 'damaged.sqlite');
    const store = await openStore(`sqlite://${own}`);
    const items = store.collection('items', z.object({ n: z.number() }));
    await items.set('ok', { n: 1 });
    await items.set('broken', { n: 2 });
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(own);
      db.run(`UPDATE keyv SET value = '{"value": {"n": 2' WHERE key = 'items:broken'`, (error) => {
        db.close();
        if (error) reject(error);
        else resolve();
      });
    });
    await expect(items.get('broken')).rejects.toThrow(/"broken".*not JSON/);
    const keys: string[] = [];
    for await (const [key] of items.entries()) keys.push(key);
    expect(keys).toEqual(['ok']);
    await store.close();
  });
});
