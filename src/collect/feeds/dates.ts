/**
 * Feed dates as feeds really write them: RFC 822 (`pubDate`) with wrong day
 * names, missing seconds, two-digit years and zone names or `GMT+2`, and
 * ISO 8601 (Atom, JSON Feed, `dc:date`). Anything else is null rather than a
 * guess: `Date.parse` rolls "31 Feb" over into March.
 */

const FULL_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Zone names seen in feeds, in minutes east of UTC. Ambiguous ones (IST, CST in China) follow RFC 822 or are left out. */
const ZONES: Record<string, number> = {
  z: 0, ut: 0, utc: 0, gmt: 0, wet: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210, ndt: -150,
  bst: 60, west: 60, cet: 60, cest: 120, met: 60, mest: 120, eet: 120, eest: 180, msk: 180,
  sgt: 480, hkt: 480, jst: 540, kst: 540, aest: 600, aedt: 660, acst: 570, acdt: 630, awst: 480, nzst: 720, nzdt: 780,
};

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?`;
const ZONE = String.raw`([a-z]{1,5})?\s*([+-]\d{1,2}(?::?\d{2})?)?`;

/** `Mon, 1 Dec 2025 10:00:00 +0000` and friends (day name optional and ignored). */
const DAY_FIRST = new RegExp(String.raw`^(?:[a-z]+\.?,?\s*)?(\d{1,2})[\s-]+([a-z]+)\.?,?[\s-]+(\d{4}|\d{2})(?:,?\s+${TIME})?\s*${ZONE}$`, 'i');
/** `Dec 1, 2025 10:00 EST` and JavaScript's `Mon Dec 01 2025 10:00:00 GMT+0100 (…)`. */
const MONTH_FIRST = new RegExp(String.raw`^(?:[a-z]+\.?,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+${TIME})?\s*${ZONE}(?:\s*\([^)]*\))?$`, 'i');
/** `2025-12-01`, `2025-12-01T10:00Z`, `2025-12-01 10:00:00.123+01:00`. */
const ISO = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})(?:[t\s]+${TIME})?\s*${ZONE}$`, 'i');

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
}

/**
 * The instant a feed date names, or null when it is missing, unreadable or
 * impossible (31 Feb, 25:00, month 13). A date without a zone is taken as UTC.
 */
export function parseFeedDate(raw: string | null | undefined): Date | null {
  const text = raw?.trim().replace(/\s+/g, ' ');
  if (!text || text.length > 80) return null;
  const iso = ISO.exec(text);
  if (iso) return toDate(fields(iso[1], iso[2], iso[3], iso.slice(4)));
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) return toDate(fields(dayFirst[3], monthNumber(dayFirst[2]), dayFirst[1], dayFirst.slice(4)));
  const monthFirst = MONTH_FIRST.exec(text);
  if (monthFirst) return toDate(fields(monthFirst[3], monthNumber(monthFirst[1]), monthFirst[2], monthFirst.slice(4)));
  return null;
}

/** 1-12 for an English month name or its abbreviation ("Dec", "Sept", "December"); "Mayday" is not May. */
function monthNumber(name: string | undefined): string | undefined {
  const lower = name?.toLowerCase();
  if (!lower || lower.length < 3) return undefined;
  const index = FULL_MONTHS.findIndex((full) => full.startsWith(lower));
  return index < 0 ? undefined : String(index + 1);
}

/** Fields from the captured strings; `rest` is hour, minute, second, fraction, zone name, offset. */
function fields(year: string | undefined, month: string | undefined, day: string | undefined, rest: (string | undefined)[]): Fields | null {
  if (year === undefined || month === undefined || day === undefined) return null;
  const [hour, minute, second, fraction, zoneName, offset] = rest;
  const offsetMinutes = zoneOffset(zoneName, offset);
  if (offsetMinutes === null) return null;
  let fullYear = Number(year);
  // RFC 2822 section 4.3: two-digit years below 50 are 20xx.
  if (year.length === 2) fullYear += fullYear < 50 ? 2000 : 1900;
  return {
    year: fullYear,
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millisecond: fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0,
    offsetMinutes,
  };
}

/** Minutes east of UTC for a zone name and/or a numeric offset ("GMT+2", "+0530", "EST"); null when unknown. */
function zoneOffset(name: string | undefined, offset: string | undefined): number | null {
  let minutes = 0;
  if (name !== undefined) {
    const named = ZONES[name.toLowerCase()];
    if (named === undefined) return null;
    // "EST+5" makes no sense; only UTC-like names take a numeric offset.
    if (offset !== undefined && named !== 0) return null;
    minutes = named;
  }
  if (offset !== undefined) {
    const match = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(offset);
    const hours = Number(match?.[2]);
    const mins = Number(match?.[3] ?? 0);
    if (!match || hours > 14 || mins > 59) return null;
    minutes = (match[1] === '-' ? -1 : 1) * (hours * 60 + mins);
  }
  return minutes;
}

function toDate(f: Fields | null): Date | null {
  if (!f) return null;
  if (f.year < 1900 || f.year > 2999 || f.month < 1 || f.month > 12) return null;
  if (f.day < 1 || f.day > daysInMonth(f.year, f.month)) return null;
  if (f.hour > 23 || f.minute > 59 || f.second > 60) return null;
  // A leap second is the last second of its minute as far as Date can tell.
  const second = Math.min(f.second, 59);
  const utc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, second, f.millisecond);
  return new Date(utc - f.offsetMinutes * 60_000);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
