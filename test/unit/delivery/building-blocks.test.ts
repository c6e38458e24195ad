import { describe, expect, it } from 'vitest';
import { createChannelQueues } from '../../../src/delivery/channel-queues.js';
import { createSearchIndex } from '../../../src/delivery/search-index.js';
import { indexStoryEvent, rebuildSearchIndex } from '../../../src/delivery/search-sync.js';
import { createTokenBucket } from '../../../src/delivery/token-bucket.js';
import { formatKeywords, parseKeywords, regionMatches, subscriptionSchema } from '../../../src/domain/subscription.js';
import { storyToAlert } from '../../../src/delivery/story-to-alert.js';
import { created, makeItem, makeStory } from './delivery-builders.js';

describe('subscription schema', () => {
  it('a stored record missing optional fields reads back with defaults; a bad one is reported', () => {
    const sub = subscriptionSchema.parse({ id: 'a', platform: 'slack', workspaceId: 'T1', channelId: 'C1', topics: ['security'], createdBy: 'U1', createdAt: 'x' });
    expect(sub).toMatchObject({ minConfidence: 0.5, mode: 'instant', updates: 'edit', timezone: 'UTC', regions: [], paused: null });
    expect(subscriptionSchema.safeParse({ ...sub, timezone: 'Europe/Atlantis' }).success).toBe(false);
    expect(subscriptionSchema.safeParse({ ...sub, regions: ['afghanistan'] }).success).toBe(false);
    expect(subscriptionSchema.safeParse({ ...sub, topics: [] }).success).toBe(false);
  });

  it('keywords: phrases and exclusions round-trip', () => {
    const parsed = parseKeywords('"Peace Talks" doha -"transfer window" -sports');
    expect(parsed).toEqual({ include: ['peace talks', 'doha'], exclude: ['transfer window', 'sports'] });
    expect(parseKeywords(formatKeywords(parsed))).toEqual(parsed);
  });

  it('a country matches its provinces, a province not its country or neighbours', () => {
    expect(regionMatches('AF', 'AF-KAB')).toBe(true);
    expect(regionMatches('AF-KAB', 'AF')).toBe(false);
    expect(regionMatches('AF-KAB', 'AF-HER')).toBe(false);
    expect(regionMatches('A', 'AF')).toBe(false);
  });
});

describe('token bucket', () => {
  it('paused by retry-after → no token before the pause ends, then the normal rate', () => {
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 1 });
    expect(bucket.take(0).ok).toBe(true);
    expect(bucket.take(0)).toEqual({ ok: false, waitMs: 100 });
    bucket.pauseUntil(5_000);
    expect(bucket.take(4_999).ok).toBe(false);
    expect(bucket.waitMs(4_000)).toBeGreaterThanOrEqual(1_000);
    expect(bucket.take(5_100).ok).toBe(true);
  });
});

describe('channel queues', () => {
  it('full queue evicts the oldest alert, never a digest or notice; channels take turns', () => {
    const queues = createChannelQueues<string>(2);
    expect(queues.push('a', { kind: 'digest', value: 'd1' })).toBeNull();
    expect(queues.push('a', { kind: 'alert', value: 'a1' })).toBeNull();
    expect(queues.push('a', { kind: 'alert', value: 'a2' })).toEqual({ kind: 'alert', value: 'a1' });
    queues.push('b', { kind: 'notice', value: 'n1' });
    expect([...queues.nextChannels()]).toEqual(['a', 'b']);
    // The send loop takes the first ready channel: the next turn starts after it.
    const firstOf = () => queues.nextChannels()[Symbol.iterator]().next().value;
    expect([firstOf(), firstOf(), firstOf()]).toEqual(['a', 'b', 'a']);
    expect(queues.drain('a').map((i) => i.value)).toEqual(['d1', 'a2']);
    expect(queues.total()).toBe(1);
  });
});

describe('search sync', () => {
  it('story event indexes the item and the story; rebuild from store sources', async () => {
    const index = createSearchIndex();
    indexStoryEvent(index, created(makeStory('s1')), (feedId) => `Outlet of ${feedId}`);
    expect(index.search('kabul').map((h) => h.kind).sort()).toEqual(['item', 'story']);
    async function* none() {}
    async function* stories() {
      yield makeStory('s2');
    }
    expect(await rebuildSearchIndex(index, { items: none, stories, sourceOf: (id) => id })).toBe(1);
    expect(index.search('kabul').map((h) => h.id)).toEqual(['s2']);
  });
});

describe('idempotency nonce', () => {
  it('fits Discord\'s 25-character nonce and differs per key', async () => {
    const { idempotencyNonce } = await import('../../../src/delivery/outbox.js');
    const a = idempotencyNonce('discord:123456789012345678:story-abc:alert');
    expect(a).toHaveLength(25);
    expect(a).toBe(idempotencyNonce('discord:123456789012345678:story-abc:alert'));
    expect(a).not.toBe(idempotencyNonce('discord:123456789012345678:story-abd:alert'));
  });
});

describe('alerts for long-running stories', () => {
  it('the alert counts every report, not only the ones the story still lists; older records count their list', () => {
    const story = makeStory('s-live');
    const listed = Array.from({ length: 100 }, (_, i) => ({ ...story.firstReport, itemId: `i${i}`, source: `Outlet ${i % 7}` }));
    const label = (id: string) => id;
    expect(storyToAlert({ ...story, reports: listed, reportCount: 250 }, makeItem(story.firstReport), label).reportCount).toBe(250);
    // makeStory builds a record as stored before reportCount existed.
    expect(story.reportCount).toBeUndefined();
    expect(storyToAlert({ ...story, reports: listed.slice(0, 3) }, makeItem(story.firstReport), label).reportCount).toBe(3);
  });
});
