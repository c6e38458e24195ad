import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Story } from '../../src/domain/story.js';
import { created, grown, makeItem, makeReport, makeStory } from '../unit/delivery/delivery-builders.js';
import { createDiscordHarness } from './discord-harness.js';
import type { PlatformHarness } from './harness.js';
import { createSlackHarness } from './slack-harness.js';

/**
 * One suite, every platform: the behaviours Discord and Slack must share, written once and
 * run against each real adapter talking to its local emulator.
 */
const platforms: [string, () => PlatformHarness][] = [
  ['discord', () => createDiscordHarness()],
  ['slack', () => createSlackHarness()],
];

function story(id: string, overrides: Partial<Story> = {}): Story {
  return makeStory(id, overrides);
}

describe.each(platforms)('%s conformance', (_name, createHarness) => {
  let harness: PlatformHarness;
  let channel: string;
  let other: string;

  beforeEach(async () => {
    harness = createHarness();
    await harness.start();
    [channel = '', other = ''] = harness.channels;
  });
  afterEach(async () => {
    await harness.stop();
  });

  async function subscribe(options: Record<string, string | number | boolean>, channelId = channel): Promise<void> {
    const reply = await harness.runCommand(['subscribe'], options, { channelId });
    expect(reply.text).toMatch(/Subscribed/);
  }

  it('subscribe answers privately and the subscription is listed', async () => {
    const reply = await harness.runCommand(['subscribe'], { topics: 'security' }, { channelId: channel });
    expect(reply.ephemeral).toBe(true);
    const list = await harness.runCommand(['subscriptions'], {}, { channelId: channel });
    expect(list.text).toMatch(/security/i);
  });

  it('bad arguments get a specific message and change nothing', async () => {
    const reply = await harness.runCommand(['subscribe'], { topics: 'security', min_confidence: 2 }, { channelId: channel });
    expect(reply.ephemeral).toBe(true);
    expect(reply.text).toMatch(/min_confidence/);
    await harness.publish(created(story('s-bad')));
    expect(harness.messagesIn(channel)).toHaveLength(0);
  });

  it('routing by topic, region, keyword and confidence: only matching channels get the alert', async () => {
    await subscribe({ topics: 'security', regions: 'AF' }, channel);
    await subscribe({ topics: 'security', regions: 'UA' }, other);
    await harness.publish(created(story('s-af')));
    expect(harness.messagesIn(channel)).toHaveLength(1);
    expect(harness.messagesIn(other)).toHaveLength(0);

    const third = harness.channels[2] ?? '';
    await subscribe({ topics: 'security', min_confidence: 0.95 }, third);
    await harness.publish(created(story('s-weak')));
    expect(harness.messagesIn(third)).toHaveLength(0);
  });

  it('keyword filters: an excluded word keeps the story out', async () => {
    await subscribe({ topics: 'security', keywords: 'airport -football' });
    await harness.publish(created(story('s-kw')));
    expect(harness.messagesIn(channel)).toHaveLength(1);
    const football = story('s-football', { firstReport: makeReport('s-football-1', { title: 'Football match near Kabul airport' }) });
    football.reports = [football.firstReport];
    await harness.publish({ kind: 'story-created', story: football, item: makeItem(football.firstReport) });
    expect(harness.messagesIn(channel)).toHaveLength(1);
  });

  it('one alert per story however often the event repeats; more outlets edit it', async () => {
    await subscribe({ topics: 'security' });
    const first = story('s-grow');
    await harness.publish(created(first));
    await harness.publish(created(first));
    expect(harness.messagesIn(channel)).toHaveLength(1);
    await harness.publish(grown(first, 2).event);
    expect(harness.messagesIn(channel)).toHaveLength(1);
    expect(harness.edits.at(-1)?.text).toMatch(/Outlet B/);
    expect(harness.edits.at(-1)?.text).toMatch(/3 reports/);
  });

  it('updates:thread replies in the alert’s thread instead of editing', async () => {
    await subscribe({ topics: 'security', updates: 'thread' });
    const first = story('s-thread');
    await harness.publish(created(first));
    const [alert] = harness.messagesIn(channel);
    await harness.publish(grown(first, 1).event);
    expect(harness.messagesIn(channel)).toHaveLength(1);
    expect(harness.threadReplies(channel, alert?.id ?? '')).toHaveLength(1);
  });

  it('mentions and markup in feed text never ping anyone', async () => {
    await subscribe({ topics: 'security' });
    const hostile = story('s-inject', {
      firstReport: makeReport('s-inject-1', { title: '@everyone <!channel> <@&123> <!here> attack near Kabul' }),
    });
    hostile.reports = [hostile.firstReport];
    await harness.publish({ kind: 'story-created', story: hostile, item: makeItem(hostile.firstReport, { summary: '@here <!everyone> *bold* <@U123>' }) });
    const [message] = harness.messagesIn(channel);
    expect(message).toBeDefined();
    expect(message?.pings).toEqual([]);
  });

  it('admin commands refuse non-admins and change nothing', async () => {
    const reply = await harness.runCommand(['feeds', 'pause'], { id: 'wire-a' }, { channelId: channel, admin: false });
    expect(reply.ephemeral).toBe(true);
    expect(reply.text).toMatch(/admin/i);
    const list = await harness.runCommand(['feeds', 'list'], {}, { channelId: channel, admin: true });
    expect(list.text).toMatch(/wire-a/);
    expect(list.text).not.toMatch(/paused by admin/);
  });

  it('429 then success: the alert arrives once after the retry', async () => {
    await subscribe({ topics: 'security' });
    harness.scriptFailure(channel, { kind: 'rate-limit', retryAfterMs: 200 });
    await harness.publish(created(story('s-429')));
    expect(harness.messagesIn(channel)).toHaveLength(1);
  });

  it('channel gone → its subscription is paused and the admin is told on the next command', async () => {
    await subscribe({ topics: 'security' });
    harness.scriptFailure(channel, { kind: 'channel-gone' });
    await harness.publish(created(story('s-gone')));
    expect(harness.messagesIn(channel)).toHaveLength(0);
    const next = await harness.runCommand(['subscriptions'], {}, { channelId: channel });
    expect(next.text).toMatch(/paused/i);
    await harness.publish(created(story('s-after')));
    expect(harness.messagesIn(channel)).toHaveLength(0);
  });

  it('worker killed between outbox write and send → exactly one message after restart', async () => {
    await subscribe({ topics: 'security' });
    await harness.route(created(story('s-crash')));
    expect(harness.messagesIn(channel)).toHaveLength(0);
    await harness.restart();
    expect(harness.messagesIn(channel)).toHaveLength(1);
    await harness.publish(created(story('s-crash')));
    expect(harness.messagesIn(channel)).toHaveLength(1);
  });

  it('response lost after the platform posted → no second message', async () => {
    await subscribe({ topics: 'security' });
    harness.scriptFailure(channel, { kind: 'lost-response' });
    await harness.publish(created(story('s-lost')));
    await harness.restart();
    expect(harness.messagesIn(channel)).toHaveLength(1);
  });

  it('digest mode: nothing instant, the story waits for the digest', async () => {
    await subscribe({ topics: 'security', mode: 'digest', digest_at: '08:00', timezone: 'UTC' });
    await harness.publish(created(story('s-digest')));
    expect(harness.messagesIn(channel)).toHaveLength(0);
    const status = await harness.engine.channelStoryStatus(harness.platform, channel, 's-digest');
    expect(status.digest).toBeDefined();
  });

  it('topics lists the taxonomy with definitions', async () => {
    const reply = await harness.runCommand(['topics'], {}, { channelId: channel });
    expect(reply.text).toMatch(/security/i);
  });
});
