/**
 * Dates as people write them (front-matter `date`, `--now`) and the
 * wall-clock <-> instant conversions the week window is built on.
 *
 * A value without an offset is wall-clock time in the newsletter's time zone.
 * Wall-clock times that do not exist or exist twice follow Temporal's
 * `'compatible'` disambiguation:
 * - in a DST gap (02:30 on the spring-forward day in Europe/Berlin) the time
 *   moves forward by the length of the gap (03:30 CEST);
 * - in a fall-back overlap (02:30 on the fall-back day in Europe/Berlin) the
 *   earlier instant wins (02:30 CEST, not 02:30 CET).
 */
import { tzOffset } from '@date-fns/tz';
import { DigestError, ErrorCodes } from '../errors.js';

const MS_PER_DAY = 86_400_000;

/** A wall-clock reading; `month` is 1-12, omitted time fields are 0. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

const validZones = new Set<string>();

/**
 * Whether `timeZone` is a time zone this runtime knows (an IANA name such as
 * `Europe/Berlin`, or `UTC`). Offsets like `+01:00` are rejected: a
 * newsletter's zone needs DST rules.
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (validZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    return false;
  }
  validZones.add(timeZone);
  return true;
}

function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) {
    throw new DigestError(ErrorCodes.CONFIG_INVALID, `unknown time zone "${timeZone}"`, {
      field: 'timezone',
      hint: 'use an IANA time zone name like Europe/Berlin',
    });
  }
}

/** UTC offset of `timeZone` at `epochMs`, in ms (rounded to whole seconds for LMT offsets). */
function offsetMs(timeZone: string, epochMs: number): number {
  return Math.round(tzOffset(timeZone, new Date(epochMs)) * 60) * 1000;
}

/** The wall-clock fields as if they were UTC, so calendar maths needs no zone. */
function wallClockAsUtcMs(wall: WallClock): number {
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC, which maps years 0-99 to 1900-1999.
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0, wall.millisecond ?? 0);
  return date.getTime();
}

/**
 * The instant at which the clocks in `timeZone` read `wall`; gaps and
 * overlaps resolve as described at the top of this module.
 *
 * TZDate's constructor is not used for this: it resolves fall-back times
 * differently depending on the host's own time zone
 * (https://github.com/date-fns/tz/issues/40).
 */
export function zonedTimeToInstant(wall: WallClock, timeZone: string): Date {
  assertTimeZone(timeZone);
  const local = wallClockAsUtcMs(wall);
  // Offsets a day either side bracket the (at most one) transition near `local`.
  const offsetBefore = offsetMs(timeZone, local - MS_PER_DAY);
  const offsetAfter = offsetMs(timeZone, local + MS_PER_DAY);
  const matches = [offsetBefore, offsetAfter]
    .map((offset) => local - offset)
    .filter((instant) => instant + offsetMs(timeZone, instant) === local);
  if (matches.length > 0) return new Date(Math.min(...matches));
  // In a gap: reading the time with the pre-transition offset lands after the
  // jump, shifted forward by the gap's length.
  return new Date(local - offsetBefore);
}

/** The wall-clock reading of `instant` in `timeZone`. */
export function wallClockOf(instant: Date, timeZone: string): Required<WallClock> {
  assertTimeZone(timeZone);
  const shifted = new Date(instant.getTime() + offsetMs(timeZone, instant.getTime()));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
  };
}

// YYYY-MM-DD, optionally followed by [T ]HH:mm[:ss[.fraction]][Z|±HH:MM|±HHMM].
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

type Parsed = { ok: true; date: Date } | { ok: false; problem: string };

function daysInMonth(year: number, month: number): number {
  return new Date(wallClockAsUtcMs({ year, month: month + 1, day: 0 })).getUTCDate();
}

/** Offset text (`Z`, `+05:30`, `-0800`) to ms east of UTC, or undefined if out of range. */
function parseOffset(text: string): number | undefined {
  if (text === 'Z') return 0;
  const hours = Number(text.slice(1, 3));
  const minutes = Number(text.slice(-2));
  if (hours > 23 || minutes > 59) return undefined;
  const sign = text.startsWith('-') ? -1 : 1;
  return sign * (hours * 60 + minutes) * 60_000;
}

function parseIsoText(text: string, timeZone: string | undefined): Parsed {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return { ok: false, problem: 'is not an ISO date' };
  const [, y, mo, d, h, mi, s, fraction, offsetText] = match;
  const wall: Required<WallClock> = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    // Truncated, not rounded, so a time never moves past a week boundary.
    millisecond: Number((fraction ?? '').padEnd(3, '0').slice(0, 3)),
  };
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > daysInMonth(wall.year, wall.month)) {
    return { ok: false, problem: 'is not a calendar date' };
  }
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) {
    return { ok: false, problem: 'has a time of day out of range' };
  }
  if (offsetText !== undefined) {
    const offset = parseOffset(offsetText);
    if (offset === undefined) return { ok: false, problem: 'has a UTC offset out of range' };
    return { ok: true, date: new Date(wallClockAsUtcMs(wall) - offset) };
  }
  if (timeZone === undefined) {
    return { ok: false, problem: 'has no UTC offset and no time zone to read it in' };
  }
  return { ok: true, date: zonedTimeToInstant(wall, timeZone) };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'an object';
  return `${typeof value} ${String(value)}`;
}

/**
 * Reads a front-matter `date`: `YYYY-MM-DD` (00:00 local),
 * `YYYY-MM-DDTHH:mm[:ss[.sss]]` or the same with a space for `T` (wall-clock
 * time in `timeZone`), or either with `Z`, `±HH:MM` or `±HHMM` (an exact
 * instant). A `Date` (some YAML parsers produce one) is taken as the instant
 * it holds. Fractions beyond milliseconds are truncated.
 *
 * @throws DigestError DATE_INVALID for anything else, e.g. `next tuesday`,
 *   `2026-02-30` or `2026-11-28T25:00`; CONFIG_INVALID for an unknown zone.
 */
export function parseContentDate(value: unknown, timeZone: string): Date {
  assertTimeZone(timeZone);
  const hint = 'use an ISO date like 2026-11-24 or 2026-11-24T09:30';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw new DigestError(ErrorCodes.DATE_INVALID, 'is an invalid Date', { field: 'date', hint });
    }
    return new Date(value.getTime());
  }
  const parsed: Parsed =
    typeof value === 'string' ? parseIsoText(value, timeZone) : { ok: false, problem: 'is not a date' };
  if (!parsed.ok) {
    // No field name in the message: the caller prefixes `"date"` with file and line.
    throw new DigestError(ErrorCodes.DATE_INVALID, `${describe(value)} ${parsed.problem}`, {
      field: 'date',
      hint,
    });
  }
  return parsed.date;
}

/**
 * Reads the CLI's `--now <ISO-8601>` with the rules of
 * {@link parseContentDate}. Without `timeZone`, the value must carry an
 * offset: it is never read in the host's own zone.
 *
 * @throws DigestError DATE_INVALID (field `--now`) for an unreadable value.
 */
export function parseNow(value: string, timeZone?: string): Date {
  if (timeZone !== undefined) assertTimeZone(timeZone);
  const parsed = parseIsoText(value, timeZone);
  if (!parsed.ok) {
    throw new DigestError(ErrorCodes.DATE_INVALID, `--now ${describe(value)} ${parsed.problem}`, {
      field: '--now',
      hint: 'use an ISO date-time like 2026-11-30T08:00 or 2026-11-30T08:00:00+01:00',
    });
  }
  return parsed.date;
}
