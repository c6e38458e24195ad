/**
 * Feed dates as publishers really write them → epoch milliseconds (UTC), or null.
 * RFC 3339 takes a fast path; everything else goes through a token reader that knows
 * RFC 822 layout, 12-hour clocks, zone abbreviations and month names in the languages
 * our feeds come in. A date without a zone is read as UTC so results never depend on
 * the host's time zone (Date.parse would).
 */

const monthNames: Record<string, number> = {};
function addMonths(names: string): void {
  names.split(' ').forEach((group, index) => {
    for (const name of group.split('|')) monthNames[name] = index + 1;
  });
}
// One group per month, alternatives separated by "|"; every language's abbreviations too.
addMonths('jan|january|janv|janvier|janeiro|enero|ene|gennaio|gen|januar|jänner|jän|januari|янв|январь|января ' +
  'feb|february|fev|fevereiro|febrero|febbraio|févr|fév|fevr|février|fevrier|februar|februari|фев|февраль|февраля ' +
  'mar|march|março|marco|marzo|mars|märz|mär|mrz|maerz|maart|mrt|мар|март|марта ' +
  'apr|april|abr|abril|aprile|avr|avril|апр|апрель|апреля ' +
  'may|mai|maio|mayo|mag|maggio|mei|май|мая ' +
  'jun|june|junho|junio|giu|giugno|juin|juni|июн|июнь|июня ' +
  'jul|july|julho|julio|lug|luglio|juil|juillet|juli|июл|июль|июля ' +
  'aug|august|ago|agosto|août|aout|augustus|авг|август|августа ' +
  'sep|sept|september|set|setembro|septiembre|setiembre|settembre|septembre|сен|сент|сентябрь|сентября ' +
  'oct|october|out|outubro|octubre|ott|ottobre|octobre|okt|oktober|окт|октябрь|октября ' +
  'nov|november|novembro|noviembre|novembre|ноя|нояб|ноябрь|ноября ' +
  'dec|december|dez|dezembro|diciembre|dic|dicembre|déc|décembre|decembre|dezember|дек|декабрь|декабря');

const zoneOffsets: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0, bst: 60, cet: 60, met: 60, west: 60, cest: 120,
  mest: 120, eet: 120, eest: 180, msk: 180, est: -300, edt: -240, cst: -360, cdt: -300,
  mst: -420, mdt: -360, pst: -480, pdt: -420, akst: -540, akdt: -480, hst: -600, jst: 540,
  kst: 540, hkt: 480, sgt: 480, awst: 480, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
  pkt: 300, irst: 210, ast: -240, adt: -180,
};

const isoPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
// The RFC 822 shape nearly every RSS date has; anything else takes the token reader.
const rfc822Pattern =
  /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,4})?$/;
const timePattern = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(.*)$/;
const offsetPattern = /^(?:gmt|utc)?([+-])(\d{1,2})(?::?(\d{2}))?$/;
const numericDatePattern = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/;

export function parseDate(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  if (text.length === 0 || text.length > 120) return null;
  const iso = isoPattern.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    const millis = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
    return build(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), millis, zone ? zoneMinutes(zone) : 0);
  }
  const rfc = rfc822Pattern.exec(text);
  if (rfc) {
    const [, d, monthName, y, h, mi, s, zone] = rfc;
    const month = monthNames[(monthName ?? '').toLowerCase()];
    const offset = zone === undefined ? 0 : zoneMinutes(zone);
    if (month !== undefined && offset !== null) {
      return build(Number(y), month, Number(d), Number(h), Number(mi), Number(s ?? 0), 0, offset);
    }
  }
  return parseTokens(text);
}

function zoneMinutes(zone: string): number | null {
  // "+0300" / "-0500" is the common case; read it without a regex or a lower-cased copy.
  const signCode = zone.charCodeAt(0);
  if (zone.length === 5 && (signCode === 43 || signCode === 45)) {
    const digits = Number(zone.slice(1));
    if (Number.isInteger(digits)) {
      const minutes = Math.floor(digits / 100) * 60 + (digits % 100);
      return signCode === 45 ? -minutes : minutes;
    }
  }
  const lower = zone.toLowerCase();
  const named = zoneOffsets[lower];
  if (named !== undefined) return named;
  const match = offsetPattern.exec(lower);
  if (!match) return null;
  const [, sign, hours, minutes] = match;
  const total = Number(hours) * 60 + Number(minutes ?? 0);
  return sign === '-' ? -total : total;
}

interface Parts {
  year: number | null;
  month: number | null;
  day: number | null;
  hour: number;
  minute: number;
  second: number;
  offset: number;
  meridiem: 'am' | 'pm' | null;
  smallNumbers: number[];
}

function parseTokens(text: string): number | null {
  const parts: Parts = {
    year: null, month: null, day: null, hour: 0, minute: 0, second: 0, offset: 0, meridiem: null,
    smallNumbers: [],
  };
  // A leading "Friday," / "Seg," / "January," is a day name (or News18's stray month): skip it.
  const tokens = text.toLowerCase().split(/[\s,]+/).filter((token) => token.length > 0);
  const leadingLabel = /^[^\d\s,]+,/.test(text);
  tokens.forEach((token, index) => {
    if (index === 0 && leadingLabel) return;
    readToken(token, parts);
  });
  const [first, second] = parts.smallNumbers;
  const day = parts.day ?? first ?? null;
  let year = parts.year;
  if (year === null) {
    const twoDigits = parts.day === null ? second : first;
    if (twoDigits !== undefined && twoDigits < 100) year = twoDigits < 50 ? 2000 + twoDigits : 1900 + twoDigits;
  }
  if (year === null || parts.month === null || day === null) return null;
  let hour = parts.hour;
  if (parts.meridiem === 'pm' && hour < 12) hour += 12;
  if (parts.meridiem === 'am' && hour === 12) hour = 0;
  return build(year, parts.month, day, hour, parts.minute, parts.second, 0, parts.offset);
}

function readToken(token: string, parts: Parts): void {
  const digits = /^(\d+)(?:st|nd|rd|th|º|ª|\.)?$/.exec(token)?.[1];
  if (digits !== undefined) {
    const value = Number(digits);
    if (digits.length === 4 && parts.year === null) parts.year = value;
    else parts.smallNumbers.push(value);
    return;
  }
  const time = timePattern.exec(token);
  if (time) {
    const [, h, mi, s, rest] = time;
    parts.hour = Number(h);
    parts.minute = Number(mi);
    parts.second = Number(s ?? 0);
    if (rest) readZoneOrMeridiem(rest, parts);
    return;
  }
  const numeric = numericDatePattern.exec(token);
  if (numeric) {
    readNumericDate(token, numeric, parts);
    return;
  }
  const word = token.endsWith('.') ? token.slice(0, -1) : token;
  const month = monthNames[word];
  // The last month name wins: in "mar, 15 nov 2022" the first "mar" is Tuesday in Italian.
  if (month !== undefined) {
    parts.month = month;
    return;
  }
  readZoneOrMeridiem(word, parts);
}

function readZoneOrMeridiem(token: string, parts: Parts): void {
  const compact = token.replace(/\./g, '');
  if (compact === 'am' || compact === 'pm') {
    parts.meridiem = compact;
    return;
  }
  const offset = zoneMinutes(token.replace(/^\(|\)$/g, ''));
  if (offset !== null) parts.offset = offset;
}

function readNumericDate(token: string, match: RegExpExecArray, parts: Parts): void {
  const [, a, b, c] = match;
  const x = Number(a);
  const y = Number(b);
  const z = Number(c);
  if ((a ?? '').length === 4) {
    parts.year = x;
    parts.month = y;
    parts.day = z;
    return;
  }
  // Slashes are usually US order (m/d/y) unless the first part cannot be a month.
  const usOrder = token.includes('/') && x <= 12 && y > 12;
  parts.day = usOrder ? y : x;
  parts.month = usOrder ? x : y;
  parts.year = z < 100 ? (z < 50 ? 2000 + z : 1900 + z) : z;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offsetMinutes: number | null,
): number | null {
  if (year < 1970 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour > 24 || minute > 59 || second > 60) return null;
  // Date.UTC would roll 31 April over to 1 May; a calendar date that does not exist is no date.
  if (day > daysInMonth(year, month)) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis);
  return local - (offsetMinutes ?? 0) * 60_000;
}
