import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Store } from '../../../src/store/store.js';

const itemSchema = z.object({ title: z.string(), count: z.number().int() });
const looseSchema = z.object({}).passthrough();

export interface StoreContractTarget {
  name: string;
  /** Opens a store over the same backing data each time (a "restart" reopens it). */
  open(): Promise<Store>;
  /** Removes whatever the suite wrote. */
  cleanup?(): Promise<void>;
  persistent: boolean;
}

/** One behaviour, every backend: the suite each store-*.test.ts runs. */
export function runStoreContract(target: StoreContractTarget): void {
  describe(`store contract: ${target.name}`, () => {
    let store: Store;

    beforeAll(async () => {
      store = await target.open();
    });
    afterEach(() => {
      vi.useRealTimers();
    });
    afterAll(async () => {
      try {
        await store.close();
      } finally {
        await target.cleanup?.();
      }
    });

    it('a value written is read back equal', async () => {
      const items = store.collection('items', itemSchema);
      await items.set('a', { title: 'Kabul', count: 1 });
      expect(await items.get('a')).toEqual({ title: 'Kabul', count: 1 });
    });

    it('a missing key reads as undefined, not an error', async () => {
      const items = store.collection('items', itemSchema);
      expect(await items.get('never-written')).toBeUndefined();
      expect(await items.has('never-written')).toBe(false);
    });

    it('getMany keeps the order of the keys asked for, holes included', async () => {
      const items = store.collection('items', itemSchema);
      await items.set('m1', { title: 'one', count: 1 });
      await items.set('m3', { title: 'three', count: 3 });
      const got = await items.getMany(['m3', 'm2', 'm1']);
      expect(got).toEqual([{ title: 'three', count: 3 }, undefined, { title: 'one', count: 1 }]);
    });

    it('delete removes a key and reports whether it existed', async () => {
      const items = store.collection('items', itemSchema);
      await items.set('d', { title: 'x', count: 0 });
      expect(await items.has('d')).toBe(true);
      expect(await items.delete('d')).toBe(true);
      expect(await items.has('d')).toBe(false);
      expect(await items.get('d')).toBeUndefined();
    });

    it('keys with colons, slashes and unicode stay distinct', async () => {
      const items = store.collection('items', itemSchema);
      await items.set('feed:a/b', { title: 'colon', count: 1 });
      await items.set('feed:a', { title: 'short', count: 2 });
      await items.set('خبر', { title: 'arabic', count: 3 });
      expect(await items.get('feed:a/b')).toEqual({ title: 'colon', count: 1 });
      expect(await items.get('feed:a')).toEqual({ title: 'short', count: 2 });
      expect(await items.get('خبر')).toEqual({ title: 'arabic', count: 3 });
    });

    it('an expired record is gone from get, has and entries', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const ttl = store.collection('ttl', itemSchema);
      await ttl.set('short', { title: 'short', count: 1 }, 60_000);
      await ttl.set('long', { title: 'long', count: 2 }, 3_600_000);
      vi.setSystemTime(Date.now() + 61_000);
      expect(await ttl.get('short')).toBeUndefined();
      expect(await ttl.has('short')).toBe(false);
      const keys: string[] = [];
      for await (const [key] of ttl.entries()) keys.push(key);
      expect(keys).toEqual(['long']);
    });

    it('entries lists one collection only, even when names share a prefix', async () => {
      const stories = store.collection('stories', itemSchema);
      const archive = store.collection('stories-archive', itemSchema);
      await stories.set('s1', { title: 's1', count: 1 });
      await stories.set('s2', { title: 's2', count: 2 });
      await archive.set('s1', { title: 'archived', count: 9 });
      const seen = new Map<string, unknown>();
      for await (const [key, value] of stories.entries()) seen.set(key, value);
      expect([...seen.keys()].sort()).toEqual(['s1', 's2']);
      expect(seen.get('s1')).toEqual({ title: 's1', count: 1 });
    });

    it('entries walks past the adapter page size (1,000 for sqlite, 500 for postgres)', async () => {
      const many = store.collection('many', itemSchema);
      await Promise.all(Array.from({ length: 1_050 }, (_, i) => many.set(`k${i}`, { title: `t${i}`, count: i })));
      let count = 0;
      for await (const entry of many.entries()) {
        expect(entry[1].title).toBe(`t${entry[1].count}`);
        count += 1;
      }
      expect(count).toBe(1_050);
    });

    it('a record that no longer matches its schema: get throws, entries skips it', async () => {
      const loose = store.collection('shape', looseSchema);
      await loose.set('good', { title: 'ok', count: 1 });
      await loose.set('bad', { title: 42 });
      const strict = store.collection('shape', itemSchema);
      await expect(strict.get('bad')).rejects.toThrow(/record "bad" in collection "shape" is invalid/);
      const keys: string[] = [];
      for await (const [key] of strict.entries()) keys.push(key);
      expect(keys).toEqual(['good']);
    });

    it('clear empties one collection and leaves the others', async () => {
      const a = store.collection('clear-a', itemSchema);
      const b = store.collection('clear-b', itemSchema);
      await a.set('x', { title: 'a', count: 1 });
      await b.set('x', { title: 'b', count: 1 });
      await a.clear();
      expect(await a.get('x')).toBeUndefined();
      expect(await b.get('x')).toEqual({ title: 'b', count: 1 });
    });

    it.runIf(target.persistent)('a value survives closing and reopening the store (restart)', async () => {
      const before = await target.open();
      await before.collection('restart', itemSchema).set('kept', { title: 'kept', count: 7 });
      await before.close();
      const after = await target.open();
      try {
        expect(await after.collection('restart', itemSchema).get('kept')).toEqual({ title: 'kept', count: 7 });
      } finally {
        await after.close();
      }
    });
  });
}

/** True when something accepts TCP connections at host:port within `timeoutMs`. */
export async function isReachable(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
