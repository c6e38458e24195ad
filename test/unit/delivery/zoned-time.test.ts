import { describe, expect, it } from 'vitest';
import { isWithinClockWindow, lastOccurrence, nextOccurrence, zonedToUtc } from '../../../src/delivery/zoned-time.js';

const iso = (d: Date) => d.toISOString();

describe('zoned time', () => {
  it('digest time in a UTC+1 zone → the right UTC instant, yesterday when today is still ahead', () => {
    expect(iso(lastOccurrence('08:00', 'Europe/Berlin', new Date('2026-03-02T07:30:00Z')))).toBe('2026-03-02T07:00:00.000Z');
    expect(iso(lastOccurrence('08:00', 'Europe/Berlin', new Date('2026-03-02T06:59:00Z')))).toBe('2026-03-01T07:00:00.000Z');
  });

  it('DST starts overnight → the local 08:00 digest moves one hour earlier in UTC, not skipped', () => {
    // US clocks jump forward on 2026-03-08.
    expect(iso(lastOccurrence('08:00', 'America/New_York', new Date('2026-03-07T14:00:00Z')))).toBe('2026-03-07T13:00:00.000Z');
    expect(iso(lastOccurrence('08:00', 'America/New_York', new Date('2026-03-08T12:30:00Z')))).toBe('2026-03-08T12:00:00.000Z');
    expect(iso(nextOccurrence('08:00', 'America/New_York', new Date('2026-03-07T14:00:00Z')))).toBe('2026-03-08T12:00:00.000Z');
  });

  it('a wall time skipped by DST → the instant after the jump; a repeated one → its first occurrence', () => {
    expect(iso(zonedToUtc({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(zonedToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('half-hour zones and quiet hours across midnight', () => {
    expect(iso(lastOccurrence('07:00', 'Asia/Kabul', new Date('2026-03-02T03:00:00Z')))).toBe('2026-03-02T02:30:00.000Z');
    const night = { start: '22:00', end: '06:00' };
    expect(isWithinClockWindow(night, 'Europe/Berlin', new Date('2026-03-02T23:30:00Z'))).toBe(true); // 00:30 local
    expect(isWithinClockWindow(night, 'Europe/Berlin', new Date('2026-03-02T04:59:00Z'))).toBe(true); // 05:59 local
    expect(isWithinClockWindow(night, 'Europe/Berlin', new Date('2026-03-02T05:00:00Z'))).toBe(false); // 06:00 local: end is exclusive
    expect(isWithinClockWindow(night, 'Europe/Berlin', new Date('2026-03-02T12:00:00Z'))).toBe(false);
  });
});
