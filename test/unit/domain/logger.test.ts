import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createJsonLogger, createSilentLogger } from '../../../src/domain/logger.js';

function capture(level?: 'debug' | 'info' | 'warn' | 'error') {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const logger = createJsonLogger(stream, { level, now: () => new Date('2026-01-02T03:04:05Z') });
  const records = (): Record<string, unknown>[] =>
    chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, records, raw: () => chunks.join('') };
}

describe('json logger', () => {
  it('writes one JSON object per line with time, level, msg and fields', () => {
    const { logger, records } = capture();
    logger.info('feed polled', { feedId: 'un-news', items: 3 });
    logger.warn('slow');
    expect(records()).toEqual([
      { time: '2026-01-02T03:04:05.000Z', level: 'info', msg: 'feed polled', feedId: 'un-news', items: 3 },
      { time: '2026-01-02T03:04:05.000Z', level: 'warn', msg: 'slow' },
    ]);
  });

  it('records below the level are dropped', () => {
    const { logger, records } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.error('e');
    expect(records().map((r) => r.level)).toEqual(['error']);
  });

  it('a secret-named field is redacted however deep it sits', () => {
    const { logger, raw } = capture();
    logger.info('config', { discord: { botToken: 'abc.def.ghi' }, password: 'pw1', headers: { Authorization: 'x' } });
    expect(raw()).not.toMatch(/abc\.def\.ghi|pw1|"x"/);
    expect(raw()).toContain('[redacted]');
  });

  it('numbers and flags under secret-looking keys stay readable', () => {
    const { logger, records } = capture();
    logger.info('x', { tokenCount: 3, hasPassword: false });
    expect(records()[0]).toMatchObject({ tokenCount: 3, hasPassword: false });
  });

  it('a token pasted into a message or an error is redacted', () => {
    const { logger, raw } = capture();
    const slack = ['xoxb', '1234567890', 'abcdefghijklmnop'].join('-');
    const app = ['xapp', '1', 'A0000', 'zzzzzzzz'].join('-');
    const discord = `${'M'.padEnd(24, 'T')}.${'G'.repeat(6)}.${'h'.repeat(30)}`;
    logger.error(`login failed with ${slack}`, {
      error: new Error(`bad header Bot ${discord}`),
      note: `app token ${app}`,
      url: 'redis://admin:s3cret@cache:6379',
    });
    const out = raw();
    for (const secret of [slack, app, discord, 's3cret']) expect(out).not.toContain(secret);
    expect(out).toContain('redis://admin:[redacted]@cache:6379');
  });

  it('child loggers carry their fields and a circular value does not crash', () => {
    const { logger, records } = capture();
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    logger.child({ component: 'poll' }).child({ feedId: 'dw' }).info('x', { loop });
    expect(records()[0]).toMatchObject({ component: 'poll', feedId: 'dw', loop: { name: 'loop', self: '[circular]' } });
  });

  it('the silent logger accepts everything and writes nothing', () => {
    const logger = createSilentLogger();
    expect(() => logger.child({ a: 1 }).error('x', { token: 't' })).not.toThrow();
  });
});
