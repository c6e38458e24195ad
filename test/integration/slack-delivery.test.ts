import { afterEach, describe, expect, it } from 'vitest';
import { created, grown, makeItem, makeReport, makeStory } from '../unit/delivery/delivery-builders.js';
import type { Story } from '../../src/domain/story.js';
import { responseText, slackFixture, type SlackMode } from './slack-fixture.js';

type Fixture = Awaited<ReturnType<typeof slackFixture>>;

function slackStory(id: string, overrides: Partial<Story> = {}): Story {
  const first = makeReport(`${id}-1`, { title: `Clashes near Kabul airport (${id})`, link: `https://news.example/${id}-1` });
  return makeStory(id, { firstReport: first, reports: [first], ...overrides });
}

interface PostedBlock {
  type: string;
  text?: { text?: string };
  elements?: { action_id?: string; value?: string; text?: unknown }[];
}

describe.each<SlackMode>(['socket', 'http'])('Slack through the real Bolt app (%s mode)', (mode) => {
  let fx: Fixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  async function subscribed(channelId = 'C0NEWS'): Promise<Fixture> {
    fx = await slackFixture(mode);
    if (channelId !== 'C0NEWS') fx.emulator.state.addChannel(channelId);
    const reply = await fx.command('subscribe topics:security', { channelId });
    expect(reply.body.response_type).toBe('ephemeral');
    expect((await fx.subscriptions.forChannel('slack', channelId)).map((s) => s.topics)).toEqual([['security']]);
    return fx;
  }

  it('subscribe by slash command → story → one Block Kit alert → more outlets edit it → Why this? answers ephemerally', async () => {
    const f = await subscribed();
    const story = slackStory('s1');
    f.state.stories.push(story);
    f.state.items.push(makeItem(story.firstReport));
    await f.engine.handleStoryEvent(created(story));
    await f.engine.flush();

    const posts = f.emulator.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.params).toMatchObject({ channel: 'C0NEWS', unfurl_links: 'false', unfurl_media: 'false' });
    const [message] = f.emulator.state.channelMessages('C0NEWS');
    expect(message?.metadata).toEqual({ event_type: 'sitrep_alert', event_payload: { key: 'slack:C0NEWS:s1:alert' } });
    const blocks = message?.blocks as PostedBlock[];
    expect(blocks[0]?.text?.text).toContain('<https://news.example/s1-1|Clashes near Kabul airport (s1)>');
    expect(message?.text).toContain('Clashes near Kabul airport');

    const { story: bigger, event } = grown(story, 3);
    f.state.stories.splice(0, 1, bigger);
    await f.engine.handleStoryEvent(event);
    await f.engine.flush();
    expect(f.emulator.callsTo('chat.postMessage')).toHaveLength(1);
    expect(f.emulator.callsTo('chat.update')).toHaveLength(1);
    expect(message?.edits).toHaveLength(1);
    expect(JSON.stringify(message?.blocks)).toContain('Also reported by');
    expect(message?.metadata?.event_payload['key']).toBe('slack:C0NEWS:s1:alert');

    const button = (message?.blocks as PostedBlock[]).flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'sitrep_why');
    expect(JSON.parse(button?.value ?? '{}')).toEqual({ storyId: 's1', link: 'https://news.example/s1-1' });
    const why = await f.pressWhy(button?.value ?? '', { messageTs: message?.ts });
    expect(why.body.response_type).toBe('ephemeral');
    expect(why.body.replace_original).toBe(false);
    expect(responseText(why)).toContain('Story s1');
  });

  it('story update style thread → a reply in the alert’s thread, not a new message', async () => {
    const f = await subscribed();
    const [sub] = await f.subscriptions.forChannel('slack', 'C0NEWS');
    if (sub) await f.subscriptions.save({ ...sub, updates: 'thread' });
    const story = slackStory('s2');
    await f.engine.handleStoryEvent(created(story));
    await f.engine.flush();
    await f.engine.handleStoryEvent(grown(story, 1).event);
    await f.engine.flush();
    const [parent] = f.emulator.state.channelMessages('C0NEWS');
    expect(f.emulator.state.channelMessages('C0NEWS')).toHaveLength(1);
    const replies = f.emulator.state.threadReplies('C0NEWS', parent?.ts ?? '');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.thread_ts).toBe(parent?.ts);
  });

  it('Slack answers 429 with Retry-After → the engine waits that long, then posts once', async () => {
    const f = await subscribed();
    f.emulator.fail('chat.postMessage', { type: 'rate-limited', retryAfterSec: 7 });
    await f.engine.handleStoryEvent(created(slackStory('s3')));
    await f.engine.flush();
    const calls = f.emulator.callsTo('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(f.emulator.state.channelMessages('C0NEWS')).toHaveLength(1);
    expect(f.time.slept.some((ms) => ms >= 7_000)).toBe(true);
    expect(f.engine.stats().rateLimited).toBe(1);
  });

  it('channel_not_found → the subscription is paused and the admin is told on the next command', async () => {
    const f = await subscribed('C0GONE');
    f.emulator.state.channels.delete('C0GONE');
    await f.engine.handleStoryEvent(created(slackStory('s4')));
    await f.engine.flush();
    expect(f.emulator.callsTo('chat.postMessage').map((c) => c.error)).toEqual(['channel_not_found']);
    const [sub] = await f.subscriptions.forChannel('slack', 'C0GONE');
    expect(sub?.paused?.reason).toContain('channel_not_found');
    const next = await f.command('subscriptions', { channelId: 'C0GONE', userId: 'U0ADMIN' });
    expect(responseText(next)).toContain('could not post in this channel');
    await f.engine.handleStoryEvent(created(slackStory('s5')));
    await f.engine.flush();
    expect(f.emulator.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('killed between outbox write and send, then restarted → exactly one message', async () => {
    const f = await subscribed();
    await f.engine.handleStoryEvent(created(slackStory('s6')));
    // The process dies here: the outbox holds the delivery, Slack saw nothing.
    expect(f.emulator.callsTo('chat.postMessage')).toHaveLength(0);
    const restarted = await f.restart();
    expect(await restarted.recover()).toEqual({ reconciled: 0, requeued: 1 });
    await restarted.flush();
    expect(f.emulator.state.channelMessages('C0NEWS')).toHaveLength(1);
  });

  it('killed after Slack accepted the post, before "done" was written → found by metadata, not reposted', async () => {
    const f = await subscribed();
    await f.engine.handleStoryEvent(created(slackStory('s7')));
    const entry = await f.engine.outbox.get('slack:C0NEWS:s7:alert');
    if (!entry || entry.message.kind !== 'alert') throw new Error('no outbox entry');
    await f.engine.outbox.update(entry, { state: 'sending', attempts: 1 });
    expect((await f.adapter.send(entry.message)).status).toBe('delivered');
    const restarted = await f.restart();
    expect(await restarted.recover()).toEqual({ reconciled: 1, requeued: 0 });
    await restarted.flush();
    expect(f.emulator.state.channelMessages('C0NEWS')).toHaveLength(1);
    expect(f.emulator.callsTo('conversations.history')[0]?.params['include_all_metadata']).toBe('true');
    const done = await restarted.outbox.get('slack:C0NEWS:s7:alert');
    expect(done?.state).toBe('done');
    expect(done?.ref?.messageId).toBe(f.emulator.state.channelMessages('C0NEWS')[0]?.ts);
  });

  it('Slack posted the alert but the answer was lost → found by metadata on the retry, not posted twice', async () => {
    const f = await subscribed();
    f.emulator.fail('chat.postMessage', { type: 'lost-response' });
    await f.engine.handleStoryEvent(created(slackStory('s9')));
    await f.engine.flush();
    expect(f.emulator.state.channelMessages('C0NEWS')).toHaveLength(1);
    expect(f.emulator.callsTo('chat.postMessage')).toHaveLength(1);
    expect(f.emulator.callsTo('conversations.history')).toHaveLength(1);
    expect((await f.engine.outbox.get('slack:C0NEWS:s9:alert'))?.ref?.messageId).toBe(f.emulator.state.channelMessages('C0NEWS')[0]?.ts);
  });

  it('feed text with <!channel>, <!here>, <@U…>, <#C…> and & → escaped, nobody pinged', async () => {
    const f = await subscribed();
    const first = makeReport('s8-1', { title: '<!channel> Breaking: <@U0ADMIN> & <#C0NEWS> <https://evil.example|click>', source: '<!everyone> Wire' });
    const story = slackStory('s8', { firstReport: first, reports: [first] });
    await f.engine.handleStoryEvent({ kind: 'story-created', story, item: makeItem(first, { summary: '<!here> @channel summary' }) });
    await f.engine.flush();
    const [message] = f.emulator.state.channelMessages('C0NEWS');
    const rendered = JSON.stringify(message?.blocks) + (message?.text ?? '');
    for (const mention of ['<!channel>', '<!here>', '<!everyone>', '<@U0ADMIN>', '<#C0NEWS>', '<https://evil.example|']) {
      expect(rendered).not.toContain(mention);
    }
    expect(rendered).toContain('&lt;!channel&gt; Breaking: &lt;@U0ADMIN&gt; &amp; &lt;#C0NEWS&gt;');
    expect(rendered).not.toMatch(/(?<![\u200b])@channel/);
  });

  it('digest subscription → nothing instant; at the channel’s local digest time → one digest message with linked stories', async () => {
    fx = await slackFixture(mode);
    await fx.command('subscribe topics:security mode:digest digest_at:08:00 timezone:Europe/Berlin');
    await fx.engine.handleStoryEvent(created(slackStory('d1')));
    await fx.engine.handleStoryEvent(created(slackStory('d2')));
    await fx.engine.flush();
    expect(fx.emulator.callsTo('chat.postMessage')).toHaveLength(0);
    fx.time.set('2026-03-02T06:59:00.000Z'); // 07:59 in Berlin
    expect(await fx.engine.tick()).toEqual({ digests: 0 });
    fx.time.set('2026-03-02T07:00:00.000Z');
    expect(await fx.engine.tick()).toEqual({ digests: 1 });
    await fx.engine.flush();
    const [digest] = fx.emulator.state.channelMessages('C0NEWS');
    const text = JSON.stringify(digest?.blocks);
    expect(text).toContain('<https://news.example/d1-1|Clashes near Kabul airport (d1)>');
    expect(text).toContain('<https://news.example/d2-1|');
    expect(digest?.blocks[0]).toMatchObject({ type: 'header' });
  });

  it('bad command text → ephemeral usage help, nothing changed', async () => {
    fx = await slackFixture(mode);
    const reply = await fx.command('subscribe colour:blue');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(responseText(reply)).toContain('Usage: /sitrep subscribe');
    expect(await fx.subscriptions.list()).toHaveLength(0);
    const help = responseText(await fx.command('help'));
    expect(help).toContain('*Sitrep commands*');
    expect(help).toContain('/sitrep subscribe');
  });

  it('admin-only command from a member → refused; from a workspace admin (users.info) → allowed', async () => {
    fx = await slackFixture(mode);
    expect(responseText(await fx.command('feeds list'))).toContain('admins only');
    expect(responseText(await fx.command('feeds list', { userId: 'U0ADMIN' }))).not.toContain('admins only');
    expect(fx.emulator.callsTo('users.info').map((c) => c.params['user'])).toEqual(['U0MEMBER', 'U0ADMIN']);
  });

  it('a public lookup → in_channel response', async () => {
    fx = await slackFixture(mode);
    const reply = await fx.command('topics public:true');
    expect(reply.body.response_type).toBe('in_channel');
    expect(responseText(reply)).toContain('security');
  });
});
