import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../src/feeds/retry-after.js';
import { buildUserAgent } from '../../../src/feeds/user-agent.js';

const now = Date.parse('Sat, 28 Nov 2026 21:00:00 GMT');

describe('parseRetryAfter', () => {
  it('delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('HTTP-date (IMF-fixdate) in the future', () => {
    expect(parseRetryAfter('Sat, 28 Nov 2026 21:01:30 GMT', now)).toBe(90_000);
  });

  it('obsolete RFC 850 date form is still read', () => {
    expect(parseRetryAfter('Saturday, 28-Nov-26 21:00:10 GMT', now)).toBe(10_000);
  });

  it('HTTP-date in the past means retry now, never a negative delay', () => {
    expect(parseRetryAfter('Sat, 28 Nov 2026 20:00:00 GMT', now)).toBe(0);
  });

  it.each([null, undefined, '', 'soon', '-5', '1.5', '12abc'])('unreadable %j: no delay', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('buildUserAgent', () => {
  it('names the product, the project page and the contact', () => {
    expect(buildUserAgent('0.1', 'ops@example.org')).toBe('Sitrep/0.1 (+https://github.com/sitrep-bot/sitrep; contact: ops@example.org)');
  });

  it('a contact with a newline cannot inject a header', () => {
    const agent = buildUserAgent('0.1', 'ops@example.org\r\nX-Evil: 1');
    expect(agent).not.toMatch(/[\r\n]/);
    expect(agent).toContain('contact: ops@example.org X-Evil: 1');
  });

  it('parentheses in the contact do not break the comment', () => {
    expect(buildUserAgent('0.1', 'Ops (night shift) https://example.org/contact')).toBe(
      'Sitrep/0.1 (+https://github.com/sitrep-bot/sitrep; contact: Ops night shift https://example.org/contact)',
    );
  });

  it('no contact configured: the project page alone', () => {
    expect(buildUserAgent('0.1.0', '  ')).toBe('Sitrep/0.1.0 (+https://github.com/sitrep-bot/sitrep)');
  });
});
