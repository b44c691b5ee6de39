import { wallClockOf, zonedTimeToInstant } from '../util/dates.js';

/**
 * The instant the local day containing `instant` starts in `timeZone`. In a
 * zone whose clocks jump at midnight the day starts at the first wall-clock
 * time that exists (01:00), so days of 23 and 25 hours come out right.
 */
export function startOfLocalDay(instant: Date, timeZone: string): Date {
  const wall = wallClockOf(instant, timeZone);
  return zonedTimeToInstant({ year: wall.year, month: wall.month, day: wall.day }, timeZone);
}

/** The instant the local day after the one containing `instant` starts in `timeZone`. */
export function startOfNextLocalDay(instant: Date, timeZone: string): Date {
  const wall = wallClockOf(instant, timeZone);
  // Date.UTC rolls month and year over; only the calendar date is read from it.
  const next = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + 1));
  return zonedTimeToInstant({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }, timeZone);
}
