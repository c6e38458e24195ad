import { describe, expect, it } from 'vitest';
import { StoreUrlError, openStore } from '../../../src/store/keyv-store.js';

describe('openStore', () => {
  it('an unknown scheme names the accepted ones', async () => {
    await expect(openStore('ftp://example.org/db')).rejects.toThrow(StoreUrlError);
    await expect(openStore('ftp://example.org/db')).rejects.toThrow(/sqlite:\/\/PATH, redis:\/\//);
  });

  it('redis that is not listening fails at start-up instead of hanging, password hidden', async () => {
    const error = await openStore('redis://user:hunter2@127.0.0.1:1', { connectTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUrlError);
    expect(String(error)).toMatch(/cannot connect to redis/);
    expect(String(error)).not.toContain('hunter2');
  });

  it('postgres that is not listening fails at start-up, password hidden', async () => {
    const error = await openStore('postgres://u:hunter2@127.0.0.1:1/db', { connectTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUrlError);
    expect(String(error)).not.toContain('hunter2');
  });

  it('a collection name with LIKE/SCAN wildcards is refused', async () => {
    const store = await openStore('memory://');
    const { z } = await import('zod');
    expect(() => store.collection('seen_%', z.string())).toThrow(/collection name/);
    await store.close();
  });
});
