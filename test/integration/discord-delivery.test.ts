import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertKey } from '../../src/delivery/outbox.js';
import { createDiscordHarness } from '../conformance/discord-harness.js';
import { created, grown, makeReport, makeStory } from '../unit/delivery/delivery-builders.js';

/**
 * The whole bot through the Discord emulator with real discord.js: slash
 * command → command core → store → delivery engine → adapter → emulator.
 */
let harness: ReturnType<typeof createDiscordHarness>;
const channel = '700000000000000001';

async function subscribe(options: Record<string, string | number | boolean> = {}) {
  const reply = await harness.runCommand(['subscribe'], { topics: 'security', ...options }, { channelId: channel });
  expect(reply.text).toContain('Subscribed this channel');
  return reply;
}

describe('discord end to end', () => {
  beforeEach(async () => {
    harness = createDiscordHarness();
    await harness.start();
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('subscribe from a slash command, a feed publishes → the alert appears once; three more outlets report → the message is edited', async () => {
    const reply = await subscribe();
    expect(reply.ephemeral).toBe(true);
    const story = makeStory('s1');
    await harness.publish(created(story));
    await harness.publish(created(story));
    const posted = harness.messagesIn(channel);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.text).toContain('Clashes near Kabul airport');
    expect(posted[0]?.text).toContain('Security 0.90');

    const { event } = grown(story, 3);
    await harness.publish(event);
    expect(harness.messagesIn(channel)).toHaveLength(1);
    expect(harness.edits).toHaveLength(1);
    expect(harness.edits[0]?.messageId).toBe(posted[0]?.id);
    expect(harness.edits[0]?.text).toMatch(/Also reported by: .*Outlet B.*Outlet C.*Outlet D/s);
    expect(harness.edits[0]?.text).toContain('4 reports');
    expect(harness.invalidRequests()).toBe(0);
  });

  it('worker killed between outbox write and send → exactly one message after restart', async () => {
    await subscribe();
    await harness.route(created(makeStory('s1')));
    expect(harness.messagesIn(channel)).toHaveLength(0);
    expect(await harness.restart()).toEqual({ reconciled: 0, requeued: 1 });
    expect(harness.messagesIn(channel)).toHaveLength(1);
    await harness.publish(created(makeStory('s1')));
    expect(harness.messagesIn(channel)).toHaveLength(1);
  });

  it('response lost after Discord posted (502) → the retry carries the same nonce and gets the first message back', async () => {
    await subscribe();
    harness.scriptFailure(channel, { kind: 'lost-response' });
    await harness.publish(created(makeStory('s1')));
    const posted = harness.messagesIn(channel);
    expect(posted).toHaveLength(1);
    const entry = await harness.engine.outbox.get(alertKey('discord', channel, 's1'));
    expect(entry).toMatchObject({ state: 'done', ref: { messageId: posted[0]?.id } });
  });

  it('Discord 429 then success → one message, the wait honoured, no other invalid request', async () => {
    await subscribe();
    harness.scriptFailure(channel, { kind: 'rate-limit', retryAfterMs: 300 });
    const started = Date.now();
    await harness.publish(created(makeStory('s1')));
    expect(harness.messagesIn(channel)).toHaveLength(1);
    // Retry-After is whole seconds on Discord: 300 ms rounds up to 1 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(harness.engine.stats()).toMatchObject({ delivered: 1, rateLimited: 1 });
    expect(harness.invalidRequests()).toBe(1);
  });

  it('403 Missing Access → the subscription is paused, nothing more is sent there, the admin is told on the next command', async () => {
    await subscribe();
    harness.scriptFailure(channel, { kind: 'forbidden' });
    await harness.publish(created(makeStory('s1')));
    expect(harness.messagesIn(channel)).toHaveLength(0);
    await harness.publish(created(makeStory('s2')));
    // The paused channel gets no further request: one invalid request in all.
    expect(harness.messagesIn(channel)).toHaveLength(0);
    expect(harness.invalidRequests()).toBe(1);
    const next = await harness.runCommand(['subscriptions'], {}, { channelId: channel });
    expect(next.text).toMatch(/could not post in this channel \(delivery\/forbidden/);
    expect(next.text).toMatch(/paused/);
  });

  it('unknown channel (404 10003) → rejected as not-found and paused, no retry storm', async () => {
    await subscribe();
    harness.scriptFailure(channel, { kind: 'channel-gone' }, 5);
    await harness.publish(created(makeStory('s1')));
    expect(harness.engine.stats()).toMatchObject({ rejected: 1, delivered: 0 });
    expect((await harness.engine.outbox.get(alertKey('discord', channel, 's1')))?.error?.code).toBe('delivery/not-found');
  });

  it('mention injection in feed text never pings anyone', async () => {
    await subscribe();
    const evil = makeReport('evil-1', { title: '@everyone <@&600000000000000001> <@100000000000000002> @here breaking', source: '<#700000000000000002> Wire' });
    const story = makeStory('evil', { firstReport: evil, reports: [evil] });
    await harness.publish(created(story));
    const [message] = harness.messagesIn(channel);
    expect(message?.pings).toEqual([]);
    expect(message?.text).not.toMatch(/@everyone|@here|<@&\d|<@\d|<#\d/);
    expect(message?.text).toContain('everyone');
  });

  it('high-confidence security alert pings only the subscription role', async () => {
    await subscribe({ mention_role: '600000000000000001' });
    await harness.publish(created(makeStory('s1', { scores: { security: 0.95 } })));
    expect(harness.messagesIn(channel)[0]?.pings).toEqual(['role:600000000000000001']);
  });

  it('updates:thread → the first update starts a thread on the alert, later ones reply in it', async () => {
    await subscribe({ updates: 'thread' });
    const story = makeStory('s1');
    await harness.publish(created(story));
    const first = grown(story, 1);
    await harness.publish(first.event);
    await harness.publish(grown(first.story, 1).event);
    const [alert] = harness.messagesIn(channel);
    expect(harness.messagesIn(channel)).toHaveLength(1);
    expect(alert?.threadId).toBe(alert?.id);
    const replies = harness.threadReplies(channel, alert?.id ?? '');
    expect(replies.map((r) => r.text.split('\n')[0])).toEqual(['Also reported by Outlet B', 'Also reported by Outlet C']);
    expect(harness.edits).toHaveLength(0);
  });
});
