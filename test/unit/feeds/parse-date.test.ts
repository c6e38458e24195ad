import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/feeds/parse-date.js';

const iso = (raw: string): string | null => {
  const ms = parseDate(raw);
  return ms === null ? null : new Date(ms).toISOString();
};

describe('parseDate', () => {
  it.each([
    ['Thu, 13 Aug 2026 14:46:30 +0530', '2026-08-13T09:16:30.000Z'],
    ['Wed, 12 Aug 2026 08:15:00 GMT', '2026-08-12T08:15:00.000Z'],
    ['Tue, 30 Jan 2018 21:07:43 -0500', '2018-01-31T02:07:43.000Z'],
    ['Sun, 21 Mar 2020 06:29:51 EDT', '2020-03-21T10:29:51.000Z'],
    ['12 Aug 2026 08:15 UT', '2026-08-12T08:15:00.000Z'],
  ])('RFC 822: %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each([
    ['2026-08-13T04:04:00Z', '2026-08-13T04:04:00.000Z'],
    ['2016-12-20T10:38:00+01:00', '2016-12-20T09:38:00.000Z'],
    ['2026-08-13T04:04:00.123456Z', '2026-08-13T04:04:00.123Z'],
    ['2019-05-18 10:58:46 +0300', '2019-05-18T07:58:46.000Z'],
    ['2026-08-13', '2026-08-13T00:00:00.000Z'],
  ])('ISO 8601 and near-ISO: %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each([
    ['Seg, 24 Set 2018 19:42:40 -0300', '2018-09-24T22:42:40.000Z'],
    ['mer, 16 nov 2022 00:38:15 +0100', '2022-11-15T23:38:15.000Z'],
    ['mar, 15 mar 2022 10:00:00 +0100', '2022-03-15T09:00:00.000Z'],
    ['24 de septiembre de 2018 10:00', '2018-09-24T10:00:00.000Z'],
    ['lun., 3 févr. 2025 08:00:00 +0100', '2025-02-03T07:00:00.000Z'],
    ['Mi, 12. März 2025 14:30:00 +0100', '2025-03-12T13:30:00.000Z'],
    ['18 мая 2019 10:58:46 +0300', '2019-05-18T07:58:46.000Z'],
    ['Сб, 18 Май 2019 10:58:46 +0300', '2019-05-18T07:58:46.000Z'],
  ])('non-English month and day names: %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each([
    ['Friday, January 29, 2021 04:42 PM', '2021-01-29T16:42:00.000Z'],
    ['January, 29 Jan 2021 17:56:15 +0530', '2021-01-29T12:26:15.000Z'],
    ['Friday, January 29, 2021 12:05 AM', '2021-01-29T00:05:00.000Z'],
    ['Tue Mar 15 2022 10:00:00 GMT+0000 (Coordinated Universal Time)', '2022-03-15T10:00:00.000Z'],
    ['Mon, 05 Aug 19 10:00:00 GMT', '2019-08-05T10:00:00.000Z'],
    ['18.05.2019 10:58', '2019-05-18T10:58:00.000Z'],
    ['05/18/2019 10:58', '2019-05-18T10:58:00.000Z'],
  ])('news-site oddities: %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it('a date without a zone is read as UTC, never host local time', () => {
    expect(iso('Wed, 12 Aug 2026 08:15:00')).toBe('2026-08-12T08:15:00.000Z');
  });

  it.each(['', '   ', 'sometime last week', 'Wed, 31 Apr 2026 10:00:00 GMT', '2026-13-01T00:00:00Z', 'Wed, 12 Foo 2026', '0001-01-01T00:00:00Z'])(
    'unreadable or impossible dates are null: "%s"',
    (raw) => {
      expect(parseDate(raw)).toBeNull();
    },
  );

  it('null and undefined are null', () => {
    expect(parseDate(null)).toBeNull();
    expect(parseDate(undefined)).toBeNull();
  });
});
