/**
 * The week window: an issue covers one ISO week, Monday 00:00 to the next
 * Monday 00:00 in the newsletter's time zone, named `YYYY-Www` after its
 * ISO week-numbering year.
 *
 * Calendar maths runs on day numbers (days since 1970-01-01) with no zone;
 * the zone only comes in when a Monday is turned into an instant.
 */
import type { WeekWindow } from '../types.js';
import { DigestError, ErrorCodes } from '../errors.js';
import type { Locale } from 'date-fns';
import { formatDayRange } from './date-locale.js';
import { wallClockOf, zonedTimeToInstant } from './dates.js';

export { isValidTimeZone } from './dates.js';

const MS_PER_DAY = 86_400_000;
const WEEK_ID = /^(\d{4})-W(\d{2})$/;
const WEEK_HINT = 'use YYYY-Www, e.g. 2026-W48';

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function toDayNumber({ year, month, day }: CalendarDate): number {
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC, which maps years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / MS_PER_DAY);
}

function fromDayNumber(dayNumber: number): CalendarDate {
  const date = new Date(dayNumber * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** 1 = Monday ... 7 = Sunday; day 0 (1970-01-01) was a Thursday. */
function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** Day number of the Monday of ISO week 1, the week holding January 4th. */
function firstMonday(isoYear: number): number {
  const january4 = toDayNumber({ year: isoYear, month: 1, day: 4 });
  return january4 - isoWeekday(january4) + 1;
}

/** ISO week-year and week of a calendar day: the ones of its week's Thursday. */
function isoWeekOfDay(dayNumber: number): { year: number; week: number } {
  const thursday = dayNumber - isoWeekday(dayNumber) + 4;
  const year = fromDayNumber(thursday).year;
  return { year, week: Math.floor((thursday - firstMonday(year)) / 7) + 1 };
}

function weeksInIsoYear(isoYear: number): number {
  return (firstMonday(isoYear + 1) - firstMonday(isoYear)) / 7;
}

function formatWeekId(year: number, week: number): string {
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

function windowFromMonday(monday: number, timeZone: string): WeekWindow {
  const { year, week } = isoWeekOfDay(monday);
  return {
    id: formatWeekId(year, week),
    start: zonedTimeToInstant(fromDayNumber(monday), timeZone),
    end: zonedTimeToInstant(fromDayNumber(monday + 7), timeZone),
  };
}

function mondayOf(id: string): number {
  const { year, week } = parseWeekId(id);
  return firstMonday(year) + (week - 1) * 7;
}

/**
 * Splits a week id `YYYY-Www` into its ISO week-year and week.
 *
 * @throws DigestError WEEK_INVALID for a malformed id or a week the year does
 *   not have (W00, W54, W53 of a 52-week year).
 */
export function parseWeekId(id: string): { year: number; week: number } {
  const match = WEEK_ID.exec(id);
  if (!match) {
    throw new DigestError(ErrorCodes.WEEK_INVALID, `week "${id}" is not a week id`, { hint: WEEK_HINT });
  }
  const year = Number(match[1]);
  const week = Number(match[2]);
  const weeks = weeksInIsoYear(year);
  if (week < 1 || week > weeks) {
    throw new DigestError(ErrorCodes.WEEK_INVALID, `week "${id}" does not exist: ${year} has ${weeks} ISO weeks`, {
      hint: WEEK_HINT,
    });
  }
  return { year, week };
}

/**
 * The window of week `id` in `timeZone`: from Monday 00:00 to the next Monday
 * 00:00 local, so a week with a DST change lasts 167 or 169 hours. Where a
 * Monday 00:00 falls in a DST gap the week starts when the clocks jump.
 */
export function weekWindow(id: string, timeZone: string): WeekWindow {
  return windowFromMonday(mondayOf(id), timeZone);
}

/** Id of the ISO week that contains `instant`, by the calendar in `timeZone`. */
export function weekIdOf(instant: Date, timeZone: string): string {
  const { year, week } = isoWeekOfDay(toDayNumber(wallClockOf(instant, timeZone)));
  return formatWeekId(year, week);
}

/** The window of the week that contains `instant` in `timeZone`. */
export function weekContaining(instant: Date, timeZone: string): WeekWindow {
  return weekWindow(weekIdOf(instant, timeZone), timeZone);
}

/** The window `n` weeks after week `id` (before it for negative `n`). */
export function shiftWeek(id: string, n: number, timeZone: string): WeekWindow {
  if (!Number.isInteger(n)) throw new RangeError(`shiftWeek needs a whole number of weeks, got ${n}`);
  return windowFromMonday(mondayOf(id) + n * 7, timeZone);
}

/** The week after `window`. */
export function nextWeek(window: WeekWindow, timeZone: string): WeekWindow {
  return shiftWeek(window.id, 1, timeZone);
}

/** The week before `window`. */
export function previousWeek(window: WeekWindow, timeZone: string): WeekWindow {
  return shiftWeek(window.id, -1, timeZone);
}

/**
 * The latest week whose end is at or before `now`: the week before the one
 * containing `now`. At Monday 00:00 local exactly, that is the week that has
 * just ended.
 */
export function lastCompleteWeek(now: Date, timeZone: string): WeekWindow {
  return previousWeek(weekContaining(now, timeZone), timeZone);
}

/** Whether `instant` lies in `window`: start inclusive, end exclusive. */
export function isInWeek(instant: Date, window: WeekWindow): boolean {
  const time = instant.getTime();
  return time >= window.start.getTime() && time < window.end.getTime();
}

/**
 * The window's days for a subject line, as seen in `timeZone`, in `locale`
 * (default English): `Nov 23 – 29, 2026`, `Nov 30 – Dec 6, 2026`,
 * `Dec 28, 2026 – Jan 3, 2027`; `23.–29. Nov. 2026` in German. The last day
 * is the one holding `end` − 1 ms.
 */
export function formatWeekRange(window: WeekWindow, timeZone: string, locale?: Locale): string {
  return formatDayRange(window.start, new Date(window.end.getTime() - 1), timeZone, locale);
}
