import { getISOWeek, getISOWeekYear } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { parseContentDate } from '../../../src/util/dates.js';
import {
  formatWeekRange,
  isInWeek,
  isValidTimeZone,
  lastCompleteWeek,
  nextWeek,
  parseWeekId,
  previousWeek,
  shiftWeek,
  weekContaining,
  weekIdOf,
  weekWindow,
} from '../../../src/util/week.js';
import { DigestError, ErrorCodes } from '../../../src/errors.js';

const HOUR = 3_600_000;

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function hours(window: { start: Date; end: Date }): number {
  return (window.end.getTime() - window.start.getTime()) / HOUR;
}

describe('parseWeekId', () => {
  it.each([
    ['2026-W01', 2026, 1],
    ['2026-W48', 2026, 48],
    ['2026-W53', 2026, 53],
    ['2020-W53', 2020, 53],
    ['2015-W53', 2015, 53],
    ['2025-W52', 2025, 52],
  ])('reads %s', (id, year, week) => {
    expect(parseWeekId(id)).toEqual({ year, week });
  });

  it.each([
    ['2026-W00', 'week "2026-W00" does not exist: 2026 has 53 ISO weeks'],
    ['2026-W54', 'week "2026-W54" does not exist: 2026 has 53 ISO weeks'],
    ['2025-W53', 'week "2025-W53" does not exist: 2025 has 52 ISO weeks'],
    ['2027-W53', 'week "2027-W53" does not exist: 2027 has 52 ISO weeks'],
    ['2026-W1', 'week "2026-W1" is not a week id'],
    ['2026W01', 'week "2026W01" is not a week id'],
    ['2026-w01', 'week "2026-w01" is not a week id'],
    ['26-W01', 'week "26-W01" is not a week id'],
    ['2026-W01-1', 'week "2026-W01-1" is not a week id'],
    [' 2026-W01', 'week " 2026-W01" is not a week id'],
    ['2026-11', 'week "2026-11" is not a week id'],
    ['', 'week "" is not a week id'],
  ])('rejects %j', (id, message) => {
    const error = thrownBy(() => parseWeekId(id));
    expect(error).toBeInstanceOf(DigestError);
    expect(error).toMatchObject({ code: ErrorCodes.WEEK_INVALID, message, hint: 'use YYYY-Www, e.g. 2026-W48' });
  });
});

describe('weekWindow', () => {
  it.each([
    ['UTC', '2026-W48', '2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z', 168],
    ['UTC', '2026-W01', '2025-12-29T00:00:00.000Z', '2026-01-05T00:00:00.000Z', 168],
    ['UTC', '2020-W53', '2020-12-28T00:00:00.000Z', '2021-01-04T00:00:00.000Z', 168],
    ['Europe/Berlin', '2026-W48', '2026-11-22T23:00:00.000Z', '2026-11-29T23:00:00.000Z', 168],
    ['Europe/Berlin', '2026-W53', '2026-12-27T23:00:00.000Z', '2027-01-03T23:00:00.000Z', 168],
    ['Europe/Berlin', '2026-W13', '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 167],
    ['Europe/Berlin', '2026-W43', '2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 169],
    ['Europe/Berlin', '2026-W44', '2026-10-25T23:00:00.000Z', '2026-11-01T23:00:00.000Z', 168],
    ['America/New_York', '2026-W10', '2026-03-02T05:00:00.000Z', '2026-03-09T04:00:00.000Z', 167],
    ['America/New_York', '2026-W44', '2026-10-26T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 169],
    ['America/New_York', '2026-W48', '2026-11-23T05:00:00.000Z', '2026-11-30T05:00:00.000Z', 168],
    ['Australia/Sydney', '2026-W14', '2026-03-29T13:00:00.000Z', '2026-04-05T14:00:00.000Z', 169],
    ['Australia/Sydney', '2026-W40', '2026-09-27T14:00:00.000Z', '2026-10-04T13:00:00.000Z', 167],
    ['Australia/Sydney', '2026-W48', '2026-11-22T13:00:00.000Z', '2026-11-29T13:00:00.000Z', 168],
    ['Asia/Kolkata', '2026-W48', '2026-11-22T18:30:00.000Z', '2026-11-29T18:30:00.000Z', 168],
    ['Pacific/Chatham', '2026-W48', '2026-11-22T10:15:00.000Z', '2026-11-29T10:15:00.000Z', 168],
    ['Pacific/Chatham', '2026-W01', '2025-12-28T10:15:00.000Z', '2026-01-04T10:15:00.000Z', 168],
    ['Pacific/Chatham', '2026-W14', '2026-03-29T10:15:00.000Z', '2026-04-05T11:15:00.000Z', 169],
    ['Pacific/Chatham', '2026-W39', '2026-09-20T11:15:00.000Z', '2026-09-27T10:15:00.000Z', 167],
    // Monday 2021-03-22 00:00 never happened in Tehran: the week starts at the jump.
    ['Asia/Tehran', '2021-W12', '2021-03-21T20:30:00.000Z', '2021-03-28T19:30:00.000Z', 167],
    ['Asia/Tehran', '2021-W11', '2021-03-14T20:30:00.000Z', '2021-03-21T20:30:00.000Z', 168],
  ])('%s %s is [%s, %s), %i hours', (zone, id, start, end, length) => {
    const window = weekWindow(id, zone);
    expect(window).toEqual({ id, start: new Date(start), end: new Date(end) });
    expect(hours(window)).toBe(length);
  });

  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham'])(
    'tiles the years 2020-2027 in %s without gaps or overlaps',
    (zone) => {
      let week = weekWindow('2020-W01', zone);
      let count = 1;
      while (week.id !== '2027-W52') {
        const next = nextWeek(week, zone);
        expect(next.start).toEqual(week.end);
        expect(weekIdOf(week.start, zone)).toBe(week.id);
        expect(weekIdOf(new Date(week.end.getTime() - 1), zone)).toBe(week.id);
        week = next;
        count += 1;
      }
      // 2020 and 2026 are the long years in 2020-2027.
      expect(count).toBe(8 * 52 + 2);
    },
  );

  it('rejects an unknown time zone', () => {
    const error = thrownBy(() => weekWindow('2026-W48', 'Europe/Berln'));
    expect(error).toBeInstanceOf(DigestError);
    expect(error).toMatchObject({ code: ErrorCodes.CONFIG_INVALID, field: 'timezone' });
  });
});

describe('weekIdOf', () => {
  it.each([
    ['2026-12-31T12:00:00Z', 'UTC', '2026-W53'],
    ['2027-01-01T12:00:00Z', 'UTC', '2026-W53'],
    ['2027-01-03T23:59:59.999Z', 'UTC', '2026-W53'],
    ['2027-01-04T00:00:00Z', 'UTC', '2027-W01'],
    ['2021-01-03T12:00:00Z', 'UTC', '2020-W53'],
    ['2024-12-30T12:00:00Z', 'UTC', '2025-W01'],
    ['2025-12-29T00:00:00Z', 'UTC', '2026-W01'],
    ['2024-12-29T23:59:59.999Z', 'UTC', '2024-W52'],
    // Sunday 23:30 in UTC is Monday in Berlin and still Sunday in New York.
    ['2027-01-03T23:30:00Z', 'Europe/Berlin', '2027-W01'],
    ['2027-01-03T23:30:00Z', 'America/New_York', '2026-W53'],
    ['2026-11-29T20:00:00Z', 'Pacific/Chatham', '2026-W49'],
    ['2026-11-29T18:29:59.999Z', 'Asia/Kolkata', '2026-W48'],
    ['2026-11-29T18:30:00Z', 'Asia/Kolkata', '2026-W49'],
  ])('puts %s in %s into %s', (instant, zone, id) => {
    expect(weekIdOf(new Date(instant), zone)).toBe(id);
  });

  it('agrees with date-fns on every day from 1990 to 2040 (UTC)', () => {
    for (let day = new Date(Date.UTC(1990, 0, 1)); day.getUTCFullYear() <= 2040; day.setUTCDate(day.getUTCDate() + 1)) {
      // Noon on the same calendar day in the host's zone, which date-fns reads.
      const local = new Date(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 12);
      const expected = `${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, '0')}`;
      expect(weekIdOf(day, 'UTC')).toBe(expected);
    }
  });
});

describe('week boundaries for a Berlin newsletter', () => {
  const zone = 'Europe/Berlin';
  const w48 = weekWindow('2026-W48', zone);

  it.each([
    ['Monday 00:00 local, exactly', '2026-11-22T23:00:00.000Z', '2026-W48', true],
    ['1 ms before Monday 00:00', '2026-11-22T22:59:59.999Z', '2026-W47', false],
    ['the last ms of Sunday', '2026-11-29T22:59:59.999Z', '2026-W48', true],
    ['next Monday 00:00', '2026-11-29T23:00:00.000Z', '2026-W49', false],
  ])('%s (%s) is in %s', (_label, instant, id, inW48) => {
    const date = new Date(instant);
    expect(weekIdOf(date, zone)).toBe(id);
    expect(weekContaining(date, zone).id).toBe(id);
    expect(isInWeek(date, w48)).toBe(inW48);
  });

  it.each([
    ['2026-11-29T23:59:59', '2026-W48', true],
    ['2026-11-29', '2026-W48', true],
    ['2026-11-30', '2026-W49', false],
    ['2026-11-23', '2026-W48', true],
    ['2026-11-22T23:59:59.999', '2026-W47', false],
    // 23:30 in New York on Sunday is 05:30 on Monday in Berlin.
    ['2026-11-29T23:30:00-05:00', '2026-W49', false],
    ['2026-11-23T00:30:00+02:00', '2026-W47', false],
    ['2026-11-22T23:00:00Z', '2026-W48', true],
  ])('an article dated %s lands in %s', (value, id, inW48) => {
    const date = parseContentDate(value, zone);
    expect(weekIdOf(date, zone)).toBe(id);
    expect(isInWeek(date, w48)).toBe(inW48);
  });
});

describe('lastCompleteWeek', () => {
  it.each([
    ['Berlin, Monday 00:00 exactly', '2026-11-29T23:00:00.000Z', 'Europe/Berlin', '2026-W48'],
    ['Berlin, 1 ms before Monday 00:00', '2026-11-29T22:59:59.999Z', 'Europe/Berlin', '2026-W47'],
    ['Berlin, Monday 08:00', '2026-11-30T07:00:00.000Z', 'Europe/Berlin', '2026-W48'],
    ['Berlin, Sunday 20:00', '2026-11-29T19:00:00.000Z', 'Europe/Berlin', '2026-W47'],
    ['Berlin, Monday 08:00 after a long year', '2027-01-04T07:00:00.000Z', 'Europe/Berlin', '2026-W53'],
    ['Berlin, Monday 08:00 in the first week of 2026', '2026-01-05T07:00:00.000Z', 'Europe/Berlin', '2026-W01'],
    ['UTC, Monday 08:00 after 2020-W53', '2021-01-04T08:00:00.000Z', 'UTC', '2020-W53'],
    ['UTC, Wednesday 2026-01-01', '2026-01-01T12:00:00.000Z', 'UTC', '2025-W52'],
    ['Berlin, Monday 08:00 after spring-forward', '2026-03-30T06:00:00.000Z', 'Europe/Berlin', '2026-W13'],
    ['Berlin, Monday 08:00 after fall-back', '2026-10-26T07:00:00.000Z', 'Europe/Berlin', '2026-W43'],
    ['New York, Monday 00:00 after fall-back', '2026-11-02T05:00:00.000Z', 'America/New_York', '2026-W44'],
    ['New York, 1 ms before that', '2026-11-02T04:59:59.999Z', 'America/New_York', '2026-W43'],
    ['Sydney, Monday 08:00 after fall-back', '2026-04-05T22:00:00.000Z', 'Australia/Sydney', '2026-W14'],
  ])('%s (%s, %s) -> %s', (_label, now, zone, id) => {
    const nowDate = new Date(now);
    const week = lastCompleteWeek(nowDate, zone);
    expect(week).toEqual(weekWindow(id, zone));
    expect(week.end.getTime()).toBeLessThanOrEqual(nowDate.getTime());
    expect(nextWeek(week, zone).end.getTime()).toBeGreaterThan(nowDate.getTime());
  });
});

describe('shiftWeek, nextWeek, previousWeek', () => {
  it.each([
    ['2026-W48', 0, '2026-W48'],
    ['2026-W48', 1, '2026-W49'],
    ['2026-W53', 1, '2027-W01'],
    ['2027-W01', -1, '2026-W53'],
    ['2020-W53', 1, '2021-W01'],
    ['2026-W01', -1, '2025-W52'],
    ['2026-W48', 5, '2026-W53'],
    ['2026-W48', 6, '2027-W01'],
    ['2026-W48', -52, '2025-W48'],
  ])('%s shifted by %i is %s', (id, n, expected) => {
    expect(shiftWeek(id, n, 'Europe/Berlin')).toEqual(weekWindow(expected, 'Europe/Berlin'));
  });

  it('steps one week either way', () => {
    const week = weekWindow('2026-W53', 'Europe/Berlin');
    expect(nextWeek(week, 'Europe/Berlin').id).toBe('2027-W01');
    expect(previousWeek(week, 'Europe/Berlin').id).toBe('2026-W52');
  });

  it('refuses a fractional shift', () => {
    expect(() => shiftWeek('2026-W48', 0.5, 'UTC')).toThrow(RangeError);
  });
});

describe('formatWeekRange', () => {
  it.each([
    ['2026-W48', 'Europe/Berlin', 'Nov 23 – 29, 2026'],
    ['2026-W49', 'Europe/Berlin', 'Nov 30 – Dec 6, 2026'],
    ['2026-W53', 'Europe/Berlin', 'Dec 28, 2026 – Jan 3, 2027'],
    ['2026-W01', 'UTC', 'Dec 29, 2025 – Jan 4, 2026'],
    ['2026-W13', 'Europe/Berlin', 'Mar 23 – 29, 2026'],
    ['2026-W43', 'Europe/Berlin', 'Oct 19 – 25, 2026'],
    ['2026-W44', 'America/New_York', 'Oct 26 – Nov 1, 2026'],
    ['2026-W48', 'Pacific/Chatham', 'Nov 23 – 29, 2026'],
    ['2026-W36', 'Asia/Kolkata', 'Aug 31 – Sep 6, 2026'],
    ['2021-W12', 'Asia/Tehran', 'Mar 22 – 28, 2021'],
  ])('%s in %s reads %j', (id, zone, expected) => {
    expect(formatWeekRange(weekWindow(id, zone), zone)).toBe(expected);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Europe/Berlin', true],
    ['UTC', true],
    ['Asia/Kolkata', true],
    ['Pacific/Chatham', true],
    ['Europe/Berln', false],
    ['', false],
    ['+01:00', false],
    ['Berlin+0100', false],
    ['constructor', false],
  ])('%j -> %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});
