import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { FeedHealthBook, applyFailure, applySuccess, isDue, newFeedHealth, type HealthPolicy } from '../../../src/pipeline/feed-health.js';

const policy: HealthPolicy = { backoff: { maxMs: 6 * 3_600_000, jitter: 'equal' }, pauseAfterFailures: 3 };
const now = new Date('2026-11-28T12:00:00Z');
const fail = { now, intervalMs: 15 * 60_000, code: 'feed/http-5xx' as const, message: 'HTTP 503', httpStatus: 503, random: () => 1 };

describe('feed health', () => {
  it('failures count up, set lastError and push nextPollAt out; success clears them', () => {
    const one = applyFailure(newFeedHealth('a', 'https://a.test/rss'), fail, policy);
    expect(one).toMatchObject({ status: 'failing', consecutiveFailures: 1, lastError: { code: 'feed/http-5xx', httpStatus: 503, at: now.toISOString() } });
    expect(one.nextPollAt).toBe('2026-11-28T12:15:00.000Z');
    const ok = applySuccess(one, { now, intervalMs: 15 * 60_000, itemCount: 20, newlySeen: 20, etag: '"v1"', lastModified: null, bodyHash: 'h' });
    expect(ok).toMatchObject({ status: 'ok', consecutiveFailures: 0, itemsSeen: 20, lastItemCount: 20, etag: '"v1"', lastSuccessAt: now.toISOString() });
    expect(ok.lastError).not.toBeNull();
  });

  it('N consecutive failures → paused with a reason, and a paused feed is never due', () => {
    let health = newFeedHealth('a', 'https://a.test/rss');
    for (let i = 0; i < 3; i += 1) health = applyFailure(health, fail, policy);
    expect(health.status).toBe('paused');
    expect(health.pausedReason).toBe('3 consecutive failures, last: feed/http-5xx');
    expect(isDue(health, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('pauseAfterFailures 0 never pauses', () => {
    let health = newFeedHealth('a', 'https://a.test/rss');
    for (let i = 0; i < 20; i += 1) health = applyFailure(health, fail, { ...policy, pauseAfterFailures: 0 });
    expect(health.status).toBe('failing');
  });

  it('resume clears failures and makes the feed due at once', async () => {
    const book = new FeedHealthBook(new MemoryStore());
    let health = newFeedHealth('a', 'https://a.test/rss');
    for (let i = 0; i < 3; i += 1) health = applyFailure(health, fail, policy);
    await book.put(health);
    const resumed = await book.resume('a', 'https://a.test/rss');
    expect(resumed).toMatchObject({ status: 'ok', consecutiveFailures: 0, nextPollAt: null, pausedReason: null });
    expect(isDue(await book.get('a'), now)).toBe(true);
    expect((await book.all()).map((h) => h.feedId)).toEqual(['a']);
  });

  it('a disabled feed stays disabled whatever its polls do', () => {
    const disabled = { ...newFeedHealth('a', 'u'), status: 'disabled' as const };
    expect(applyFailure(disabled, fail, policy).status).toBe('disabled');
    expect(applySuccess(disabled, { now, intervalMs: 1, newlySeen: 0, etag: null, lastModified: null, bodyHash: null }).status).toBe('disabled');
  });
});
