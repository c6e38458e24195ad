import type { IncomingMessage } from 'node:http';
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import { failureFromSignal, type FetchFailure } from './fetch-failure.js';

export interface BodyLimits {
  /** Cap on both the bytes received and the bytes after content decoding. */
  maxBytes: number;
  signal: AbortSignal;
}

export type BodyOutcome = { ok: true; body: Buffer } | { ok: false; failure: FetchFailure };

type Coding = 'gzip' | 'deflate' | 'br';

/**
 * Reads and content-decodes a response body under a byte cap. The cap is
 * enforced while streaming, on the wire bytes and on the decoded bytes, so
 * neither a lying Content-Length nor a compression bomb gets past it; on any
 * failure the response is destroyed at once.
 */
export function readResponseBody(response: IncomingMessage, limits: BodyLimits): Promise<BodyOutcome> {
  const { maxBytes, signal } = limits;
  const codings = parseContentEncoding(response.headers['content-encoding']);
  if (!Array.isArray(codings)) return Promise.resolve(failWith(response, codings));
  const declared = Number(response.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.resolve(failWith(response, tooLarge(`Content-Length ${declared} exceeds the ${maxBytes}-byte cap`)));
  }
  if (signal.aborted) return Promise.resolve(failWith(response, failureFromSignal(signal)));
  if (response.destroyed) return Promise.resolve(failWith(response, prematureClose(declared, 0, 'connection closed')));

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let wireBytes = 0;
    let bodyBytes = 0;
    let decoders: Transform[] | null = null;
    let settled = false;

    const settle = (outcome: BodyOutcome): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (!outcome.ok) {
        for (const decoder of decoders ?? []) decoder.destroy();
        response.destroy();
      }
      resolve(outcome);
    };
    const fail = (failure: FetchFailure): void => settle({ ok: false, failure });
    const done = (): void => settle({ ok: true, body: Buffer.concat(chunks, bodyBytes) });
    const onAbort = (): void => fail(failureFromSignal(signal));
    const collect = (chunk: Buffer): void => {
      if (settled) return;
      bodyBytes += chunk.length;
      if (bodyBytes > maxBytes) {
        const what = codings.length > 0 ? `decoded (${codings.join(', ')}) body` : 'body';
        fail(tooLarge(`${what} exceeds the ${maxBytes}-byte cap`));
        return;
      }
      chunks.push(chunk);
    };
    const startDecoding = (first: Buffer): Transform[] => {
      const chain = [...codings].reverse().map((coding, index) => createDecoder(coding, index === 0 ? first : null));
      chain.forEach((decoder, index) => {
        decoder.on('error', (error: Error) => fail({ code: 'feed/decode', message: `cannot decode ${codings.join(', ')} body: ${error.message}` }));
        const next = chain[index + 1];
        if (next !== undefined) decoder.pipe(next);
      });
      const last = chain[chain.length - 1];
      last?.on('data', collect);
      last?.on('end', done);
      return chain;
    };

    signal.addEventListener('abort', onAbort, { once: true });
    response.on('data', (chunk: Buffer) => {
      if (settled) return;
      wireBytes += chunk.length;
      if (wireBytes > maxBytes) {
        fail(tooLarge(`body exceeds the ${maxBytes}-byte cap`));
      } else if (codings.length === 0) {
        collect(chunk);
      } else {
        decoders ??= startDecoding(chunk);
        decoders[0]?.write(chunk);
      }
    });
    response.on('end', () => {
      if (decoders === null) done();
      else decoders[0]?.end();
    });
    response.on('error', (error: Error) => fail(prematureClose(declared, wireBytes, error.message)));
    response.on('close', () => {
      if (!response.complete) fail(prematureClose(declared, wireBytes, 'connection closed'));
    });
  });
}

function parseContentEncoding(header: string | undefined): Coding[] | FetchFailure {
  const codings: Coding[] = [];
  for (const token of (header ?? '').toLowerCase().split(',')) {
    const name = token.trim();
    if (name === '' || name === 'identity') continue;
    if (name === 'gzip' || name === 'x-gzip') codings.push('gzip');
    else if (name === 'deflate' || name === 'br') codings.push(name);
    else return { code: 'feed/decode', message: `unsupported Content-Encoding "${name}"` };
  }
  return codings;
}

/**
 * Truncated streams still yield what was decoded (SYNC_FLUSH, as browsers do),
 * and "deflate" is accepted both zlib-wrapped (per the RFC) and raw (as some
 * servers send it), told apart by the zlib header.
 */
function createDecoder(coding: Coding, firstChunk: Buffer | null): Transform {
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  if (coding === 'gzip') return zlib.createGunzip(flush);
  if (coding === 'br') {
    return zlib.createBrotliDecompress({
      flush: zlib.constants.BROTLI_OPERATION_FLUSH,
      finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
    });
  }
  return firstChunk === null || hasZlibHeader(firstChunk) ? zlib.createInflate(flush) : zlib.createInflateRaw(flush);
}

function hasZlibHeader(chunk: Buffer): boolean {
  const [first, second] = chunk;
  if (first === undefined || second === undefined) return true;
  return (first & 0x0f) === 8 && ((first << 8) | second) % 31 === 0;
}

function tooLarge(message: string): FetchFailure {
  return { code: 'feed/too-large', message };
}

function prematureClose(declared: number, received: number, detail: string): FetchFailure {
  const expected = Number.isFinite(declared) ? ` of ${declared} announced` : '';
  return { code: 'feed/connect', message: `body cut off after ${received}${expected} bytes (${detail})` };
}

function failWith(response: IncomingMessage, failure: FetchFailure): BodyOutcome {
  response.destroy();
  return { ok: false, failure };
}
