import { describe, expect, it } from 'vitest';
import { buildDigest, digestEntryCost } from '../../../src/delivery/build-digest.js';
import { createDeliveryEngine } from '../../../src/delivery/delivery-engine.js';
import { storyToAlert } from '../../../src/delivery/story-to-alert.js';
import { createSubscriptionRepo } from '../../../src/delivery/subscription-repo.js';
import type { Subscription } from '../../../src/domain/subscription.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { createFakeChatAdapter } from '../../fakes/fake-chat-adapter.js';
import { created, fakeTime, grown, makeItem, makeReport, makeStory, makeSub } from './delivery-builders.js';

async function setup(subs: Subscription[], maxDigestChars?: number) {
  const time = fakeTime('2026-03-01T12:00:00.000Z');
  const store = new MemoryStore(() => time.clock().getTime());
  const adapter = createFakeChatAdapter('discord');
  const repo = createSubscriptionRepo(store);
  for (const sub of subs) await repo.save(sub);
  const start = () =>
    createDeliveryEngine({
      store,
      subscriptions: createSubscriptionRepo(store),
      adapters: [adapter],
      clock: time.clock,
      sleep: time.sleep,
      concurrency: 1,
      ...(maxDigestChars ? { limits: { discord: { maxDigestChars } } } : {}),
    });
  return { time, adapter, engine: start(), start };
}

const berlinDigest = makeSub({ mode: 'digest', digestAt: '08:00', timezone: 'Europe/Berlin', topics: ['security', 'diplomacy'], minConfidence: 0.3 });

describe('digests', () => {
  it('digest at the subscription local time, sent once, not again after a restart', async () => {
    const { engine, adapter, time, start } = await setup([berlinDigest]);
    await engine.handleStoryEvent(created(makeStory('s1')));
    await engine.handleStoryEvent(created(makeStory('s2', { scores: { diplomacy: 0.8 } })));
    await engine.flush();
    expect(adapter.calls).toHaveLength(0);

    time.set('2026-03-02T06:59:00.000Z'); // 07:59 in Berlin
    expect(await engine.tick()).toEqual({ digests: 0 });
    time.set('2026-03-02T07:00:00.000Z');
    expect(await engine.tick()).toEqual({ digests: 1 });
    await engine.flush();
    expect(adapter.posted).toHaveLength(1);
    const message = adapter.posted[0]?.message;
    expect(message?.kind).toBe('digest');
    if (message?.kind !== 'digest') return;
    expect(message.digest.sections.map((s) => s.topic.id)).toEqual(['security', 'diplomacy']);
    expect(message.digest.since).toBe('2026-03-01T12:00:00.000Z');
    expect(message.digest.until).toBe('2026-03-02T07:00:00.000Z');

    expect(await engine.tick()).toEqual({ digests: 0 });
    const restarted = start();
    await restarted.recover();
    time.advance(60_000);
    expect(await restarted.tick()).toEqual({ digests: 0 });
    await restarted.flush();
    expect(adapter.posted).toHaveLength(1);
  });

  it('story that grows after it went out in a digest → no instant alert, not digested again', async () => {
    const quiet = makeSub({ quietHours: { start: '12:00', end: '14:00' }, timezone: 'UTC', digestAt: '13:00' });
    const { engine, adapter, time } = await setup([quiet]);
    const story = makeStory('s1');
    await engine.handleStoryEvent(created(story));
    time.set('2026-03-01T13:00:00.000Z');
    await engine.tick();
    await engine.flush();
    time.set('2026-03-01T15:00:00.000Z'); // quiet hours over
    await engine.handleStoryEvent(grown(story, 2).event);
    await engine.flush();
    time.set('2026-03-02T13:00:00.000Z');
    expect(await engine.tick()).toEqual({ digests: 0 });
    expect(adapter.posted.map((p) => p.message.kind)).toEqual(['digest']);
  });

  it('story queued after today\'s digest time waits for tomorrow\'s', async () => {
    const { engine, time } = await setup([berlinDigest]);
    time.set('2026-03-02T07:30:00.000Z');
    await engine.handleStoryEvent(created(makeStory('late')));
    time.set('2026-03-02T08:00:00.000Z');
    expect(await engine.tick()).toEqual({ digests: 0 });
    time.set('2026-03-03T07:00:00.000Z');
    expect(await engine.tick()).toEqual({ digests: 1 });
  });

  it('instant alert during quiet hours → no ping now, in the next digest', async () => {
    const quiet = makeSub({ quietHours: { start: '12:00', end: '14:00' }, timezone: 'UTC', digestAt: '18:00' });
    const { engine, adapter, time } = await setup([quiet]);
    await engine.handleStoryEvent(created(makeStory('s1')));
    await engine.flush();
    expect(adapter.calls).toHaveLength(0);
    time.set('2026-03-01T18:00:00.000Z');
    await engine.tick();
    await engine.flush();
    expect(adapter.posted.map((p) => p.message.kind)).toEqual(['digest']);
  });

  it('more stories than fit one message → split into parts, each within the adapter budget', async () => {
    const { engine, adapter, time } = await setup([berlinDigest], 600);
    for (let i = 0; i < 12; i += 1) {
      const first = makeReport(`s${i}-1`, { title: `Story number ${i} with a reasonably long headline for size` });
      await engine.handleStoryEvent(created(makeStory(`s${i}`, { firstReport: first, reports: [first] })));
    }
    time.set('2026-03-02T07:00:00.000Z');
    await engine.tick();
    await engine.flush();
    const parts = adapter.posted.map((p) => p.message).filter((m) => m.kind === 'digest');
    expect(parts.length).toBeGreaterThan(1);
    const storyIds = parts.flatMap((m) => (m.kind === 'digest' ? m.digest.sections.flatMap((s) => s.alerts.map((a) => a.storyId)) : []));
    expect(new Set(storyIds).size).toBe(12);
    expect(storyIds).toHaveLength(12);
    expect(new Set(adapter.posted.map((p) => p.idempotencyKey)).size).toBe(parts.length);
  });
});

describe('buildDigest', () => {
  const label = (id: string) => id.toUpperCase();
  const candidate = (id: string, score: number, reports: number, topic = 'security') => {
    const story = makeStory(id, { reports: Array.from({ length: reports }, (_, i) => makeReport(`${id}-${i}`)) });
    return { alert: storyToAlert(story, makeItem(story.firstReport), label), score, topic };
  };

  it('top stories first by score × report count; topics ordered by their best story', () => {
    const digest = buildDigest([candidate('low', 0.9, 1), candidate('big', 0.6, 5), candidate('dip', 0.95, 1, 'diplomacy')], {
      since: 'a',
      until: 'b',
      maxChars: 10_000,
      label,
    });
    expect(digest).toHaveLength(1);
    expect(digest[0]?.sections.map((s) => [s.topic.label, s.alerts.map((a) => a.storyId)])).toEqual([
      ['SECURITY', ['big', 'low']],
      ['DIPLOMACY', ['dip']],
    ]);
    expect(digest[0]?.sections[0]?.alerts[0]?.reportCount).toBe(5);
  });

  it('each part stays within the size budget', () => {
    const candidates = Array.from({ length: 40 }, (_, i) => candidate(`c${i}`, 0.5 + i / 100, 1, i % 2 ? 'security' : 'diplomacy'));
    const parts = buildDigest(candidates, { since: 'a', until: 'b', maxChars: 700, label });
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) {
      const cost = part.title.length + 40 + part.sections.reduce((sum, s) => sum + s.topic.label.length + 16 + s.alerts.reduce((n, a) => n + digestEntryCost(a), 0), 0);
      expect(cost).toBeLessThanOrEqual(700);
    }
    expect(parts[0]?.title).toMatch(/\(1\/\d+\)$/);
  });
});
