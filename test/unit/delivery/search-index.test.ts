import { describe, expect, it } from 'vitest';
import { createSearchIndex, itemDocument, storyDocument, type SearchDocument } from '../../../src/delivery/search-index.js';
import { indexStoryEvent } from '../../../src/delivery/search-sync.js';
import { makeItem, makeReport, makeStory } from './delivery-builders.js';

const doc = (id: string, title: string, published: string, extra: Partial<SearchDocument> = {}): SearchDocument => ({
  id,
  kind: 'item',
  title,
  summary: '',
  source: 'Outlet A',
  places: [],
  actors: [],
  topics: [],
  link: `https://news.example/${id}`,
  published,
  ...extra,
});

describe('search index', () => {
  it('prefix and typo queries still find the item', () => {
    const index = createSearchIndex();
    index.upsert(doc('1', 'Security Council extends Afghanistan mission', '2026-03-01T10:00:00Z'));
    index.upsert(doc('2', 'Earthquake relief reaches Herat', '2026-03-01T10:00:00Z'));
    expect(index.search('afghan').map((h) => h.id)).toEqual(['1']);
    expect(index.search('earthquaek').map((h) => h.id)).toEqual(['2']);
    expect(index.search('security council').map((h) => h.id)).toEqual(['1']);
  });

  it('time filter drops older documents', () => {
    const index = createSearchIndex();
    index.upsert(doc('old', 'Ceasefire talks', '2026-02-01T00:00:00Z'));
    index.upsert(doc('new', 'Ceasefire talks resume', '2026-03-01T00:00:00Z'));
    expect(index.search('ceasefire', { since: new Date('2026-02-15T00:00:00Z') }).map((h) => h.id)).toEqual(['new']);
  });

  it('story updated → replaced, not duplicated; removed → gone', () => {
    const index = createSearchIndex();
    const story = makeStory('s1');
    index.upsert(storyDocument(story));
    index.upsert(storyDocument({ ...story, reports: [...story.reports, makeReport('s1-2', { source: 'Dawn', title: 'Airport clashes' })] }));
    expect(index.size).toBe(1);
    expect(index.search('dawn').map((h) => h.id)).toEqual(['s1']);
    expect(index.remove('story', 's1')).toBe(true);
    expect(index.search('kabul')).toEqual([]);
  });

  it('a story merged into another leaves the index; its reports are found through the survivor', () => {
    const index = createSearchIndex();
    const absorbed = makeStory('s2', { reports: [makeReport('s2-1', { source: 'Dawn', title: 'Kabul airport gates shut' })] });
    index.upsert(storyDocument(absorbed));
    const report = makeReport('s1-2', { source: 'AP', title: 'Kabul airport gates shut after clashes' });
    const survivor = makeStory('s1');
    const merged = { ...survivor, reports: [...survivor.reports, ...absorbed.reports, report] };
    indexStoryEvent(index, { kind: 'story-updated', story: merged, item: makeItem(report), absorbed: ['s2'] }, (feedId) => feedId);
    expect(index.search('dawn').map((hit) => hit.id)).toEqual(['s1']);
  });

  it('searches places, actors and topics of annotated items; rebuild replaces the contents', async () => {
    const index = createSearchIndex();
    const item = makeItem(makeReport('i1', { title: 'Talks in Doha' }), {
      intel: { topics: ['diplomacy'], scores: {}, reasons: {}, places: ['QA'], actors: ['taliban'], summary: 'Delegations met.' },
    });
    index.upsert(itemDocument(item, 'Outlet A'));
    expect(index.search('taliban').map((h) => h.id)).toEqual(['i1']);
    expect(await index.rebuild([doc('x', 'Flooding in Sindh', '2026-03-01T00:00:00Z')])).toBe(1);
    expect(index.search('taliban')).toEqual([]);
    expect(index.search('sindh').map((h) => h.id)).toEqual(['x']);
  });

  it('an item added while the index rebuilds on start is not lost when the new index swaps in', async () => {
    const index = createSearchIndex();
    async function* slowStore() {
      yield doc('a', 'Flooding in Sindh', '2026-03-01T00:00:00Z');
      await new Promise((resolve) => setTimeout(resolve, 5));
      yield doc('b', 'Drought in Balochistan', '2026-03-01T01:00:00Z');
    }
    const rebuilding = index.rebuild(slowStore());
    index.upsert(doc('live', 'Sindh relief convoy', '2026-03-01T02:00:00Z'));
    await rebuilding;
    expect(index.search('sindh').map((h) => h.id).sort()).toEqual(['a', 'live']);
    expect(index.size).toBe(3);
  });
});
