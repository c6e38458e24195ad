/**
 * Scripted failures and Discord's rate limits for the emulator. A scripted
 * failure answers the next matching request(s) instead of the real route;
 * the global limit and the per-channel message bucket answer 429s the way
 * Discord does (Retry-After, X-RateLimit-* headers, retry_after JSON body).
 */

export type ScriptedFailure =
  | { kind: 'rate-limit'; retryAfterMs: number; global?: boolean; scope?: 'user' | 'global' | 'shared' }
  | { kind: 'forbidden'; code?: 50001 | 50013 }
  | { kind: 'not-found'; code?: 10003 | 10008 }
  | { kind: 'invalid'; message?: string }
  | { kind: 'server-error'; status?: 500 | 502 | 503 }
  /** Discord performs the request, then the response is lost (502): the basis of reconciliation tests. */
  | { kind: 'lost-response' };

export interface ScriptRule {
  method?: string;
  /** Matched against the path after /api/v10, e.g. /^\/channels\/123\/messages$/. */
  path: RegExp;
  failure: ScriptedFailure;
  /** How many requests it answers; default 1. */
  times?: number;
}

export interface FaultResponse {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown> | null;
}

export function failureResponse(failure: ScriptedFailure): FaultResponse {
  switch (failure.kind) {
    case 'rate-limit':
      return rateLimitResponse(failure.retryAfterMs, failure.global ?? false, failure.scope ?? (failure.global ? 'global' : 'user'));
    case 'forbidden': {
      const code = failure.code ?? 50001;
      return { status: 403, headers: {}, body: { message: code === 50001 ? 'Missing Access' : 'Missing Permissions', code } };
    }
    case 'not-found': {
      const code = failure.code ?? 10003;
      return { status: 404, headers: {}, body: { message: code === 10003 ? 'Unknown Channel' : 'Unknown Message', code } };
    }
    case 'invalid':
      return { status: 400, headers: {}, body: { message: failure.message ?? 'Invalid Form Body', code: 50035, errors: {} } };
    case 'server-error':
      return { status: failure.status ?? 500, headers: {}, body: { message: 'Internal Server Error', code: 0 } };
    case 'lost-response':
      return { status: 502, headers: {}, body: { message: 'Bad Gateway', code: 0 } };
  }
}

export function rateLimitResponse(retryAfterMs: number, global: boolean, scope: 'user' | 'global' | 'shared'): FaultResponse {
  const seconds = retryAfterMs / 1000;
  const headers: Record<string, string> = {
    'retry-after': String(Math.max(0, Math.ceil(seconds))),
    'x-ratelimit-scope': scope,
  };
  if (global) headers['x-ratelimit-global'] = 'true';
  else {
    headers['x-ratelimit-limit'] = '5';
    headers['x-ratelimit-remaining'] = '0';
    headers['x-ratelimit-reset-after'] = seconds.toFixed(3);
    headers['x-ratelimit-reset'] = ((Date.now() + retryAfterMs) / 1000).toFixed(3);
    headers['x-ratelimit-bucket'] = 'emu-messages';
  }
  return { status: 429, headers, body: { message: 'You are being rate limited.', retry_after: seconds, global, code: global ? 0 : 20028 } };
}

export class ScriptBook {
  private readonly rules: ScriptRule[] = [];

  add(rule: ScriptRule): void {
    this.rules.push({ ...rule, times: rule.times ?? 1 });
  }

  /** The failure for this request, consuming one use of the first matching rule. */
  take(method: string, path: string): ScriptedFailure | null {
    const index = this.rules.findIndex((rule) => (!rule.method || rule.method === method) && rule.path.test(path));
    const rule = this.rules[index];
    if (!rule) return null;
    rule.times = (rule.times ?? 1) - 1;
    if (rule.times <= 0) this.rules.splice(index, 1);
    return rule.failure;
  }

  clear(): void {
    this.rules.length = 0;
  }
}

/**
 * Discord's global limit (50 requests per second per bot), counted in fixed
 * one-second windows that open with the first request, like @discordjs/rest
 * counts them. Interaction callbacks and webhooks are exempt, as on Discord.
 */
export class GlobalLimiter {
  private windowStart = 0;
  private count = 0;

  constructor(private readonly perSecond: number | null) {}

  /** Milliseconds the caller must wait, or 0 when the request may pass (and is counted). */
  admit(now: number): number {
    if (this.perSecond === null) return 0;
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.count = 0;
    }
    if (this.count >= this.perSecond) return this.windowStart + 1000 - now;
    this.count += 1;
    return 0;
  }
}

/** Per-channel message-create bucket (5 per 5 s on Discord), reported in X-RateLimit-* headers. */
export class ChannelBuckets {
  private readonly buckets = new Map<string, { resetAt: number; used: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Headers for an admitted request, or the wait in ms when the bucket is empty. */
  admit(channelId: string, now: number): { headers: Record<string, string> } | { waitMs: number } {
    let bucket = this.buckets.get(channelId);
    if (!bucket || now >= bucket.resetAt) {
      bucket = { resetAt: now + this.windowMs, used: 0 };
      this.buckets.set(channelId, bucket);
    }
    if (bucket.used >= this.limit) return { waitMs: bucket.resetAt - now };
    bucket.used += 1;
    const resetAfter = (bucket.resetAt - now) / 1000;
    return {
      headers: {
        'x-ratelimit-limit': String(this.limit),
        'x-ratelimit-remaining': String(this.limit - bucket.used),
        'x-ratelimit-reset-after': resetAfter.toFixed(3),
        'x-ratelimit-reset': (bucket.resetAt / 1000).toFixed(3),
        'x-ratelimit-bucket': 'emu-channel-messages',
      },
    };
  }
}
