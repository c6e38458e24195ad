/**
 * The closed vocabulary of error codes. A code names what went wrong in a way a
 * person (and a dashboard) can rely on; context fields carry the specifics.
 */
export const errorCodes = [
  'feed/timeout',
  'feed/connect',
  'feed/dns',
  'feed/too-large',
  'feed/too-many-redirects',
  'feed/private-address',
  'feed/http-4xx',
  'feed/http-5xx',
  'feed/rate-limited',
  'feed/parse',
  'feed/decode',
  'config/invalid',
  'delivery/forbidden',
  'delivery/not-found',
  'delivery/rate-limited',
  'delivery/invalid',
  'delivery/unavailable',
  'command/invalid-arguments',
  'command/forbidden',
] as const;

/** `feed/http-404` style codes are built from the status; the others are listed above. */
export type ErrorCode = (typeof errorCodes)[number] | `feed/http-${number}`;

export class SitrepError extends Error {
  override readonly name = 'SitrepError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly context: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export function isSitrepError(value: unknown): value is SitrepError {
  return value instanceof SitrepError;
}
