import { describe, expect, it } from 'vitest';
import { createDeliveryEngine } from '../../../src/delivery/delivery-engine.js';
import type { FeedHealthRecord } from '../../../src/delivery/feed-health-notices.js';
import { createSubscriptionRepo } from '../../../src/delivery/subscription-repo.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { createFakeChatAdapter } from '../../fakes/fake-chat-adapter.js';
import { created, fakeTime, makeStory, makeSub } from './delivery-builders.js';

const failing = (lastSuccessAt: string | null, status: FeedHealthRecord['status'] = 'failing'): FeedHealthRecord => ({
  feedId: 'feed-a',
  url: 'https://feeds.example/a.xml',
  title: 'Outlet A world news',
  status,
  lastSuccessAt,
  lastError: { code: 'feed/http-5xx', message: '503', at: '2026-03-01T12:00:00.000Z' },
  consecutiveFailures: 3,
  pausedReason: null,
});

describe('feed-health notices', () => {
  it('feed starts failing → one notice in channels that received its items, once per streak', async () => {
    const time = fakeTime();
    const store = new MemoryStore(() => time.clock().getTime());
    const adapter = createFakeChatAdapter();
    const repo = createSubscriptionRepo(store);
    await repo.save(makeSub({ id: 'a', channelId: 'fed' }));
    await repo.save(makeSub({ id: 'b', channelId: 'unrelated', topics: ['sports'] }));
    const engine = createDeliveryEngine({ store, subscriptions: repo, adapters: [adapter], clock: time.clock, sleep: time.sleep });
    await engine.handleStoryEvent(created(makeStory('s1')));
    await engine.flush();

    expect(await engine.handleFeedHealth([failing('2026-03-01T09:00:00.000Z')])).toBe(1);
    expect(await engine.handleFeedHealth([failing('2026-03-01T09:00:00.000Z')])).toBe(0);
    // Auto-paused later in the same streak: still the same streak, no second notice.
    expect(await engine.handleFeedHealth([failing('2026-03-01T09:00:00.000Z', 'paused')])).toBe(0);
    await engine.flush();
    const notices = adapter.posted.filter((p) => p.message.kind === 'notice');
    expect(notices.map((n) => n.ref.channelId)).toEqual(['fed']);
    expect(notices[0]?.message.kind === 'notice' && notices[0].message.notice.text).toContain('feed/http-5xx');

    // Recovered, then failing again: a new streak, a new notice.
    expect(await engine.handleFeedHealth([{ ...failing('2026-03-01T15:00:00.000Z'), status: 'ok' }])).toBe(0);
    expect(await engine.handleFeedHealth([failing('2026-03-01T15:00:00.000Z')])).toBe(1);
  });
});
