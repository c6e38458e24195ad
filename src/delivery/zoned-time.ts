/**
 * Time-zone math on top of Intl only (no tz database of our own), DST-safe:
 * every conversion re-checks the offset at the resulting instant.
 */

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Wall-clock parts of `instant` in `timeZone`. */
export function localParts(instant: Date, timeZone: string): LocalParts & { second: number } {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values['year'] ?? 1970,
    month: values['month'] ?? 1,
    day: values['day'] ?? 1,
    hour: (values['hour'] ?? 0) % 24,
    minute: values['minute'] ?? 0,
    second: values['second'] ?? 0,
  };
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The UTC instant of a local wall time. A wall time skipped by a DST jump maps
 * to the instant just after the jump; a repeated one maps to its first occurrence.
 */
export function zonedToUtc(parts: LocalParts, timeZone: string): Date {
  const naive = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  const first = naive - zoneOffsetMs(new Date(naive), timeZone);
  const second = naive - zoneOffsetMs(new Date(first), timeZone);
  if (first === second) {
    // A wall time repeated when clocks go back: take the earlier instant.
    for (const back of [3_600_000, 1_800_000]) {
      const p = localParts(new Date(first - back), timeZone);
      if (p.hour === parts.hour && p.minute === parts.minute && p.day === parts.day) return new Date(first - back);
    }
    return new Date(first);
  }
  // Two offsets disagree around a transition: prefer the earlier instant that
  // still shows the requested wall time, else the one after the gap.
  const candidates = [Math.min(first, second), Math.max(first, second)];
  for (const candidate of candidates) {
    const p = localParts(new Date(candidate), timeZone);
    if (p.hour === parts.hour && p.minute === parts.minute) return new Date(candidate);
  }
  return new Date(Math.max(first, second));
}

export function parseClockTime(hhmm: string): { hour: number; minute: number } {
  const [h, m] = hhmm.split(':');
  return { hour: Number(h), minute: Number(m) };
}

/** The latest instant ≤ now at which the local clock in `timeZone` showed `hhmm`. */
export function lastOccurrence(hhmm: string, timeZone: string, now: Date): Date {
  const { hour, minute } = parseClockTime(hhmm);
  const today = localParts(now, timeZone);
  let candidate = zonedToUtc({ ...today, hour, minute }, timeZone);
  if (candidate.getTime() > now.getTime()) {
    const yesterday = new Date(Date.UTC(today.year, today.month - 1, today.day - 1));
    candidate = zonedToUtc(
      { year: yesterday.getUTCFullYear(), month: yesterday.getUTCMonth() + 1, day: yesterday.getUTCDate(), hour, minute },
      timeZone,
    );
  }
  return candidate;
}

/** The earliest instant > now at which the local clock shows `hhmm`. */
export function nextOccurrence(hhmm: string, timeZone: string, now: Date): Date {
  const { hour, minute } = parseClockTime(hhmm);
  const today = localParts(now, timeZone);
  for (let offset = 0; offset <= 2; offset += 1) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const candidate = zonedToUtc(
      { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute },
      timeZone,
    );
    if (candidate.getTime() > now.getTime()) return candidate;
  }
  return new Date(now.getTime() + 24 * 3_600_000);
}

/** True when the local time of `now` lies in [start, end); windows may wrap midnight. */
export function isWithinClockWindow(window: { start: string; end: string }, timeZone: string, now: Date): boolean {
  const local = localParts(now, timeZone);
  const minutes = local.hour * 60 + local.minute;
  const start = parseClockTime(window.start);
  const end = parseClockTime(window.end);
  const from = start.hour * 60 + start.minute;
  const to = end.hour * 60 + end.minute;
  if (from === to) return false;
  return from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}
