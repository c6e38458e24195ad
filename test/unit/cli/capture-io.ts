import { PassThrough } from 'node:stream';
import type { CliIo } from '../../../src/cli/cli-io.js';

/** A CliIo whose stdout and stderr are collected; stdin holds `input` (ended) when given. */
export function captureIo(cwd: string, options: { env?: Record<string, string | undefined>; input?: string } = {}) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  if (options.input !== undefined) stdin.end(options.input);
  const io: CliIo = { stdin, stdout, stderr, env: options.env ?? {}, cwd };
  return { io, out: () => out, err: () => err };
}
