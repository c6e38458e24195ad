export interface TokenBucketOptions {
  /** Sustained rate in tokens per second. */
  ratePerSecond: number;
  /** Tokens available at once (defaults to one second's worth). */
  burst?: number;
}

export interface TokenBucket {
  /** Takes a token if one is available; otherwise returns the ms until one is. */
  take(nowMs: number): { ok: true } | { ok: false; waitMs: number };
  /** Ms until a token is available (0 when one is). */
  waitMs(nowMs: number): number;
  /** No tokens until `untilMs` (a 429 retry-after). */
  pauseUntil(untilMs: number): void;
}

/** A token bucket driven by the caller's clock, so tests run it on fake time. */
export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const capacity = Math.max(1, options.burst ?? Math.ceil(options.ratePerSecond));
  const perMs = options.ratePerSecond / 1000;
  let tokens = capacity;
  let last: number | null = null;
  let pausedUntil = 0;

  function refill(nowMs: number): void {
    if (last === null) last = nowMs;
    const from = Math.max(last, pausedUntil);
    if (nowMs > from) tokens = Math.min(capacity, tokens + (nowMs - from) * perMs);
    last = Math.max(last, nowMs);
  }

  function waitMs(nowMs: number): number {
    refill(nowMs);
    if (nowMs < pausedUntil) return pausedUntil - nowMs + (tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perMs));
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perMs);
  }

  return {
    take(nowMs) {
      const wait = waitMs(nowMs);
      if (wait > 0) return { ok: false, waitMs: wait };
      tokens -= 1;
      return { ok: true };
    },
    waitMs,
    pauseUntil(untilMs) {
      if (untilMs > pausedUntil) {
        pausedUntil = untilMs;
        tokens = 0;
      }
    },
  };
}
