import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackHarness } from '../conformance/slack-harness.js';
import { created, makeItem, makeReport, makeStory } from '../unit/delivery/delivery-builders.js';

/**
 * The Slack harness behaves as the conformance suite expects (until the shared
 * suite runs it): each case below is one the suite asks of every platform.
 */
describe.each(['socket', 'http'] as const)('Slack conformance harness (%s)', (mode) => {
  const harness = createSlackHarness({ mode });
  beforeEach(() => harness.start());
  afterEach(() => harness.stop());
  const [c1 = '', c2 = ''] = harness.channels;

  it('subscribe → ephemeral confirmation; one story → one message without pings, even with mentions in feed text', async () => {
    const reply = await harness.runCommand(['subscribe'], { topics: 'security', keywords: 'kabul "airport clashes"' });
    expect(reply.ephemeral).toBe(true);
    const first = makeReport('x-1', { title: '<!channel> Clashes near Kabul <@U0ADMIN>' });
    const story = makeStory('x', { firstReport: first, reports: [first] });
    await harness.publish({ kind: 'story-created', story, item: makeItem(first) });
    await harness.publish({ kind: 'story-created', story, item: makeItem(first) });
    const messages = harness.messagesIn(c1);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toContain('<!channel> Clashes near Kabul <@U0ADMIN>');
    expect(messages[0]?.pings).toEqual([]);
  });

  it('429 then success, lost response, channel gone → one message each where possible, subscription paused where not', async () => {
    await harness.runCommand(['subscribe'], { topics: 'security' });
    await harness.runCommand(['subscribe'], { topics: 'security' }, { channelId: c2 });
    harness.scriptFailure(c1, { kind: 'rate-limit', retryAfterMs: 1_000 });
    harness.scriptFailure(c2, { kind: 'channel-gone' });
    await harness.publish(created(makeStory('y')));
    expect(harness.messagesIn(c1)).toHaveLength(1);
    expect(harness.messagesIn(c2)).toHaveLength(0);
    const notice = await harness.runCommand(['subscriptions'], {}, { channelId: c2, admin: true });
    expect(notice.text).toContain('could not post in this channel');

    harness.scriptFailure(c1, { kind: 'lost-response' });
    await harness.publish(created(makeStory('z')));
    expect(harness.messagesIn(c1)).toHaveLength(2);
  });

  it('killed between outbox write and send → exactly one message after restart', async () => {
    await harness.runCommand(['subscribe'], { topics: 'security' });
    await harness.route(created(makeStory('k')));
    expect(await harness.restart()).toEqual({ reconciled: 0, requeued: 1 });
    expect(harness.messagesIn(c1)).toHaveLength(1);
  });
});
