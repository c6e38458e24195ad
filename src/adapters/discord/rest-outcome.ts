import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import type { DeliveryOutcome } from '../chat-adapter.js';

/** Discord's JSON error code and message, when the error carries them. */
function describe(error: DiscordAPIError): string {
  return `${error.code} ${error.message}`.trim();
}

/**
 * Turns whatever @discordjs/rest threw into an outcome value. 429s surface as
 * RateLimitError because the REST client runs with rejectOnRateLimit: the
 * engine's queue, not the client's, decides when to try again. 5xx and network
 * failures wait `unavailableRetryMs`: the retry carries the same nonce, so a
 * post that did happen is returned, not repeated.
 */
export function restErrorOutcome(error: unknown, unavailableRetryMs: number): DeliveryOutcome {
  if (error instanceof RateLimitError) {
    const scope = error.global ? 'global' : error.scope;
    return { status: 'retry-after', retryAfterMs: Math.max(0, error.retryAfter), reason: `rate limited (${scope}) on ${error.route}` };
  }
  if (error instanceof DiscordAPIError) {
    if (error.status === 429) {
      const body = error.rawError as { retry_after?: number; global?: boolean };
      const ms = Math.ceil((body.retry_after ?? 1) * 1000);
      return { status: 'retry-after', retryAfterMs: ms, reason: `rate limited (${body.global ? 'global' : 'user'})` };
    }
    if (error.status === 403) return { status: 'rejected', code: 'delivery/forbidden', reason: describe(error) };
    if (error.status === 404) return { status: 'rejected', code: 'delivery/not-found', reason: describe(error) };
    if (error.status >= 500) return { status: 'retry-after', retryAfterMs: unavailableRetryMs, reason: `discord unavailable: ${error.status}` };
    return { status: 'rejected', code: 'delivery/invalid', reason: describe(error) };
  }
  if (error instanceof HTTPError) {
    if (error.status >= 500) return { status: 'retry-after', retryAfterMs: unavailableRetryMs, reason: `discord unavailable: ${error.status} ${error.message}` };
    return { status: 'rejected', code: 'delivery/invalid', reason: `${error.status} ${error.message}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 'retry-after', retryAfterMs: unavailableRetryMs, reason: `discord unreachable: ${message}` };
}

/** True for Discord's "a thread has already been created for this message". */
export function isThreadAlreadyCreated(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === 160004;
}

/** Missing Access or Missing Permissions (403). */
export function isForbidden(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.status === 403;
}

export function isUnauthorized(error: unknown): boolean {
  return (error instanceof DiscordAPIError || error instanceof HTTPError) && error.status === 401;
}
