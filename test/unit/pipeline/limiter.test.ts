import { describe, expect, it } from 'vitest';
import { AbortedError, KeyedLimiter, Semaphore } from '../../../src/pipeline/limiter.js';

describe('limiter', () => {
  it('never more holders than the limit; waiters served in order', async () => {
    const semaphore = new Semaphore(2);
    const order: number[] = [];
    let peak = 0;
    await Promise.all(
      [1, 2, 3, 4, 5].map(async (n) => {
        const release = await semaphore.acquire();
        order.push(n);
        peak = Math.max(peak, semaphore.inUse);
        await Promise.resolve();
        release();
      }),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(semaphore.idle).toBe(true);
  });

  it('releasing twice does not free a second slot', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    release();
    release();
    await semaphore.acquire();
    expect(semaphore.inUse).toBe(1);
  });

  it('shutdown while waiting for a slot → the wait is abandoned', async () => {
    const semaphore = new Semaphore(1);
    await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    await expect(semaphore.acquire(controller.signal)).rejects.toBeInstanceOf(AbortedError);
  });

  it('keys are limited independently and idle keys are forgotten', async () => {
    const limiter = new KeyedLimiter(1);
    const a = await limiter.acquire('a.test');
    const b = await limiter.acquire('b.test');
    expect([limiter.inUse('a.test'), limiter.inUse('b.test')]).toEqual([1, 1]);
    let second = false;
    const next = limiter.acquire('a.test').then((release) => {
      second = true;
      return release;
    });
    await Promise.resolve();
    expect(second).toBe(false);
    a();
    (await next)();
    b();
    expect(limiter.inUse('a.test')).toBe(0);
  });

  it('a zero or fractional limit is refused', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
  });
});
