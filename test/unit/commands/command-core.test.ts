import { describe, expect, it } from 'vitest';
import { createFeedRegistry } from '../../../src/commands/feed-registry.js';
import { splitFeedText } from '../../../src/commands/feed-text.js';
import { createTopicsRegistry } from '../../../src/commands/topics-registry.js';
import { createAdminNotices } from '../../../src/delivery/admin-notices.js';
import { createSubscriptionRepo } from '../../../src/delivery/subscription-repo.js';
import { created, makeItem, makeReport, makeStory } from '../delivery/delivery-builders.js';
import { commandFixture, seedTopics } from './command-fixture.js';

describe('command core: subscribe and arguments', () => {
  it('subscribe persists and survives a restart (new repo over the same store)', async () => {
    const { run, store } = commandFixture();
    const reply = await run(['subscribe'], { topics: 'security,diplomacy', regions: 'af,PK', keywords: '"peace talks" -sports', min_confidence: '0.6', timezone: 'Asia/Kabul' });
    expect(reply.title).toBe('Sitrep: subscribed');
    expect(reply.text).toContain('security, diplomacy · regions AF, PK · keywords "peace talks" -sports · min_confidence 0.6');
    const [sub] = await createSubscriptionRepo(store).forChannel('discord', 'c1');
    expect(sub).toMatchObject({ topics: ['security', 'diplomacy'], regions: ['AF', 'PK'], minConfidence: 0.6, timezone: 'Asia/Kabul', keywords: { include: ['peace talks'], exclude: ['sports'] } });
  });

  it('min_confidence out of range → specific ephemeral error, nothing saved', async () => {
    const { run, subscriptions } = commandFixture();
    const reply = await run(['subscribe'], { topics: 'security', min_confidence: '2' });
    expect(reply.ephemeral).toBe(true);
    expect(reply.lines[0]).toBe('min_confidence: expected a number between 0 and 1, got "2"');
    expect(reply.text).toContain('Usage: /sitrep subscribe');
    expect(await subscriptions.list()).toEqual([]);
  });

  it('bad time zone, bad digest time, bad mode, unknown option, missing topics → each named, nothing saved', async () => {
    const { run, subscriptions } = commandFixture();
    expect((await run(['subscribe'], { topics: 'security', timezone: 'Mars/Olympus' })).lines[0]).toBe(
      'timezone: expected an IANA time zone such as Europe/Berlin or UTC, got "Mars/Olympus"',
    );
    expect((await run(['subscribe'], { topics: 'security', digest_at: '25:00' })).lines[0]).toContain('digest_at: expected a time HH:MM');
    expect((await run(['subscribe'], { topics: 'security', mode: 'loud' })).lines[0]).toBe('mode: expected one of instant, digest, got "loud"');
    expect((await run(['subscribe'], { topics: 'security', colour: 'red' })).lines[0]).toContain('colour: unknown option for /sitrep subscribe');
    expect((await run(['subscribe'], {})).lines[0]).toMatch(/^topics: required/);
    expect(await subscriptions.list()).toEqual([]);
  });

  it('unknown topic → lists the configured ones', async () => {
    const { run } = commandFixture();
    expect((await run(['subscribe'], { topics: 'sportz' })).lines[0]).toBe('topics: unknown topic "sportz"; configured topics: security, diplomacy, humanitarian');
  });

  it('unsubscribe some topics keeps the rest; unsubscribe all removes everything', async () => {
    const { run, subscriptions } = commandFixture();
    await run(['subscribe'], { topics: 'security,diplomacy' });
    await run(['subscribe'], { topics: 'humanitarian', mode: 'digest' });
    expect((await run(['unsubscribe'], { topics: 'diplomacy' })).text).toContain('sub-1 now covers security');
    expect((await subscriptions.list()).map((s) => s.topics)).toEqual([['security'], ['humanitarian']]);
    expect((await run(['unsubscribe'], { topics: 'diplomacy' })).lines[0]).toContain('not subscribed to diplomacy');
    await run(['unsubscribe']);
    expect(await subscriptions.list()).toEqual([]);
  });

  it('lookups are ephemeral unless public:true', async () => {
    const { run } = commandFixture();
    expect((await run(['topics'])).ephemeral).toBe(true);
    expect((await run(['topics'], { public: true })).ephemeral).toBe(false);
    expect((await run(['topics'], { public: 'yes' })).ephemeral).toBe(false);
  });
});

describe('command core: permissions and admin commands', () => {
  it('non-admin runs feeds add → admin only, the URL is never fetched', async () => {
    const { run, state } = commandFixture();
    const reply = await run(['feeds', 'add'], { url: 'https://example.org/feed.xml' });
    expect(reply.title).toBe('Sitrep: admin only');
    expect(reply.ephemeral).toBe(true);
    expect(state.feedChecks).toEqual([]);
  });

  it('feeds add of a private address → refused with the guard code, nothing added', async () => {
    const { run, state, feeds } = commandFixture();
    state.feedCheck = { ok: false, code: 'feed/private-address', message: '10.0.0.5 is a private address' };
    const reply = await run(['feeds', 'add'], { url: 'http://intranet.local/feed' }, { isAdmin: true });
    expect(reply.text).toContain('Feed not added: feed/private-address');
    expect((await feeds.list()).map((f) => f.id)).toEqual(['un-news']);
  });

  it('feeds add / pause / interval / remove persist across a restart', async () => {
    const { run, store } = commandFixture();
    const admin = { isAdmin: true };
    expect((await run(['feeds', 'add'], { url: 'https://wire.example/rss' }, admin)).text).toContain('Added feed example-wire');
    expect((await run(['feeds', 'add'], { url: 'https://wire.example/rss' }, admin)).lines[0]).toBe('url: already configured as feed example-wire');
    await run(['feeds', 'pause'], { id: 'un-news' }, admin);
    await run(['feeds', 'interval'], { id: 'example-wire', minutes: '30' }, admin);
    expect((await run(['feeds', 'interval'], { id: 'example-wire', minutes: '2' }, admin)).lines[0]).toBe('minutes: expected a whole number between 5 and 1440, got "2"');
    expect((await run(['feeds', 'remove'], { id: 'nope' }, admin)).text).toContain('unknown feed "nope"');
    const restarted = createFeedRegistry({ store, seed: [{ id: 'un-news', url: 'https://news.un.org/feed/rss.xml', intervalMinutes: 15, enabled: true }] });
    expect((await restarted.list()).map((f) => [f.id, f.enabled, f.intervalMinutes])).toEqual([
      ['example-wire', true, 30],
      ['un-news', false, 15],
    ]);
  });

  it('tune add-term takes effect without restart, is versioned, undoable, and survives a restart', async () => {
    const { run, topics, store } = commandFixture();
    const reloads: number[] = [];
    topics.listen((snapshot) => {
      reloads.push(snapshot.version);
    });
    const admin = { isAdmin: true };
    expect((await run(['tune', 'add-term'], { topic: 'security', term: 'drone strike' }, admin)).text).toContain('v1');
    expect((await run(['tune', 'threshold'], { topic: 'security', value: '0.7' }, admin)).text).toContain('threshold → 0.7');
    expect((await run(['tune', 'threshold'], { topic: 'security', value: '1.5' }, admin)).lines[0]).toBe('value: expected a number between 0 and 1, got "1.5"');
    expect((await run(['tune', 'add-term'], { topic: 'nope', term: 'x' }, admin)).lines[0]).toContain('unknown topic "nope"');
    expect(reloads).toEqual([1, 2]);
    await run(['tune', 'undo'], {}, admin);
    const security = (await topics.current()).topics.find((t) => t.id === 'security');
    expect(security).toMatchObject({ threshold: 0.5, terms: ['airstrike', 'attack', 'drone strike'] });
    const history = await run(['tune', 'history'], {}, admin);
    expect(history.text).toContain('v3');
    expect(history.text).toContain('undo of v2');
    const restarted = createTopicsRegistry({ store, seed: seedTopics });
    expect((await restarted.current()).version).toBe(3);
    expect((await restarted.current()).topics.find((t) => t.id === 'security')?.terms).toContain('drone strike');
  });

  it('channel lost access → the admin notice is shown on the next command there, once', async () => {
    const { run, store } = commandFixture();
    await createAdminNotices(store).record({ platform: 'discord', channelId: 'c1', code: 'delivery/forbidden', text: 'Sitrep could not post in this channel', at: 'x' });
    expect((await run(['subscriptions'])).lines[0]).toContain('⚠ Sitrep could not post in this channel');
    expect((await run(['subscriptions'])).text).not.toContain('⚠');
  });

  it('unknown command → the list of commands', async () => {
    const { run } = commandFixture();
    const reply = await run(['feeds', 'explode'], {}, { isAdmin: true });
    expect(reply.title).toBe('Sitrep: unknown command');
    expect(reply.text).toContain('/sitrep feeds add <url>');
  });
});

describe('command core: lookups', () => {
  it('why: never seen / posted here / below this channel threshold', async () => {
    const { run, state, engine, adapter } = commandFixture();
    expect((await run(['why'], { url: 'https://nowhere.example/x' })).text).toContain('Never seen');
    await run(['subscribe'], { topics: 'security' });
    await run(['subscribe'], { topics: 'diplomacy', min_confidence: '0.9' });
    const story = makeStory('s1', { scores: { security: 0.9, diplomacy: 0.4 } });
    state.stories.push(story);
    state.items.push(makeItem(story.firstReport));
    await engine.handleStoryEvent(created(story));
    await engine.flush();
    expect(adapter.posted).toHaveLength(1);
    const reply = await run(['why'], { url: story.firstReport.link ?? '' });
    expect(reply.text).toContain('Story s1');
    expect(reply.text).toContain('Posted here');
    expect(reply.text).toContain('sub-1: MATCHED → instant alert');
    expect(reply.text).toContain('sub-2: did not match');
    expect(reply.text).toContain('diplomacy 0.40 < 0.9');
  });

  it('recent lists newest first; search finds stored items; feed text is marked for escaping', async () => {
    const { run, state, search, time } = commandFixture();
    const older = makeStory('old', { lastUpdated: '2026-03-01T08:00:00.000Z', firstReport: makeReport('o', { title: 'Older @everyone story' }) });
    const newer = makeStory('new', { lastUpdated: '2026-03-01T11:00:00.000Z' });
    state.stories.push(older, newer);
    const recent = await run(['recent'], { hours: '24' });
    expect(recent.lines.map((l) => (l.includes('Older') ? 'old' : 'new'))).toEqual(['new', 'old']);
    const mention = recent.lines.find((l) => l.includes('@everyone')) ?? '';
    expect(splitFeedText(mention).find((s) => s.text.includes('@everyone'))?.untrusted).toBe(true);
    search.upsert({ id: 'i1', kind: 'item', title: 'Drought in Sindh', summary: '', source: 'Dawn', places: ['PK'], actors: [], topics: [], link: 'https://dawn.example/1', published: time.clock().toISOString() });
    expect((await run(['search'], { query: 'sindh' })).text).toContain('Drought in Sindh — Dawn');
    expect((await run(['search'], { query: 'zzz' })).text).toContain('Nothing found');
  });

  it('status lists failing and paused feeds with error codes', async () => {
    const { run, state } = commandFixture();
    state.health = [
      { feedId: 'un-news', url: 'u', status: 'ok', lastSuccessAt: '2026-03-01T11:50:00.000Z', lastError: null, consecutiveFailures: 0, pausedReason: null },
      { feedId: 'dawn', url: 'u', status: 'paused', lastSuccessAt: null, lastError: { code: 'feed/http-5xx', message: '503 Service Unavailable', at: 'x' }, consecutiveFailures: 12, pausedReason: 'too many failures' },
    ];
    const reply = await run(['status']);
    expect(reply.lines[0]).toBe('2 feeds: 1 ok, 0 failing, 1 paused, 0 disabled.');
    expect(reply.text).toContain('dawn PAUSED (too many failures) after 12 failure(s), never succeeded — feed/http-5xx: 503 Service Unavailable');
  });
});

describe('command core: failures on our side', () => {
  it('stories reader throws → an ephemeral "something went wrong", not a crash', async () => {
    const { deps } = commandFixture();
    const { createCommandCore } = await import('../../../src/commands/command-core.js');
    const core = createCommandCore({
      ...deps,
      stories: {
        recent: async () => {
          throw new Error('database is locked');
        },
        findByUrl: async () => null,
      },
    });
    const reply = await core({ platform: 'slack', workspaceId: 'T1', channelId: 'C1', userId: 'U1', isAdmin: false, path: ['recent'], options: {} });
    expect(reply).toMatchObject({ ephemeral: true, title: 'Sitrep: something went wrong' });
  });
});

describe('command core: feeds resume after an auto-pause', () => {
  it('feed paused by the poller after failures → resume clears it through the injected hook', async () => {
    const { deps, state } = commandFixture();
    const resumed: string[] = [];
    const { createCommandCore } = await import('../../../src/commands/command-core.js');
    const core = createCommandCore({ ...deps, resumeFeedHealth: async (id) => void resumed.push(id) });
    state.health = [{ feedId: 'un-news', url: 'u', status: 'paused', lastSuccessAt: null, lastError: null, consecutiveFailures: 10, pausedReason: 'failures' }];
    const reply = await core({ platform: 'discord', workspaceId: 'g', channelId: 'c', userId: 'u', isAdmin: true, path: ['feeds', 'resume'], options: { id: 'un-news' } });
    expect(reply.lines[0]).toContain('will be polled again');
    expect(resumed).toEqual(['un-news']);
  });
});
