import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import { isPublicAddress } from './address-guard.js';
import { failureFromError, failureFromSignal, type FetchFailure } from './fetch-failure.js';

export interface HopRequest {
  url: URL;
  headers: Readonly<Record<string, string>>;
  connectTimeoutMs: number;
  allowPrivateNetworks: boolean;
  /** Already guarded (see createGuardedLookup); node:net connects to what it returns. */
  lookup: LookupFunction;
  /** Aborted when the whole fetch must stop (total timeout, caller). */
  signal: AbortSignal;
}

export type HopOutcome =
  | { ok: true; response: http.IncomingMessage; close: () => void }
  | { ok: false; failure: FetchFailure };

/**
 * One HTTP GET, up to the response head. Each request gets its own socket
 * (no agent pooling), so `close()` — or any failure — really closes the
 * connection and nothing lingers after a fetch.
 */
export function sendRequest(hop: HopRequest): Promise<HopOutcome> {
  const host = hop.url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!hop.allowPrivateNetworks && isIP(host) !== 0 && !isPublicAddress(host)) {
    return Promise.resolve({
      ok: false,
      failure: { code: 'feed/private-address', message: `${host} is not a public address` },
    });
  }
  if (hop.signal.aborted) return Promise.resolve({ ok: false, failure: failureFromSignal(hop.signal) });

  return new Promise((resolve) => {
    const secure = hop.url.protocol === 'https:';
    const transport = secure ? https : http;
    let request: http.ClientRequest;
    try {
      request = transport.request(hop.url, { method: 'GET', headers: hop.headers, agent: false, lookup: hop.lookup });
    } catch (error) {
      // node:http validates headers synchronously (e.g. a stored ETag with a newline in it).
      resolve({ ok: false, failure: failureFromError(error, host) });
      return;
    }
    let settled = false;
    const close = (): void => {
      request.destroy();
    };
    const settle = (outcome: HopOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      hop.signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const fail = (failure: FetchFailure): void => {
      settle({ ok: false, failure });
      close();
    };
    const onAbort = (): void => fail(failureFromSignal(hop.signal));
    const connectTimer = setTimeout(() => {
      fail({ code: 'feed/timeout', message: `no connection to ${host} within ${hop.connectTimeoutMs} ms` });
    }, hop.connectTimeoutMs);

    hop.signal.addEventListener('abort', onAbort, { once: true });
    request.on('socket', (socket: Socket) => {
      socket.once('connect', () => {
        // The address node:net really connected to, whatever DNS said before.
        const remote = socket.remoteAddress ?? '';
        if (!hop.allowPrivateNetworks && !isPublicAddress(remote)) {
          fail({ code: 'feed/private-address', message: `${host} connected to ${remote}, a non-public address` });
        } else if (!secure) {
          clearTimeout(connectTimer);
        }
      });
      if (secure) socket.once('secureConnect', () => clearTimeout(connectTimer));
    });
    request.on('response', (response) => settle({ ok: true, response, close }));
    // Stays attached after settling so a late socket error never becomes an uncaught exception;
    // by then the response reports a body cut short itself, and bytes after a complete body
    // (a Content-Length that undercounts) are no reason to drop the body.
    request.on('error', (error) => {
      if (!settled) fail(failureFromError(error, host));
    });
    request.end();
  });
}
