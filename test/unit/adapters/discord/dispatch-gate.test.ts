import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDispatchGate } from '../../../../src/adapters/discord/dispatch-gate.js';

/**
 * The gate's promise: whatever the jitter, Discord never stamps more than `limit`
 * requests inside one window. Discord stamps a request at some moment between our
 * send and our receipt of its answer; these tests pick that moment adversarially.
 */
interface Sent {
  sentAt: number;
  answeredAt: number;
}

function pseudoRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function gate(limit = 49, windowMs = 1_000) {
  return createDispatchGate({ limit, windowMs, now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
}

/** Most stamps in any half-open window, over every assignment of stamps within [sentAt, answeredAt]. */
function worstBunch(sent: readonly Sent[], windowMs: number): number {
  let worst = 0;
  // The adversary puts every request that can be in [start, start + window) there; a window worth
  // checking starts at some request's earliest stamp.
  for (const { sentAt: start } of sent) {
    const inside = sent.filter((s) => s.answeredAt >= start && s.sentAt < start + windowMs).length;
    worst = Math.max(worst, inside);
  }
  return worst;
}

describe('discord dispatch gate', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function drive(count: number, latencyOf: (i: number) => number, limit = 49): Promise<Sent[]> {
    const dispatchGate = gate(limit);
    const sent: Sent[] = [];
    const all = Promise.all(
      Array.from({ length: count }, (_, i) =>
        dispatchGate.run(async () => {
          const sentAt = Date.now();
          await new Promise((resolve) => setTimeout(resolve, latencyOf(i)));
          sent.push({ sentAt, answeredAt: Date.now() });
        }),
      ),
    );
    await vi.runAllTimersAsync();
    await all;
    return sent;
  }

  it('200 requests queued at once (as after a stall) with jittery round trips: no window ever holds more than 49', async () => {
    const random = pseudoRandom(7);
    const sent = await drive(200, () => 5 + Math.floor(random() * 120));
    expect(sent).toHaveLength(200);
    expect(worstBunch(sent, 1_000)).toBeLessThanOrEqual(49);
    // Paced, not starved: four windows plus a round trip each.
    expect(Date.now()).toBeLessThan(4 * (1_000 + 125) + 200);
  });

  it('instant answers: 49 leave at once, the 50th a window after the first answer', async () => {
    const sent = await drive(50, () => 0);
    expect(sent.slice(0, 49).every((s) => s.sentAt === 0)).toBe(true);
    expect(sent[49]?.sentAt).toBe(1_000);
  });

  it('answers slower than the window: never more than the limit in flight, and the next waits for an answer', async () => {
    let inFlight = 0;
    let most = 0;
    const dispatchGate = gate(3, 100);
    const sentAt: number[] = [];
    const all = Promise.all(
      Array.from({ length: 7 }, () =>
        dispatchGate.run(async () => {
          sentAt.push(Date.now());
          inFlight += 1;
          most = Math.max(most, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 500));
          inFlight -= 1;
        }),
      ),
    );
    await vi.runAllTimersAsync();
    await all;
    expect(most).toBe(3);
    expect(sentAt).toEqual([0, 0, 0, 600, 600, 600, 1_200]);
  });

  it('a request that fails still frees its place, and the failure reaches its caller', async () => {
    const dispatchGate = gate(1, 100);
    const failing = dispatchGate.run(() => Promise.reject(new Error('boom')));
    const next = dispatchGate.run(async () => Date.now());
    const settled = Promise.allSettled([failing, next]);
    await vi.runAllTimersAsync();
    const [first, second] = await settled;
    expect(first).toMatchObject({ status: 'rejected', reason: new Error('boom') });
    expect(second).toEqual({ status: 'fulfilled', value: 100 });
  });

  it('callers are served in the order they asked', async () => {
    const order: number[] = [];
    const dispatchGate = gate(2, 50);
    const all = Promise.all(Array.from({ length: 9 }, (_, i) => dispatchGate.run(async () => void order.push(i))));
    await vi.runAllTimersAsync();
    await all;
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
