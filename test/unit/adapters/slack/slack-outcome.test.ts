import { describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { slackErrorOutcome } from '../../../../src/adapters/slack/slack-outcome.js';

const platform = (error: string) => new webApi.WebAPIPlatformError({ ok: false, error });

describe('Slack errors → delivery outcomes', () => {
  it('429 with Retry-After 30 → retry-after 30,000 ms', () => {
    expect(slackErrorOutcome(new webApi.WebAPIRateLimitedError(30))).toMatchObject({ status: 'retry-after', retryAfterMs: 30_000, reason: expect.stringContaining('global') });
  });

  it.each(['channel_not_found'])('%s → rejected not-found (subscription paused)', (code) => {
    expect(slackErrorOutcome(platform(code))).toEqual({ status: 'rejected', code: 'delivery/not-found', reason: code });
  });

  it.each(['not_in_channel', 'is_archived', 'account_inactive', 'invalid_auth'])('%s → rejected forbidden (subscription paused)', (code) => {
    expect(slackErrorOutcome(platform(code))).toEqual({ status: 'rejected', code: 'delivery/forbidden', reason: code });
  });

  it('invalid_blocks → rejected invalid (never retried)', () => {
    expect(slackErrorOutcome(platform('invalid_blocks'))).toMatchObject({ status: 'rejected', code: 'delivery/invalid' });
  });

  it('HTTP 503 and internal_error → retry later', () => {
    expect(slackErrorOutcome(new webApi.WebAPIHTTPError(503, 'Service Unavailable', {}))).toMatchObject({ status: 'retry-after' });
    expect(slackErrorOutcome(platform('internal_error'))).toMatchObject({ status: 'retry-after' });
  });

  it('network failure → retry later, not a crash', () => {
    expect(slackErrorOutcome(new Error('ECONNREFUSED'))).toMatchObject({ status: 'retry-after', reason: expect.stringContaining('ECONNREFUSED') });
  });
});
