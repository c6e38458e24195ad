import type { ErrorCode } from '../domain/errors.js';
import { privateAddressErrorCode } from './address-guard.js';

/** Why one fetch failed; becomes the `failed` FetchResult once elapsed time is added. */
export interface FetchFailure {
  code: ErrorCode;
  message: string;
  httpStatus?: number;
  retryAfterMs?: number;
}

/**
 * The reason a fetch's AbortController is aborted with, so whichever stage is
 * waiting (connect, headers, body) reports the same failure.
 */
export class FetchAbort extends Error {
  override readonly name = 'FetchAbort';
  constructor(readonly failure: FetchFailure) {
    super(failure.message);
  }
}

/** The failure behind an aborted signal: ours carry one; a caller's abort is reported as a timeout. */
export function failureFromSignal(signal: AbortSignal): FetchFailure {
  const reason: unknown = signal.reason;
  if (reason instanceof FetchAbort) return reason.failure;
  return { code: 'feed/timeout', message: 'fetch aborted by the caller' };
}

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA', 'ESERVFAIL']);

/** Maps a socket, DNS or TLS error from node:http to a stable code. */
export function failureFromError(error: unknown, host: string): FetchFailure {
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code === privateAddressErrorCode) return { code: 'feed/private-address', message: detail };
  if (code !== undefined && dnsCodes.has(code)) return { code: 'feed/dns', message: `cannot resolve ${host} (${code})` };
  if (code === 'ETIMEDOUT') return { code: 'feed/timeout', message: `connecting to ${host} timed out` };
  const label = code !== undefined && !detail.includes(code) ? `${code}: ${detail}` : detail;
  return { code: 'feed/connect', message: `connection to ${host} failed: ${label}` };
}

function errorCode(error: unknown): string | undefined {
  if (error instanceof AggregateError) {
    // Happy-eyeballs connects fail with one error per address; the first says enough.
    const first: unknown = error.errors[0];
    if (first !== undefined) return errorCode(first);
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
