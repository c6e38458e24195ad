import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/adapters/chat-adapter.js';
import { createDiscordAdapter } from '../../src/adapters/discord/discord-adapter.js';
import { deliveryNonce } from '../../src/adapters/discord/delivery-nonce.js';
import type { Alert } from '../../src/domain/alert.js';
import { startDiscordEmulator, type DiscordEmulator } from '../emulators/discord/discord-emulator.js';
import { messageProblems } from '../emulators/discord/emulator-limits.js';

/** The adapter's send/findPosted against the emulator, without the engine. */
const channel = '710000000000000001';
let emulator: DiscordEmulator;

function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    storyId: 's1',
    title: 'Clashes near Kabul airport',
    link: 'https://news.example/a1',
    summary: 'Fighting broke out near the airport on Monday.',
    source: 'Outlet A',
    published: '2026-03-01T10:00:00.000Z',
    topics: [{ id: 'security', label: 'Security', score: 0.91 }],
    places: ['AF', 'AF-KAB'],
    actors: [],
    alsoReportedBy: [],
    reportCount: 1,
    ...overrides,
  };
}

function adapter(token = emulator.token) {
  return createDiscordAdapter({ token, applicationId: emulator.applicationId, apiUrl: emulator.apiUrl, unavailableRetryMs: 10 });
}

const alertMessage = (key: string, a: Alert = alert()): OutboundMessage => ({ kind: 'alert', channelId: channel, idempotencyKey: key, alert: a });

describe('discord adapter: send', () => {
  beforeEach(async () => {
    emulator = await startDiscordEmulator({ channels: [channel] });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('an alert posts one embed with a nonce of at most 25 characters, enforce_nonce and no parsed mentions', async () => {
    const outcome = await adapter().send(alertMessage('discord:710000000000000001:s1:alert'));
    expect(outcome).toMatchObject({ status: 'delivered', ref: { platform: 'discord', channelId: channel } });
    const request = emulator.state.requests.find((r) => r.method === 'POST');
    const body = request?.body as Record<string, unknown>;
    expect(String(body['nonce']).length).toBeLessThanOrEqual(25);
    expect(body).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });
    const [embed] = body['embeds'] as Record<string, unknown>[];
    expect(embed).toMatchObject({ title: 'Clashes near Kabul airport', url: 'https://news.example/a1', color: 0xd32f2f });
    expect(request?.authorization).toBe(`Bot ${emulator.token}`);
  });

  it('the same delivery sent twice (lost answer, retry) → one message: the nonce returns the first', async () => {
    const a = adapter();
    const first = await a.send(alertMessage('k1'));
    const second = await a.send(alertMessage('k1'));
    expect(emulator.messagesIn(channel)).toHaveLength(1);
    expect(second).toEqual(first);
  });

  it('crash after Discord accepted, nonce window over → findPosted finds the message in channel history', async () => {
    await emulator.close();
    emulator = await startDiscordEmulator({ channels: [channel], nonceWindowMs: 0 });
    const sent = await adapter().send(alertMessage('discord:c:s1:alert'));
    await adapter().send(alertMessage('discord:c:s2:alert', alert({ storyId: 's2' })));
    const restarted = adapter();
    const found = await restarted.findPosted(channel, 'discord:c:s1:alert');
    expect(sent.status === 'delivered' && found?.messageId === sent.ref.messageId).toBe(true);
    expect(await restarted.findPosted(channel, 'discord:c:never:alert')).toBeNull();
    expect(emulator.state.requests.at(-1)?.query).toBe('?limit=50');
  });

  it('findPosted in a channel the bot lost → null (the send will report why), not a throw', async () => {
    expect(await adapter().findPosted('719999999999999999', 'k')).toBeNull();
  });

  it('a thread reply whose answer was lost is found in the thread, not posted twice', async () => {
    await emulator.close();
    emulator = await startDiscordEmulator({ channels: [channel], nonceWindowMs: 0 });
    const a = adapter();
    const posted = await a.send(alertMessage('discord:c:s1:alert'));
    if (posted.status !== 'delivered') throw new Error('not delivered');
    const key = 'discord:c:s1:update:i2';
    const grown = alert({ alsoReportedBy: [{ source: 'Outlet B', title: 'More clashes', link: 'https://b.example/1' }], reportCount: 2 });
    const reply = await a.send({ kind: 'update-thread', channelId: channel, idempotencyKey: key, alert: grown, target: posted.ref });
    expect(reply).toMatchObject({ status: 'delivered', ref: { threadId: posted.ref.messageId } });
    const found = await adapter().findPosted(channel, key);
    expect(found).toMatchObject({ threadId: posted.ref.messageId });
    expect(reply.status === 'delivered' && found?.messageId === reply.ref.messageId).toBe(true);
  });

  it('thread already created by a lost attempt (160004) → the reply goes into the existing thread', async () => {
    const a = adapter();
    const posted = await a.send(alertMessage('k-alert'));
    if (posted.status !== 'delivered') throw new Error('not delivered');
    emulator.script({ method: 'POST', path: /\/threads$/, failure: { kind: 'lost-response' } });
    const update = { kind: 'update-thread' as const, channelId: channel, alert: alert(), target: posted.ref };
    expect((await a.send({ ...update, idempotencyKey: 'u1' })).status).toBe('retry-after');
    const retried = await a.send({ ...update, idempotencyKey: 'u1' });
    expect(retried).toMatchObject({ status: 'delivered', ref: { threadId: posted.ref.messageId } });
    expect(emulator.messagesIn(posted.ref.messageId)).toHaveLength(1);
  });

  it('429 → retry-after with the wait; a global 429 says global (the engine pauses every channel)', async () => {
    const a = adapter();
    emulator.script({ path: /messages$/, failure: { kind: 'rate-limit', retryAfterMs: 2000 } });
    const limited = await a.send(alertMessage('k1'));
    expect(limited).toMatchObject({ status: 'retry-after' });
    // @discordjs/rest adds its 50 ms safety offset to Retry-After.
    expect(limited.status === 'retry-after' && limited.retryAfterMs).toBeGreaterThanOrEqual(2000);
    expect(limited.status === 'retry-after' && /global/.test(limited.reason)).toBe(false);
    emulator.script({ path: new RegExp(`/channels/${channel}/messages$`), failure: { kind: 'rate-limit', retryAfterMs: 1000, global: true } });
    const other = adapter();
    const global = await other.send(alertMessage('k2'));
    expect(global).toMatchObject({ status: 'retry-after' });
    expect(global.status === 'retry-after' && /global/.test(global.reason)).toBe(true);
  });

  it.each([
    [{ kind: 'forbidden', code: 50001 } as const, 'delivery/forbidden'],
    [{ kind: 'forbidden', code: 50013 } as const, 'delivery/forbidden'],
    [{ kind: 'not-found', code: 10003 } as const, 'delivery/not-found'],
    [{ kind: 'invalid' } as const, 'delivery/invalid'],
  ])('Discord answers %o → rejected %s, never a throw', async (failure, code) => {
    emulator.script({ path: /messages$/, failure });
    expect(await adapter().send(alertMessage('k1'))).toMatchObject({ status: 'rejected', code });
  });

  it('Discord 5xx or unreachable → retry-after, never a throw', async () => {
    emulator.script({ path: /messages$/, failure: { kind: 'server-error', status: 503 } });
    expect(await adapter().send(alertMessage('k1'))).toMatchObject({ status: 'retry-after' });
    const offline = createDiscordAdapter({ token: 't', applicationId: emulator.applicationId, apiUrl: 'http://127.0.0.1:9/api', requestTimeoutMs: 500 });
    expect(await offline.send(alertMessage('k1'))).toMatchObject({ status: 'retry-after', reason: expect.stringMatching(/unreachable/) });
  });

  it('a revoked token (401) → one invalid request, then sends wait without calling Discord', async () => {
    const broken = adapter('wrong-token');
    for (let i = 0; i < 5; i += 1) expect(await broken.send(alertMessage(`k${i}`))).toMatchObject({ status: 'retry-after', reason: expect.stringMatching(/DISCORD_TOKEN/) });
    expect(emulator.state.invalidRequests).toBe(1);
  });

  it('update-edit rewrites the original message in place', async () => {
    const a = adapter();
    const posted = await a.send(alertMessage('k-alert'));
    if (posted.status !== 'delivered') throw new Error('not delivered');
    const grown = alert({ alsoReportedBy: [{ source: 'Outlet B', title: 't', link: null }], reportCount: 2 });
    expect(await a.send({ kind: 'update-edit', channelId: channel, idempotencyKey: 'k-up', alert: grown, target: posted.ref })).toEqual({ status: 'delivered', ref: posted.ref });
    expect(emulator.state.edits).toHaveLength(1);
    expect(JSON.stringify(emulator.messagesIn(channel)[0]?.embeds)).toContain('Outlet B');
    expect(await adapter().findPosted(channel, 'k-up')).toEqual(posted.ref);
  });

  it.each([50013, 50001] as const)('no right to create threads (403 %s) → the update edits the alert instead of failing', async (code) => {
    const a = adapter();
    const posted = await a.send(alertMessage('k-alert'));
    if (posted.status !== 'delivered') throw new Error('not delivered');
    emulator.script({ method: 'POST', path: /\/threads$/, failure: { kind: 'forbidden', code } });
    const grown = alert({ alsoReportedBy: [{ source: 'Outlet C', title: 't', link: null }], reportCount: 2 });
    const sent = await a.send({ kind: 'update-thread', channelId: channel, idempotencyKey: 'k-thread', alert: grown, target: posted.ref });
    expect(sent).toEqual({ status: 'delivered', ref: posted.ref });
    expect(emulator.state.edits).toHaveLength(1);
    expect(JSON.stringify(emulator.messagesIn(channel)[0]?.embeds)).toContain('Outlet C');
    expect(emulator.messagesIn(channel)).toHaveLength(1);
    // After a crash, the edit is recognised as this update: it is not sent again.
    expect(await adapter().findPosted(channel, 'k-thread')).toEqual(posted.ref);
  });
});

describe('discord adapter: limits and escaping', () => {
  beforeEach(async () => {
    emulator = await startDiscordEmulator({ channels: [channel] });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('oversized feed text (title, summary, 200 outlets, 40 topics) still fits every embed limit', async () => {
    const huge = alert({
      title: 'T'.repeat(1000),
      summary: 'word '.repeat(3000),
      source: 'S'.repeat(500),
      topics: Array.from({ length: 40 }, (_, i) => ({ id: `topic-${i}`, label: `Topic number ${i}`, score: 0.5 })),
      places: Array.from({ length: 300 }, (_, i) => `P${i}`),
      alsoReportedBy: Array.from({ length: 200 }, (_, i) => ({ source: `Outlet ${i} with a long name`, title: 'x', link: `https://o${i}.example/${'p'.repeat(50)}` })),
      reportCount: 201,
    });
    expect(await adapter().send(alertMessage('k1', huge))).toMatchObject({ status: 'delivered' });
    const [message] = emulator.messagesIn(channel);
    expect(messageProblems({ embeds: message?.embeds ?? [] })).toEqual([]);
    expect(JSON.stringify(message?.embeds)).toContain('more');
  });

  it('markdown and masked links in feed text are shown, not rendered', async () => {
    const tricky = alert({ title: '**Breaking** [click here](https://evil.example) `code` ||spoiler||', summary: '# Heading\n> quote\n- list' });
    await adapter().send(alertMessage('k1', tricky));
    const [embed] = emulator.messagesIn(channel)[0]?.embeds ?? [];
    // An escaped opening bracket is enough to stop the masked link.
    expect(embed?.['title']).toBe('\\*\\*Breaking\\*\\* \\[click here](https://evil.example) \\`code\\` \\|\\|spoiler\\|\\|');
    expect(String(embed?.['description'])).toMatch(/^\\# Heading/);
  });

  it('a javascript: link never becomes the embed URL', async () => {
    await adapter().send(alertMessage('k1', alert({ link: 'javascript:alert(1)' })));
    expect(emulator.messagesIn(channel)[0]?.embeds[0]?.['url']).toBeUndefined();
  });

  it('a digest part posts as one embed within limits, grouped by topic, with its nonce marker', async () => {
    const entries = Array.from({ length: 40 }, (_, i) => alert({ storyId: `s${i}`, title: `Story ${i} *with* <@&1> markup`, summary: '', reportCount: i + 1 }));
    const digest = {
      title: 'Sitrep digest (1/2)',
      since: '2026-03-01T08:00:00.000Z',
      until: '2026-03-02T08:00:00.000Z',
      sections: [
        { topic: { id: 'security', label: 'Security', score: 0.9 }, alerts: entries.slice(0, 20) },
        { topic: { id: 'diplomacy', label: 'Diplomacy', score: 0.7 }, alerts: entries.slice(20) },
      ],
    };
    const key = 'discord:c:d1:digest:part1';
    expect(await adapter().send({ kind: 'digest', channelId: channel, idempotencyKey: key, digest, part: 1 })).toMatchObject({ status: 'delivered' });
    const [message] = emulator.messagesIn(channel);
    const description = String(message?.embeds[0]?.['description']);
    expect(messageProblems({ embeds: message?.embeds ?? [] })).toEqual([]);
    expect(description).toMatch(/^\*\*Security\*\*/);
    expect(description).toContain('**Diplomacy**');
    expect(description).not.toContain('<@&1>');
    expect(JSON.stringify(message?.embeds)).toContain(deliveryNonce(key));
  });

  it('a notice escapes the feed text marked inside it', async () => {
    const text = 'Feed \uE000@everyone Wire\uE001 is failing.';
    await adapter().send({ kind: 'notice', channelId: channel, idempotencyKey: 'n1', notice: { level: 'warning', text } });
    const [message] = emulator.messagesIn(channel);
    expect(String(message?.embeds[0]?.['description'])).toBe('Feed @\u200beveryone Wire is failing.');
    expect(message?.pings).toEqual([]);
  });
});
