import { webApi } from '@slack/bolt';
import type { DeliveryOutcome } from '../chat-adapter.js';

/** How long to wait before retrying after Slack or the network failed us. */
export const unavailableRetryMs = 5_000;

/** Errors meaning "this channel is gone or closed to us": the engine pauses its subscriptions. */
const notFound = new Set(['channel_not_found', 'message_not_found', 'thread_not_found']);
const forbidden = new Set([
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'restricted_action',
  'ekm_access_denied',
  'team_access_not_granted',
]);
/** Slack-side trouble worth another try later. */
const transient = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

/** Slack's `error` string from a failed Web API call, when the error carries one. */
export function slackErrorCode(error: unknown): string | null {
  return error instanceof webApi.WebAPIPlatformError ? error.data.error : null;
}

/**
 * Turns whatever @slack/web-api threw into an outcome value. 429s surface as
 * WebAPIRateLimitedError because the client runs with rejectRateLimitedCalls
 * and no retries: the engine's queue, not the client's, decides when to try again.
 */
export function slackErrorOutcome(error: unknown, retryMs = unavailableRetryMs): DeliveryOutcome {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    // Slack does not say whether the channel's or the workspace's limit was hit:
    // "global" makes the engine hold every Slack send, so one 429 does not become many.
    return { status: 'retry-after', retryAfterMs: Math.max(0, error.retryAfter) * 1_000, reason: `slack rate limited (global until told otherwise): retry after ${error.retryAfter}s` };
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    if (notFound.has(code)) return { status: 'rejected', code: 'delivery/not-found', reason: code };
    if (forbidden.has(code)) return { status: 'rejected', code: 'delivery/forbidden', reason: code };
    if (transient.has(code)) return { status: 'retry-after', retryAfterMs: retryMs, reason: `slack unavailable: ${code}` };
    return { status: 'rejected', code: 'delivery/invalid', reason: code };
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    if (error.statusCode >= 500) return { status: 'retry-after', retryAfterMs: retryMs, reason: `slack unavailable: HTTP ${error.statusCode}` };
    return { status: 'rejected', code: 'delivery/invalid', reason: `HTTP ${error.statusCode} ${error.statusMessage}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 'retry-after', retryAfterMs: retryMs, reason: `slack unreachable: ${message}` };
}

/**
 * True when Slack may have acted on the call even though it failed: the answer
 * was lost on the way (network) or Slack failed after receiving it (5xx).
 */
export function outcomeUnknown(error: unknown): boolean {
  return error instanceof webApi.WebAPIRequestError || (error instanceof webApi.WebAPIHTTPError && error.statusCode >= 500);
}
