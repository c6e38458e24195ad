/**
 * The last line of Discord's global limit (50 requests/s per bot). A request
 * holds its place in the window from the moment it leaves until `windowMs`
 * after its answer came back, so at most `limit` requests are ever in flight
 * or answered within the last window.
 *
 * Why count to the answer rather than to the send: Discord stamps a request
 * somewhere between our send and our receipt of the answer, and network or
 * event-loop jitter on either side can bunch the stamps of requests we sent
 * evenly. With this rule any `limit + 1` requests are at least `windowMs` apart
 * on Discord's clock, whatever the jitter — so one bunch can never become a
 * 429, an invalid request that costs a second of global pause. The price is
 * one round trip per window of throughput.
 */
export interface DispatchGate {
  /** Sends `request` when one more may leave; waiting callers are served in order. */
  run<T>(request: () => Promise<T>): Promise<T>;
}

export interface DispatchGateOptions {
  limit: number;
  windowMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** A gate that lets everything through, for tests and for callers that pace elsewhere. */
export const openGate: DispatchGate = { run: (request) => request() };

export function createDispatchGate(options: DispatchGateOptions): DispatchGate {
  // Answer times of requests still inside the window, oldest first (the clock only moves on).
  const answered: number[] = [];
  let inFlight = 0;
  let wakeOnAnswer: (() => void) | null = null;
  let tail: Promise<void> = Promise.resolve();

  async function admit(): Promise<void> {
    for (;;) {
      const now = options.now();
      while (answered.length > 0 && (answered[0] ?? 0) <= now - options.windowMs) answered.shift();
      if (inFlight + answered.length < options.limit) {
        inFlight += 1;
        return;
      }
      const oldest = answered[0];
      if (oldest !== undefined) await options.sleep(oldest + options.windowMs - now);
      else await new Promise<void>((resolve) => (wakeOnAnswer = resolve));
    }
  }

  function settle(): void {
    inFlight -= 1;
    answered.push(options.now());
    const wake = wakeOnAnswer;
    wakeOnAnswer = null;
    wake?.();
  }

  return {
    async run(request) {
      const turn = tail.then(admit);
      tail = turn.catch(() => undefined);
      await turn;
      try {
        return await request();
      } finally {
        settle();
      }
    },
  };
}
