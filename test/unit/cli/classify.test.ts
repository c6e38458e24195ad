import { existsSync, readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/cli-io.js';
import { runClassifyCommand } from '../../../src/cli/commands/classify.js';
import { runExplainCommand } from '../../../src/cli/commands/explain.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const configDir = `${repoRoot}config`;
const seedFile = '/work/shared/seed/ani-2021-08-10-afghan-fm-meets-us-envoy.txt';

interface Harness {
  io: CliIo;
  stdin: PassThrough;
  output(): string;
  errors(): string;
  /** Resolves when stdout has received `count` complete lines. */
  lines(count: number): Promise<string[]>;
}

function harness(): Harness {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  const waiters: Array<{ count: number; resolve: (lines: string[]) => void }> = [];
  const complete = (): string[] => out.split('\n').slice(0, -1);
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const waiter of [...waiters]) {
      if (complete().length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(complete());
      }
    }
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return {
    io: { stdin, stdout, stderr, env: {}, cwd: repoRoot },
    stdin,
    output: () => out,
    errors: () => err,
    lines: (count) =>
      complete().length >= count ? Promise.resolve(complete()) : new Promise((resolve) => waiters.push({ count, resolve })),
  };
}

const parseLines = (text: string): Array<Record<string, unknown>> =>
  text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('sitrep classify', () => {
  it('answers each line as it arrives, before stdin ends (streaming, not batch)', async () => {
    const h = harness();
    const done = runClassifyCommand(['--config', configDir], h.io);
    h.stdin.write('{"id":"a","title":"Central bank raises interest rates to curb inflation","summary":""}\n');
    const first = await h.lines(1);
    expect(JSON.parse(first[0] ?? '{}')).toMatchObject({ id: 'a', topics: ['economy'] });
    h.stdin.write('{"id":"b","title":"Airstrikes hit Kharkiv as offensive intensifies","summary":""}\n');
    const second = await h.lines(2);
    expect(JSON.parse(second[1] ?? '{}')).toMatchObject({ id: 'b' });
    h.stdin.end();
    expect(await done).toBe(0);
  });

  it('a bad line yields an error line with its id when it has one, and the rest continue in order', async () => {
    const h = harness();
    h.stdin.end(
      [
        '{"id":"1","title":"Foreign ministers meet for peace talks","summary":"Envoys met in Doha."}',
        'this is not json',
        '',
        '   ',
        '{"id":"2","title":5}',
        '{"title":"no id"}',
        '{"id":"3","title":"","summary":""}',
        '{"id":4,"title":"Election results delayed as parliament dissolves","tags":["Politics and Government"]}',
      ].join('\n'),
    );
    expect(await runClassifyCommand(['--config', configDir], h.io)).toBe(0);
    const out = parseLines(h.output());
    expect(out).toHaveLength(6);
    expect(out[0]).toMatchObject({ id: '1' });
    expect(out[1]).toEqual({ error: 'not valid JSON' });
    expect(out[2]).toMatchObject({ id: '2' });
    expect(String(out[2]?.error)).toContain('title');
    expect(out[3]?.error).toBeDefined();
    expect(out[3]?.id).toBeUndefined();
    expect(out[4]).toMatchObject({ id: '3', error: 'title and summary are both empty' });
    expect(out[5]).toMatchObject({ id: '4', topics: expect.arrayContaining(['politics']) as unknown });
  });

  it('feed markup and entities in the input are read as text; a null summary is an empty one', async () => {
    const h = harness();
    h.stdin.end(
      [
        '{"id":"m","title":"Ministers meet &amp; agree ceasefire","summary":"<p>Foreign ministers <b>agreed</b> a ceasefire in Doha &amp; pledged talks.</p>"}',
        '{"id":"n","title":"Foreign ministers meet for peace talks","summary":null}',
      ].join('\n'),
    );
    expect(await runClassifyCommand(['--config', configDir], h.io)).toBe(0);
    const [markup, headline] = parseLines(h.output());
    expect(markup?.summary).toBe('Foreign ministers agreed a ceasefire in Doha & pledged talks.');
    expect(headline).toMatchObject({ id: 'n', topics: expect.arrayContaining(['diplomacy']) as unknown });
  });

  it('every output line has exactly the contract keys, in contract order, with scores in [0, 1]', async () => {
    const h = harness();
    h.stdin.end('{"id":"x","title":"Taliban seize Kunduz as UN Security Council meets","summary":"Fighting spread to Kabul province.","source":"Reuters","published":"2026-08-10T06:00:00Z","link":"https://example.com/a"}\n');
    await runClassifyCommand(['--config', configDir], h.io);
    const [line] = parseLines(h.output());
    expect(Object.keys(line ?? {})).toEqual(['id', 'topics', 'scores', 'reasons', 'places', 'actors', 'summary']);
    for (const score of Object.values(line?.scores as Record<string, number>)) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    expect(Object.keys(line?.reasons as object).sort()).toEqual([...(line?.topics as string[])].sort());
    expect(line?.places).toContain('AF');
  });

  it.skipIf(!existsSync(seedFile))('the seed story through the CLI: diplomacy + security + human_rights, AF/US/QA, the four actors', async () => {
    const h = harness();
    const summary = readFileSync(seedFile, 'utf8');
    h.stdin.end(`${JSON.stringify({ id: 'seed', title: 'Afghan FM meets US envoy', summary })}\n`);
    await runClassifyCommand(['--config', configDir], h.io);
    const [line] = parseLines(h.output());
    expect([...(line?.topics as string[])].sort()).toEqual(['diplomacy', 'human_rights', 'security']);
    expect(line?.places).toEqual(expect.arrayContaining(['AF', 'US', 'QA']));
    expect(line?.actors).toEqual(expect.arrayContaining(['taliban', 'unsc', 'unhrc', 'nato']));
    expect(String(line?.summary).length).toBeLessThanOrEqual(300);
  });

  it('stdin that errors while reading exits 1 with a message', async () => {
    const h = harness();
    const done = runClassifyCommand(['--config', configDir], h.io);
    h.stdin.destroy(new Error('EIO: read failed'));
    expect(await done).toBe(1);
    expect(h.errors()).toContain('cannot read stdin');
  });

  it('an unknown flag exits 1 with usage', async () => {
    const h = harness();
    expect(await runClassifyCommand(['--bogus'], h.io)).toBe(1);
    expect(h.errors()).toContain('Usage: sitrep classify');
  });
});

describe('sitrep explain', () => {
  it('prints every topic with its score, the deciding threshold and the terms and rules that fired', async () => {
    const h = harness();
    const code = await runExplainCommand(
      ['--config', configDir, '--title', 'Security Council meets on Gaza ceasefire', '--summary', 'Diplomats said airstrikes continued.'],
      h.io,
    );
    expect(code).toBe(0);
    const text = h.output();
    expect(text).toMatch(/diplomacy \(Diplomacy\): \d\.\d\d — \d\.\d\d [≥<] threshold \d\.\d\d/);
    expect(text).toContain("rule: 'Security Council' is a diplomacy venue");
    expect(text).toContain("'security' (security) cancelled by rule");
    for (const topic of ['security', 'human_rights', 'humanitarian', 'politics', 'economy']) expect(text).toContain(`${topic} (`);
  });

  it('--json reads one line from stdin and prints the explanation as data', async () => {
    const h = harness();
    h.stdin.end('{"id":"z","title":"Famine warning as aid convoys are blocked","summary":"The WFP said 2 million people face hunger."}\n');
    expect(await runExplainCommand(['--config', configDir, '--json'], h.io)).toBe(0);
    const [out] = parseLines(h.output());
    expect(out?.topics).toContain('humanitarian');
    const explanation = out?.explanation as Array<{ topic: string; contributions: unknown[]; decision: string }>;
    expect(explanation.map((e) => e.topic)).toHaveLength(6);
    expect(explanation.find((e) => e.topic === 'humanitarian')?.contributions.length).toBeGreaterThan(0);
  });

  it('no item on stdin exits 1 and says so', async () => {
    const h = harness();
    h.stdin.end('');
    expect(await runExplainCommand(['--config', configDir], h.io)).toBe(1);
    expect(h.errors()).toContain('no item given');
  });
});
