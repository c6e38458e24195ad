/**
 * The last line of Discord's global limit (50 requests/s per bot): at most
 * `limit` requests leave in any `windowMs`, measured when each request is
 * dispatched. The engine's token bucket paces on average; a stall in the
 * event loop can still bunch its sends, and one bunch over 50 is a 429 — an
 * invalid request that costs a second of global pause. Waiting here costs
 * milliseconds instead.
 */
export interface DispatchGate {
  /** Resolves when one more request may leave now; calls are served in order. */
  acquire(): Promise<void>;
}

export interface DispatchGateOptions {
  limit: number;
  windowMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export function createDispatchGate(options: DispatchGateOptions): DispatchGate {
  const sent: number[] = [];
  let tail: Promise<void> = Promise.resolve();

  async function admit(): Promise<void> {
    for (;;) {
      const now = options.now();
      while (sent.length > 0 && (sent[0] ?? 0) <= now - options.windowMs) sent.shift();
      if (sent.length < options.limit) {
        sent.push(now);
        return;
      }
      await options.sleep((sent[0] ?? now) + options.windowMs - now + 1);
    }
  }

  return {
    acquire() {
      const turn = tail.then(admit);
      tail = turn.catch(() => undefined);
      return turn;
    },
  };
}
