import { DigestError, ErrorCodes } from '../errors.js';
import type { WeekWindow } from '../types.js';

/** True while `now` is inside the week: articles dated later in it may still come. */
export function isWeekInProgress(week: WeekWindow, now: Date): boolean {
  return now.getTime() < week.end.getTime();
}

/** When a week ends, in the newsletter's time zone, e.g. "Mon, Dec 7, 2026, 00:00 (Europe/Berlin)". */
export function weekEndLabel(week: WeekWindow, timeZone: string): string {
  // Intl rather than date-fns: this module is loaded by the sending process, which keeps its memory small.
  const label = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(week.end);
  return `${label} (${timeZone})`;
}

/**
 * Refuses to send a week that has not ended: its articles dated later would
 * never be sent to anyone. `force` sends it anyway.
 */
export function assertWeekEnded(week: WeekWindow, now: Date, timeZone: string, force: boolean): void {
  if (force || !isWeekInProgress(week, now)) return;
  throw new DigestError(
    ErrorCodes.WEEK_IN_PROGRESS,
    `week ${week.id} has not ended: it ends ${weekEndLabel(week, timeZone)}, and articles dated later in it would be sent to no one; nothing was sent`,
    { field: '--week', hint: "wait for the week's end, or pass --force to send it now" },
  );
}
