import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './helpers/ensure-built.js';

describe('sitrep CLI as a process', () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 200_000);

  it('a reader that closes the pipe early (`| head -1`) ends the command quietly, exit 0', async () => {
    const lines = Array.from({ length: 4000 }, (_, i) =>
      JSON.stringify({ id: `item-${i}`, title: `Report number ${i} on a quiet day`, summary: 'Nothing happened.', source: 'Wire', published: '2026-03-06T08:00:00Z' }),
    );
    const child = spawn(process.execPath, [resolve('dist/src/cli/main.js'), 'cluster', '--config', resolve('config')], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const firstLine = new Promise<string>((done) => {
      let seen = '';
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('\n')) {
          // Like `head -1`: take the first line and close the read end.
          child.stdout.destroy();
          done(seen.slice(0, seen.indexOf('\n')));
        }
      });
    });
    child.stdin.end(lines.join('\n') + '\n');
    const exitCode = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    expect(JSON.parse(await firstLine)).toEqual({ id: 'item-0', story: 'story-item-0' });
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(exitCode).toBe(0);
  }, 60_000);
});
