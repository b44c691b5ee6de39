import { describe, expect, it } from 'vitest';
import { DigestError } from '../../../src/errors.js';
import { assertWeekEnded, isWeekInProgress, weekEndLabel } from '../../../src/pipeline/week-state.js';
import { weekWindow } from '../../../src/util/week.js';

const ZONE = 'Europe/Berlin';
/** Mon 30 Nov 2026 00:00 to Mon 7 Dec 2026 00:00, Berlin time (UTC+1). */
const WEEK = weekWindow('2026-W49', ZONE);

describe('a week in progress', () => {
  it.each([
    ['the Sunday before it', '2026-11-29T12:00:00Z', true],
    ['its first instant', '2026-11-29T23:00:00Z', true],
    ['its Wednesday', '2026-12-02T09:00:00Z', true],
    ['its last minute', '2026-12-06T22:59:00Z', true],
    ['its end', '2026-12-06T23:00:00Z', false],
    ['the Monday after', '2026-12-07T08:00:00Z', false],
  ])('at %s (%s): in progress %s', (_name, now, expected) => {
    expect(isWeekInProgress(WEEK, new Date(now))).toBe(expected);
  });

  it('names its end in the newsletter time zone', () => {
    expect(weekEndLabel(WEEK, ZONE)).toBe('Mon, Dec 7, 2026, 00:00 (Europe/Berlin)');
  });

  it('refuses to send before its end, in one line naming --force', () => {
    let caught: unknown;
    try {
      assertWeekEnded(WEEK, new Date('2026-12-02T09:00:00Z'), ZONE, false);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DigestError);
    const error = caught as DigestError;
    expect(error.code).toBe('WEEK_IN_PROGRESS');
    expect(error.message).toMatch(/^week 2026-W49 has not ended: it ends Mon, Dec 7, 2026, 00:00 \(Europe\/Berlin\)/);
    expect(error.hint).toContain('--force');
    expect(`${error.message} ${error.hint}`).not.toContain('\n');
  });

  it.each([
    ['with --force', '2026-12-02T09:00:00Z', true],
    ['once it has ended', '2026-12-07T08:00:00Z', false],
  ])('lets a send go %s', (_name, now, force) => {
    expect(() => assertWeekEnded(WEEK, new Date(now), ZONE, force)).not.toThrow();
  });
});
