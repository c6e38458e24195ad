import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStoryClusterer } from '../../../src/intel/cluster/create-story-clusterer.js';
import { createStoryRepository, openStoryRepository } from '../../../src/pipeline/story-repository.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { at, caliQuake, hour, kunduzBombing } from './cluster-builders.js';

const [reuters, afp, aljazeera] = kunduzBombing;
if (!reuters || !afp || !aljazeera) throw new Error('fixture');

describe('story persistence', () => {
  it('restart from the store keeps clustering into the old story', async () => {
    const store = new MemoryStore(() => Date.parse(at(3)));
    const before = await openStoryRepository(store, { windowHours: 36 });
    await before.assign(reuters);
    await before.assign(afp);

    // A new process: fresh clusterer, same store.
    const after = await openStoryRepository(store, { windowHours: 36 });
    expect(after.restored).toEqual({ restored: 1, corrupt: [] });
    const third = await after.assign(aljazeera);
    expect(third).toMatchObject({ created: false, story: { id: 'story-reuters-1' } });
    expect((await after.get('story-reuters-1'))?.reports.map((r) => r.source)).toEqual(['Reuters', 'AFP', 'Al Jazeera']);
  });

  it('a long-running story restores with its full count and its bounded list, and keeps counting', async () => {
    const store = new MemoryStore(() => Date.parse(at(150)));
    const before = await openStoryRepository(store, { windowHours: 36 });
    const update = (i: number) => ({ ...reuters, id: `live-${i}`, published: at(i) });
    for (let i = 0; i < 150; i += 1) await before.assign(update(i));

    const after = await openStoryRepository(store, { windowHours: 36 });
    const next = await after.assign(update(150));
    expect(next).toMatchObject({ created: false, story: { id: 'story-live-0', reportCount: 151 } });
    expect(next.story.reports).toHaveLength(100);
    expect(next.story.reports[0]?.itemId).toBe('live-0');
  });

  it('a merge is stored: the absorbed id leads to the survivor, and a restart restores one story', async () => {
    const store = new MemoryStore(() => Date.parse(at(4)));
    const before = await openStoryRepository(store, { windowHours: 36 });
    const results = [];
    for (const item of caliQuake) results.push(await before.assign(item));
    expect(results[2]?.absorbed).toEqual(['story-ap-quake']);
    expect((await before.get('story-ap-quake'))?.id).toBe('story-bbc-cali');

    const after = await openStoryRepository(store, { windowHours: 36 });
    expect(after.restored).toEqual({ restored: 1, corrupt: [] });
    expect((await after.get('story-ap-quake'))?.reports.map((r) => r.itemId)).toEqual(['bbc-cali', 'ap-quake', 'reuters-quake']);
    const listed = [];
    for await (const story of createStoryRepository(store, { windowHours: 36 }).all()) listed.push(story.id);
    expect(listed).toEqual(['story-bbc-cali']);
  });

  it('an absorbed state left behind by a crash is not restored beside its survivor', async () => {
    const store = new MemoryStore(() => Date.parse(at(4)));
    const repository = await openStoryRepository(store, { windowHours: 36 });
    for (const item of caliQuake.slice(0, 2)) await repository.assign(item);
    const absorbedState = await store.collection('story-state', z.unknown()).get('story-ap-quake');
    await repository.assign(caliQuake[2] ?? reuters);
    // As if the process died after writing the alias and the survivor, before the deletes.
    await store.collection('story-state', z.unknown()).set('story-ap-quake', absorbedState);

    const after = await openStoryRepository(store, { windowHours: 36 });
    expect(after.restored).toEqual({ restored: 1, corrupt: [] });
  });

  it('a corrupt stored snapshot is skipped and reported; the others restore', async () => {
    const store = new MemoryStore();
    const repository = createStoryRepository(store, { windowHours: 36 });
    await repository.add(createStoryClusterer({ windowHours: 36 }), reuters);
    await store.collection('story-state', z.unknown()).set('story-broken', { story: { id: 42 } });

    const clusterer = createStoryClusterer({ windowHours: 36 });
    expect(await repository.restoreInto(clusterer)).toEqual({ restored: 1, corrupt: ['story-broken'] });
    expect(clusterer.add(afp).created).toBe(false);
  });

  it('stories past the window at restart are not restored', async () => {
    const store = new MemoryStore();
    const first = await openStoryRepository(store, { windowHours: 36 });
    await first.assign(reuters);
    const later = await openStoryRepository(store, { windowHours: 36, clock: () => new Date(Date.parse(at(40))) });
    expect(later.restored.restored).toBe(0);
    // The record stays readable for `/sitrep recent` even after the clustering state is gone.
    expect(await later.get('story-reuters-1')).toBeDefined();
  });

  it('clustering state expires from the store after the window; the record is kept', async () => {
    let now = Date.parse(at(0));
    const store = new MemoryStore(() => now);
    const repository = await openStoryRepository(store, { windowHours: 36, retentionHours: 24 * 30 });
    await repository.assign(reuters);
    now += 48 * hour;
    expect(await store.collection('story-state', z.unknown()).has('story-reuters-1')).toBe(false);
    expect(await store.collection('stories', z.unknown()).has('story-reuters-1')).toBe(true);
  });

  it('every stored story can be listed', async () => {
    const repository = await openStoryRepository(new MemoryStore(), { windowHours: 36 });
    for (const item of kunduzBombing) await repository.assign(item);
    const all = [];
    for await (const story of repository.all()) all.push(story.id);
    expect(all).toEqual(['story-reuters-1']);
  });
});
