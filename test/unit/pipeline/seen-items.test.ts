import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedItem } from '../../../src/domain/feed-item.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { SeenItems, dedupKeys, normalizeTitle } from '../../../src/pipeline/seen-items.js';

function item(fields: Partial<FeedItem> & { id: string }): FeedItem {
  return { feedId: 'f', title: fields.id, summary: '', link: null, guid: null, published: '2026-11-28T00:00:00Z', sourceTags: [], language: 'en', ...fields };
}

const day = 24 * 60 * 60_000;

describe('seen items', () => {
  afterEach(() => vi.useRealTimers());

  it('titles differing only in case, punctuation and spacing are one title', () => {
    expect(normalizeTitle('  Kabul:  Talks RESUME! ')).toBe(normalizeTitle('kabul talks resume'));
  });

  it('same guid in one feed twice → one item; same guid in another feed → another item', async () => {
    const now = new Date('2026-11-28T00:00:00Z');
    const seen = new SeenItems(new MemoryStore(() => now.getTime()), { retentionMs: 30 * day, now: () => now });
    const a = item({ id: 'a', guid: 'g1', title: 'first' });
    const check = await seen.check('feed-1', [a, item({ id: 'b', guid: 'g1', title: 'second' })]);
    expect(check.unseen.map((i) => i.id)).toEqual(['a']);
    await seen.commit(check);
    expect((await seen.check('feed-1', [a])).unseen).toEqual([]);
    expect((await seen.check('feed-2', [a])).unseen).toEqual([a]);
  });

  it('same canonical link in two feeds → one item', async () => {
    const seen = new SeenItems(new MemoryStore(), { retentionMs: 30 * day, now: () => new Date() });
    const inWorld = item({ id: 'x', link: 'https://dw.com/a-1', guid: 'w-1', title: 'Story' });
    const inAsia = item({ id: 'x', link: 'https://dw.com/a-1', guid: 'a-9', title: 'Story (Asia)' });
    await seen.commit(await seen.check('dw-world', [inWorld]));
    expect((await seen.check('dw-asia', [inAsia])).unseen).toEqual([]);
  });

  it('same title in one feed with a new guid (republished) → not announced again', async () => {
    const seen = new SeenItems(new MemoryStore(), { retentionMs: 30 * day, now: () => new Date() });
    await seen.commit(await seen.check('f', [item({ id: '1', guid: 'g1', title: 'Security Council meets' })]));
    expect((await seen.check('f', [item({ id: '2', guid: 'g2', title: 'Security council meets.' })])).unseen).toEqual([]);
  });

  it('after the retention window an item is new again, unless it was sighted meanwhile', async () => {
    let now = Date.parse('2026-11-01T00:00:00Z');
    const store = new MemoryStore(() => now);
    const seen = new SeenItems(store, { retentionMs: 10 * day, now: () => new Date(now) });
    const old = item({ id: 'old', guid: 'g-old' });
    const kept = item({ id: 'kept', guid: 'g-kept' });
    await seen.commit(await seen.check('f', [old, kept]));
    now += 6 * day; // past half the window: a sighting refreshes the keys
    await seen.commit(await seen.check('f', [kept]));
    now += 6 * day;
    const check = await seen.check('f', [old, kept]);
    expect(check.unseen.map((i) => i.id)).toEqual(['old']);
  });

  it('check writes nothing; commit after a dry run still sees the items as new', async () => {
    const seen = new SeenItems(new MemoryStore(), { retentionMs: day, now: () => new Date() });
    const a = item({ id: 'a', guid: 'g' });
    await seen.check('f', [a]);
    expect((await seen.check('f', [a])).unseen).toEqual([a]);
  });

  it('forget undoes a commit so a failed hand-off is retried', async () => {
    const seen = new SeenItems(new MemoryStore(), { retentionMs: day, now: () => new Date() });
    const a = item({ id: 'a', guid: 'g', link: 'https://x.test/a' });
    await seen.commit(await seen.check('f', [a]));
    await seen.forget('f', [a]);
    expect((await seen.check('f', [a])).unseen).toEqual([a]);
  });

  it('very long links still make short keys (SQL stores cap keys at 255)', () => {
    const keys = dedupKeys('f', item({ id: 'a', link: `https://x.test/${'a'.repeat(3000)}`, guid: 'g'.repeat(2000) }));
    for (const key of keys) expect(key.length).toBeLessThan(80);
  });
});
