/**
 * Dates as web pages print them ("March 3, 2026", "Published 2026-03-03",
 * `2026-03-03T09:30:00+01:00`) → the calendar date `YYYY-MM-DD` an imported
 * article is filed under.
 */
import { parseContentDate, wallClockOf } from '../util/dates.js';
import { DigestError } from '../errors.js';

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const MONTH_FIRST = new RegExp(`^${MONTH}\\s+${DAY},?\\s+(\\d{4})$`, 'i');
const DAY_FIRST = new RegExp(`^${DAY}\\s+${MONTH},?\\s+(\\d{4})$`, 'i');
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;
const TIME_OF_DAY = /,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,5})?$/i;

/** What a date line near the top of a page says: when it was published or updated. */
export type DateKind = 'published' | 'updated';

const PREFIX = /^(published|posted|updated|last updated|last modified|modified|date|written)(?:\s+on)?\s*:?\s+/i;

/** `y-m-d` as `YYYY-MM-DD` when it is a calendar date. */
function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The calendar date written in `text` (the whole text must be the date),
 * e.g. "March 3, 2026", "3 March 2026", "Tue, Mar 3rd 2026 at 9:30 AM",
 * "2026-03-03", "2026/03/03"; undefined for anything else.
 */
export function parseLooseDate(text: string): string | undefined {
  const cleaned = text.trim().replace(WEEKDAY, '').replace(TIME_OF_DAY, '').trim();
  let match = ISO_DAY.exec(cleaned) ?? SLASHED.exec(cleaned);
  if (match) return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = MONTH_FIRST.exec(cleaned);
  if (match) return calendarDate(Number(match[3]), monthNumber(match[1]), Number(match[2]));
  match = DAY_FIRST.exec(cleaned);
  if (match) return calendarDate(Number(match[3]), monthNumber(match[2]), Number(match[1]));
  return undefined;
}

function monthNumber(name: string | undefined): number {
  return MONTHS[(name ?? '').toLowerCase().replace(/\.$/, '')] ?? 0;
}

/**
 * A line that is only a date, possibly labelled: "Published 2026-03-03",
 * "Updated: March 5, 2026", "March 3, 2026". Undefined when it is not.
 */
export function parseDateLine(line: string): { date: string; kind: DateKind } | undefined {
  const trimmed = line.trim();
  const prefix = PREFIX.exec(trimmed);
  const date = parseLooseDate(prefix ? trimmed.slice(prefix[0].length) : trimmed);
  if (!date) return undefined;
  const kind: DateKind = prefix && /updated|modified/i.test(prefix[1] ?? '') ? 'updated' : 'published';
  return { date, kind };
}

/**
 * A page's machine-readable date (`2026-03-03T09:30:00+01:00`,
 * `2026-03-03`, or a human date) as the calendar date in `timeZone`.
 */
export function toCalendarDate(value: string, timeZone: string): string | undefined {
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return parseLooseDate(trimmed);
  try {
    return formatCalendarDate(parseContentDate(trimmed, timeZone), timeZone);
  } catch (error) {
    if (!(error instanceof DigestError)) throw error;
  }
  // RFC 2822 dates ("Tue, 03 Mar 2026 23:30:00 GMT") carry their own zone: the instant decides the day.
  if (/\d{1,2}:\d{2}.*(?:GMT|UTC|\bZ\b|[+-]\d{4})\s*$/i.test(trimmed)) {
    const parsed = Date.parse(trimmed);
    if (!Number.isNaN(parsed)) return formatCalendarDate(new Date(parsed), timeZone);
  }
  return parseLooseDate(trimmed);
}

/** The wall-clock calendar date of `instant` in `timeZone`, `YYYY-MM-DD`. */
export function formatCalendarDate(instant: Date, timeZone: string): string {
  const wall = wallClockOf(instant, timeZone);
  return `${String(wall.year).padStart(4, '0')}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}
