import { createHmac } from 'node:crypto';

/** Slack's v0 signature: HMAC-SHA256 of `v0:timestamp:body` with the signing secret, hex. */
export function slackSignature(signingSecret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

export interface SignedPostOptions {
  signingSecret: string;
  /** Seconds since the epoch; default now. Older than 5 minutes is stale. */
  timestampSec?: number;
  /** Replace the computed signature (bad-signature tests). */
  signature?: string;
}

export interface SignedPostResult {
  status: number;
  body: string;
}

/** POSTs a form body to the app exactly as Slack does: form-encoded, timestamped, signed. */
export async function postSigned(url: string, fields: Record<string, string>, options: SignedPostOptions): Promise<SignedPostResult> {
  const body = new URLSearchParams(fields).toString();
  const timestampSec = options.timestampSec ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestampSec),
      'x-slack-signature': options.signature ?? slackSignature(options.signingSecret, timestampSec, body),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    },
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** Interactivity arrives as one form field, `payload`, holding JSON. */
export function interactivityFields(payload: unknown): Record<string, string> {
  return { payload: JSON.stringify(payload) };
}
