import { describe, expect, it } from 'vitest';
import { createDeliveryEngine } from '../../../src/delivery/delivery-engine.js';
import { createSubscriptionRepo } from '../../../src/delivery/subscription-repo.js';
import { created, grown, makeStory } from '../delivery/delivery-builders.js';
import { commandFixture } from './command-fixture.js';

describe('core flow without a platform', () => {
  it('subscribe from chat → alert once → three more outlets edit it → killed before the next send → restart → still one message each', async () => {
    const { run, engine, adapter, store, time } = commandFixture();
    await run(['subscribe'], { topics: 'security', regions: 'AF' });
    const story = makeStory('s1');
    await engine.handleStoryEvent(created(story));
    await engine.flush();
    await engine.handleStoryEvent(created(story)); // the same event again (a replayed poll)
    await engine.flush();
    expect(adapter.posted).toHaveLength(1);

    const { story: bigger, event } = grown(story, 3);
    await engine.handleStoryEvent(event);
    await engine.flush();
    expect(adapter.posted[0]?.edits).toHaveLength(1);

    // A second story is routed, then the worker dies before sending it.
    await engine.handleStoryEvent(created(makeStory('s2')));
    const restarted = createDeliveryEngine({ store, subscriptions: createSubscriptionRepo(store), adapters: [adapter], clock: time.clock, sleep: time.sleep });
    await restarted.recover();
    await restarted.flush();
    expect(adapter.posted.map((p) => p.idempotencyKey)).toEqual(['discord:c1:s1:alert', 'discord:c1:s2:alert']);
    expect(bigger.reports).toHaveLength(4);

    // The channel is deleted: the next alert is rejected, the subscription pauses, the admin hears about it.
    adapter.script('c1', { status: 'rejected', code: 'delivery/not-found', reason: 'Unknown Channel' });
    await restarted.handleStoryEvent(created(makeStory('s3')));
    await restarted.flush();
    const next = await run(['subscriptions']);
    expect(next.text).toContain('Sitrep could not post in this channel (delivery/not-found: Unknown Channel)');
    expect(next.text).toContain('PAUSED');
    const resumed = await run(['subscribe'], { topics: 'security', regions: 'AF' });
    expect(resumed.text).toContain('Resumed 1 paused subscription(s)');
  });
});
