import { describe, expect, it } from 'vitest';
import { createAdminNotices } from '../../../src/delivery/admin-notices.js';
import { createDeliveryEngine, type DeliveryEngineDeps } from '../../../src/delivery/delivery-engine.js';
import { digestQueueKey, openDeliveryRecords } from '../../../src/delivery/delivery-records.js';
import { createSubscriptionRepo } from '../../../src/delivery/subscription-repo.js';
import type { Subscription } from '../../../src/domain/subscription.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { createFakeChatAdapter, type FakeChatAdapter } from '../../fakes/fake-chat-adapter.js';
import { created, fakeTime, grown, makeItem, makeReport, makeStory, makeSub } from './delivery-builders.js';

async function setup(subs: Subscription[], options: Partial<DeliveryEngineDeps> = {}) {
  const time = fakeTime();
  const store = new MemoryStore(() => time.clock().getTime());
  const adapter = createFakeChatAdapter('discord');
  const repo = createSubscriptionRepo(store);
  for (const sub of subs) await repo.save(sub);
  const start = (a: FakeChatAdapter = adapter) =>
    createDeliveryEngine({ store, subscriptions: createSubscriptionRepo(store), adapters: [a], clock: time.clock, sleep: time.sleep, concurrency: 1, ...options });
  return { time, store, adapter, repo, engine: start(), start };
}

describe('delivery engine: exactly once', () => {
  it('the same story event handled twice → one message', async () => {
    const { engine, adapter } = await setup([makeSub()]);
    await engine.handleStoryEvent(created(makeStory('s1')));
    await engine.handleStoryEvent(created(makeStory('s1')));
    await engine.flush();
    expect(adapter.posted).toHaveLength(1);
    expect(adapter.posted[0]?.idempotencyKey).toBe('discord:chan-1:s1:alert');
  });

  it('worker killed between outbox write and send → exactly one message after restart', async () => {
    const { engine, adapter, start } = await setup([makeSub()]);
    await engine.handleStoryEvent(created(makeStory('s1')));
    // The process dies here: nothing was sent, the outbox holds the delivery.
    expect(adapter.calls).toHaveLength(0);
    const restarted = start();
    expect(await restarted.recover()).toEqual({ reconciled: 0, requeued: 1 });
    await restarted.flush();
    expect(adapter.posted).toHaveLength(1);
    expect((await restarted.outbox.get('discord:chan-1:s1:alert'))?.state).toBe('done');
  });

  it('killed after the platform accepted, before done was recorded → no second message', async () => {
    const { engine, adapter, start } = await setup([makeSub()]);
    adapter.script('chan-1', { status: 'crash-after-accept' });
    await engine.handleStoryEvent(created(makeStory('s1')));
    void engine.flush(); // never settles: the worker "dies" mid-send
    await adapter.crashed();
    expect((await engine.outbox.get('discord:chan-1:s1:alert'))?.state).toBe('sending');
    const restarted = start();
    expect(await restarted.recover()).toEqual({ reconciled: 1, requeued: 0 });
    await restarted.flush();
    expect(adapter.posted).toHaveLength(1);
    const entry = await restarted.outbox.get('discord:chan-1:s1:alert');
    expect(entry?.state).toBe('done');
    expect(entry?.ref?.messageId).toBe(adapter.posted[0]?.ref.messageId);
  });

  it('killed after "sending" was recorded but before the platform got it → exactly one message', async () => {
    const { engine, adapter, start } = await setup([makeSub()]);
    adapter.script('chan-1', { status: 'crash-before-accept' });
    await engine.handleStoryEvent(created(makeStory('s1')));
    void engine.flush();
    await adapter.crashed();
    const restarted = start();
    expect(await restarted.recover()).toEqual({ reconciled: 0, requeued: 1 });
    await restarted.flush();
    expect(adapter.posted).toHaveLength(1);
  });

  it('recover() called while a send is in flight → that entry is not sent a second time', async () => {
    const { engine, adapter } = await setup([makeSub()]);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const send = adapter.send.bind(adapter);
    adapter.send = async (message) => {
      await gate;
      return send(message);
    };
    await engine.handleStoryEvent(created(makeStory('s1')));
    const flushing = engine.flush();
    while ((await engine.outbox.get('discord:chan-1:s1:alert'))?.state !== 'sending') await new Promise((r) => setTimeout(r, 1));
    expect(await engine.recover()).toEqual({ reconciled: 0, requeued: 0 });
    release();
    await flushing;
    await engine.flush();
    expect(adapter.posted).toHaveLength(1);
  });

  it('response lost after the platform accepted (send throws) → reconciled, not reposted', async () => {
    const { engine, adapter } = await setup([makeSub()]);
    adapter.script('chan-1', { status: 'throw-after-accept' });
    await engine.handleStoryEvent(created(makeStory('s1')));
    await engine.flush();
    expect(adapter.posted).toHaveLength(1);
    expect(adapter.calls).toHaveLength(1);
    expect(engine.stats()).toMatchObject({ reconciled: 1, errors: 1 });
  });
});

describe('delivery engine: platform limits and outcomes', () => {
  it('429 with retry_after then success → waits it out, one message', async () => {
    const { engine, adapter, time } = await setup([makeSub()]);
    adapter.script('chan-1', { status: 'retry-after', retryAfterMs: 1_500 });
    await engine.handleStoryEvent(created(makeStory('s1')));
    const startedAt = time.clock().getTime();
    await engine.flush();
    expect(adapter.calls).toHaveLength(2);
    expect(adapter.posted).toHaveLength(1);
    expect(time.clock().getTime() - startedAt).toBeGreaterThanOrEqual(1_500);
    expect(engine.stats().rateLimited).toBe(1);
  });

  it('global 429 pauses every channel of the platform, not just the one that hit it', async () => {
    const subs = [makeSub({ id: 'a', channelId: 'c1' }), makeSub({ id: 'b', channelId: 'c2' })];
    const { engine, adapter, time } = await setup(subs);
    adapter.script('c1', { status: 'retry-after', retryAfterMs: 2_000, reason: 'global rate limit' });
    await engine.handleStoryEvent(created(makeStory('s1')));
    const startedAt = time.clock().getTime();
    const sentAt: number[] = [];
    const send = adapter.send.bind(adapter);
    adapter.send = async (message) => {
      sentAt.push(time.clock().getTime() - startedAt);
      return send(message);
    };
    await engine.flush();
    expect(sentAt[0]).toBe(0);
    expect(sentAt.slice(1).every((ms) => ms >= 2_000)).toBe(true);
    expect(adapter.posted).toHaveLength(2);
  });

  it('one channel told to wait (per-channel 429) → other channels are not held up', async () => {
    const subs = [makeSub({ id: 'a', channelId: 'slow' }), makeSub({ id: 'b', channelId: 'fast' })];
    const { engine, adapter, time } = await setup(subs);
    adapter.script('slow', { status: 'retry-after', retryAfterMs: 30_000, reason: 'channel bucket' });
    const startedAt = time.clock().getTime();
    const sentAt = new Map<string, number>();
    const send = adapter.send.bind(adapter);
    adapter.send = async (message) => {
      const outcome = await send(message);
      if (outcome.status === 'delivered') sentAt.set(message.channelId, time.clock().getTime() - startedAt);
      return outcome;
    };
    await engine.handleStoryEvent(created(makeStory('s1')));
    await engine.handleStoryEvent(created(makeStory('s2')));
    await engine.flush();
    expect(adapter.postedIn('fast')).toHaveLength(2);
    expect(adapter.postedIn('slow')).toHaveLength(2);
    expect(sentAt.get('fast')).toBeLessThan(5_000);
    expect(sentAt.get('slow')).toBeGreaterThanOrEqual(30_000);
  });

  it('fan-out beyond 50 requests/s → never more than 50 sends in any one second', async () => {
    const subs = Array.from({ length: 180 }, (_, i) => makeSub({ id: `s${i}`, channelId: `c${i}` }));
    const { engine, adapter, time } = await setup(subs);
    const startedAt = time.clock().getTime();
    const sentAt: number[] = [];
    const send = adapter.send.bind(adapter);
    adapter.send = async (message) => {
      sentAt.push(time.clock().getTime() - startedAt);
      return send(message);
    };
    await engine.handleStoryEvent(created(makeStory('s1')));
    await engine.flush();
    expect(adapter.posted).toHaveLength(180);
    for (const at of sentAt) expect(sentAt.filter((t) => t >= at && t < at + 1_000).length).toBeLessThanOrEqual(50);
    // Paced, not stalled: within 1.1× of the time 180 sends take at the configured 48/s.
    const elapsed = time.clock().getTime() - startedAt;
    expect(elapsed).toBeGreaterThan(3_000);
    expect(elapsed).toBeLessThan((180 / 48) * 1_000 * 1.1);
  });

  it('channel gone (403) → subscriptions paused, admin notice recorded, rest of the channel not attempted', async () => {
    const subs = [makeSub({ id: 'a', channelId: 'gone' }), makeSub({ id: 'b', channelId: 'ok' })];
    const { engine, adapter, repo, store } = await setup(subs);
    adapter.script('gone', { status: 'rejected', code: 'delivery/forbidden', reason: 'Missing Access' });
    await engine.handleStoryEvent(created(makeStory('s1')));
    await engine.handleStoryEvent(created(makeStory('s2')));
    await engine.flush();
    expect(adapter.calls.filter((m) => m.channelId === 'gone')).toHaveLength(1);
    expect(adapter.postedIn('ok')).toHaveLength(2);
    expect((await repo.get('a'))?.paused?.reason).toContain('delivery/forbidden');
    expect((await createAdminNotices(store).peek('discord', 'gone'))?.text).toContain('paused');
    // Later stories are not routed to the paused channel at all.
    await engine.handleStoryEvent(created(makeStory('s3')));
    await engine.flush();
    expect(adapter.calls.filter((m) => m.channelId === 'gone')).toHaveLength(1);
  });

  it('invalid request → never retried, counted', async () => {
    const { engine, adapter } = await setup([makeSub()]);
    adapter.script('chan-1', { status: 'rejected', code: 'delivery/invalid', reason: '50035 Invalid Form Body' });
    await engine.handleStoryEvent(created(makeStory('s1')));
    await engine.flush();
    await engine.recover();
    await engine.flush();
    expect(adapter.calls).toHaveLength(1);
    expect(engine.stats().invalid).toBe(1);
  });

  it('burst into one channel beyond the queue bound → oldest instant alerts demoted to the digest', async () => {
    const { engine, adapter, store } = await setup([makeSub()], { maxQueuePerChannel: 2 });
    for (let i = 1; i <= 5; i += 1) await engine.handleStoryEvent(created(makeStory(`s${i}`)));
    expect(engine.stats()).toMatchObject({ demoted: 3, queued: 2 });
    await engine.flush();
    expect(adapter.posted.map((p) => p.idempotencyKey)).toEqual(['discord:chan-1:s4:alert', 'discord:chan-1:s5:alert']);
    const digestQueue = store.collection('digest-queue', (await import('../../../src/delivery/delivery-records.js')).digestQueueEntrySchema);
    const queued: string[] = [];
    for await (const [, entry] of digestQueue.entries()) queued.push(entry.storyId);
    expect(queued.sort()).toEqual(['s1', 's2', 's3']);
  });
});

describe('delivery engine: story updates', () => {
  it('three more outlets report → the original message is edited, no new alert', async () => {
    const { engine, adapter } = await setup([makeSub({ updates: 'edit' })]);
    const story = makeStory('s1');
    await engine.handleStoryEvent(created(story));
    await engine.flush();
    const { event } = grown(story, 3);
    await engine.handleStoryEvent(event);
    await engine.flush();
    expect(adapter.posted).toHaveLength(1);
    const edits = adapter.posted[0]?.edits ?? [];
    expect(edits).toHaveLength(1);
    const edit = edits[0];
    expect(edit?.kind === 'update-edit' && edit.alert.reportCount).toBe(4);
    expect(edit?.kind === 'update-edit' && edit.alert.alsoReportedBy.map((s) => s.source)).toEqual(['Outlet B', 'Outlet C', 'Outlet D']);
  });

  it('thread style → replies go into one thread under the alert', async () => {
    const { engine, adapter } = await setup([makeSub({ updates: 'thread' })]);
    let story = makeStory('s1');
    await engine.handleStoryEvent(created(story));
    await engine.flush();
    for (let i = 0; i < 2; i += 1) {
      const next = grown(story, 1);
      story = next.story;
      await engine.handleStoryEvent(next.event);
      await engine.flush();
    }
    const replies = adapter.calls.filter((m) => m.kind === 'update-thread');
    expect(replies).toHaveLength(2);
    expect(replies[1]?.kind === 'update-thread' && replies[1].target.threadId).toBe('thread-m1');
  });

  it('a story merged into another: the channel that had its alert gets that message edited, not a second alert', async () => {
    const { engine, adapter } = await setup([makeSub({ updates: 'edit' })]);
    const absorbed = makeStory('s2', { reports: [makeReport('s2-1', { source: 'Outlet B', title: 'Kabul airport gates shut' })] });
    await engine.handleStoryEvent(created(absorbed));
    await engine.flush();
    expect(adapter.posted).toHaveLength(1);
    // The channel never got s1's alert (say it scored below the threshold then); s1 absorbs s2.
    const survivor = makeStory('s1');
    const joining = makeReport('s1-3', { source: 'Outlet C', title: 'Kabul airport gates shut after clashes' });
    const merged = { ...survivor, reports: [...survivor.reports, ...absorbed.reports, joining], reportCount: 3 };
    await engine.handleStoryEvent({ kind: 'story-updated', story: merged, item: makeItem(joining), absorbed: ['s2'] });
    await engine.flush();
    expect(adapter.posted).toHaveLength(1);
    const edit = adapter.posted[0]?.edits[0];
    expect(edit?.kind === 'update-edit' && edit.alert.reportCount).toBe(3);
    // Later reports of the merged story keep editing that message.
    await engine.handleStoryEvent(grown(merged, 1).event);
    await engine.flush();
    expect(adapter.posted).toHaveLength(1);
    expect(adapter.posted[0]?.edits).toHaveLength(2);
  });

  it('a merged-away story waiting in a digest waits there as the merged story, once', async () => {
    const { engine, store } = await setup([makeSub({ mode: 'digest', digestAt: '08:00', timezone: 'UTC' })]);
    const absorbed = makeStory('s2');
    await engine.handleStoryEvent(created(absorbed));
    const survivor = makeStory('s1');
    const joining = makeReport('s1-3', { source: 'Outlet C' });
    const merged = { ...survivor, reports: [...survivor.reports, ...absorbed.reports, joining], reportCount: 3 };
    await engine.handleStoryEvent({ kind: 'story-updated', story: merged, item: makeItem(joining), absorbed: ['s2'] });
    const queued: string[] = [];
    for await (const [key] of openDeliveryRecords(store).digestQueue.entries()) queued.push(key);
    expect(queued).toEqual([digestQueueKey('discord', 'chan-1', 's1')]);
  });

  it('a merged-away story a channel already got in a digest is not alerted there again as the merged story', async () => {
    const { engine, adapter, store } = await setup([makeSub({ updates: 'edit' })]);
    await openDeliveryRecords(store).digested.set(digestQueueKey('discord', 'chan-1', 's2'), { digestId: 'd1', at: '2026-03-01T08:00:00.000Z' });
    const survivor = makeStory('s1');
    const joining = makeReport('s1-3', { source: 'Outlet C' });
    const merged = { ...survivor, reports: [...survivor.reports, makeReport('s2-1'), joining], reportCount: 3 };
    await engine.handleStoryEvent({ kind: 'story-updated', story: merged, item: makeItem(joining), absorbed: ['s2'] });
    await engine.flush();
    expect(adapter.calls).toHaveLength(0);
  });

  it('update for a channel whose alert was never posted → no edit attempted', async () => {
    const { engine, adapter } = await setup([makeSub({ minConfidence: 0.95 })]);
    const story = makeStory('s1');
    await engine.handleStoryEvent(created(story));
    await engine.handleStoryEvent(grown(story, 1).event);
    await engine.flush();
    expect(adapter.calls).toHaveLength(0);
  });
});
