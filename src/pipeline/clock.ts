import type { Clock } from '../types.js';

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at `start` and runs at real speed from there: `--now`
 * fixes "now" for week choice and the schedule while timings stay real.
 */
export function clockFrom(start: Date): Clock {
  const offset = start.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}
