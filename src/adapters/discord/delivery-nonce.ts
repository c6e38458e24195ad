import { createHash } from 'node:crypto';

/**
 * Discord nonces are at most 25 characters; idempotency keys are longer. The
 * nonce is a hash of the key: the same delivery always carries the same nonce,
 * so with enforce_nonce a repeated post within minutes returns the first
 * message instead of creating a second. The same string is the footer marker
 * findPosted looks for in channel history after that window.
 */
export function deliveryNonce(idempotencyKey: string): string {
  return `s${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}
