/** How long to wait after the n-th consecutive failure of a feed. */
export interface BackoffPolicy {
  /** Delay after the first failure before jitter (ms). */
  baseMs: number;
  /** Upper bound of the un-jittered delay (ms). */
  maxMs: number;
  /**
   * `full`: uniform in [0, d]; `equal`: uniform in [d/2, d] (never retries at once);
   * `none`: exactly d.
   */
  jitter: 'full' | 'equal' | 'none';
}

export const backoffDefaults = {
  baseMs: 60_000, // 1 min
  maxMs: 6 * 60 * 60_000, // 6 h
  jitter: 'equal',
} as const satisfies BackoffPolicy;

/**
 * base × 2^(n−1), capped at maxMs, then jittered with `random` (injected so tests
 * are exact). A server's Retry-After is a floor: we never come back sooner than asked.
 */
export function backoffDelayMs(
  consecutiveFailures: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  const n = Math.max(1, Math.floor(consecutiveFailures));
  // 2^(n−1) overflows to Infinity for large n; the cap keeps the result finite.
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (n - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  let delay: number;
  switch (policy.jitter) {
    case 'full':
      delay = ceiling * r;
      break;
    case 'equal':
      delay = ceiling / 2 + (ceiling / 2) * r;
      break;
    case 'none':
      delay = ceiling;
      break;
  }
  return Math.round(Math.max(delay, retryAfterMs ?? 0));
}
