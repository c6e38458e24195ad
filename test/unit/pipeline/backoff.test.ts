import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../src/pipeline/backoff.js';

const policy = { baseMs: 60_000, maxMs: 3_600_000, jitter: 'none' as const };

describe('backoff', () => {
  it('feed keeps failing → delay doubles from the base', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, policy, () => 0.5))).toEqual([60_000, 120_000, 240_000, 480_000]);
  });

  it('many failures → capped, never Infinity', () => {
    expect(backoffDelayMs(7, policy, () => 0.5)).toBe(3_600_000);
    expect(backoffDelayMs(5_000, policy, () => 0.5)).toBe(3_600_000);
  });

  it('full jitter spreads over [0, d], equal jitter over [d/2, d]', () => {
    expect(backoffDelayMs(3, { ...policy, jitter: 'full' }, () => 0)).toBe(0);
    expect(backoffDelayMs(3, { ...policy, jitter: 'full' }, () => 0.25)).toBe(60_000);
    expect(backoffDelayMs(3, { ...policy, jitter: 'equal' }, () => 0)).toBe(120_000);
    expect(backoffDelayMs(3, { ...policy, jitter: 'equal' }, () => 0.999_999)).toBe(240_000);
  });

  it('Retry-After longer than the backoff wins; shorter does not shorten it', () => {
    expect(backoffDelayMs(1, policy, () => 0.5, 600_000)).toBe(600_000);
    expect(backoffDelayMs(2, policy, () => 0.5, 1_000)).toBe(120_000);
  });

  it('a random source outside [0, 1] cannot produce a negative or oversized delay', () => {
    expect(backoffDelayMs(1, { ...policy, jitter: 'full' }, () => -3)).toBe(0);
    expect(backoffDelayMs(1, { ...policy, jitter: 'full' }, () => 7)).toBe(60_000);
  });
});
