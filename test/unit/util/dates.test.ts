import { afterEach, describe, expect, it } from 'vitest';
import { parseContentDate, parseNow, wallClockOf } from '../../../src/util/dates.js';
import { DigestError, ErrorCodes } from '../../../src/errors.js';

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const CONTENT_HINT = 'use an ISO date like 2026-11-24 or 2026-11-24T09:30';

describe('parseContentDate', () => {
  it.each([
    // date only: 00:00 local
    ['2026-11-24', 'UTC', '2026-11-24T00:00:00.000Z'],
    ['2026-11-24', 'Europe/Berlin', '2026-11-23T23:00:00.000Z'],
    ['2026-11-24', 'America/New_York', '2026-11-24T05:00:00.000Z'],
    ['2026-11-24', 'Asia/Kolkata', '2026-11-23T18:30:00.000Z'],
    ['2026-11-24', 'Pacific/Chatham', '2026-11-23T10:15:00.000Z'],
    ['2024-02-29', 'UTC', '2024-02-29T00:00:00.000Z'],
    ['0099-06-15', 'UTC', '0099-06-15T00:00:00.000Z'],
    ['  2026-11-24  ', 'UTC', '2026-11-24T00:00:00.000Z'],
    // wall-clock date-time in the zone
    ['2026-11-24T09:30', 'Europe/Berlin', '2026-11-24T08:30:00.000Z'],
    ['2026-11-24 09:30', 'Europe/Berlin', '2026-11-24T08:30:00.000Z'],
    ['2026-11-24T09:30:15', 'Europe/Berlin', '2026-11-24T08:30:15.000Z'],
    ['2026-11-24T09:30:15.250', 'Europe/Berlin', '2026-11-24T08:30:15.250Z'],
    ['2026-11-24T09:30:15.5', 'UTC', '2026-11-24T09:30:15.500Z'],
    ['2026-11-24T09:30:15.123456', 'UTC', '2026-11-24T09:30:15.123Z'],
    ['2026-11-24T09:30:15.9999', 'UTC', '2026-11-24T09:30:15.999Z'],
    ['2026-07-01T12:00', 'Europe/Berlin', '2026-07-01T10:00:00.000Z'],
    ['2026-12-31T23:59:59.999', 'Europe/Berlin', '2026-12-31T22:59:59.999Z'],
    // with an offset: an exact instant, whatever the zone
    ['2026-11-24T09:30Z', 'Europe/Berlin', '2026-11-24T09:30:00.000Z'],
    ['2026-11-24T09:30:00+05:30', 'Europe/Berlin', '2026-11-24T04:00:00.000Z'],
    ['2026-11-24T09:30:00-0800', 'Europe/Berlin', '2026-11-24T17:30:00.000Z'],
    ['2026-11-24 09:30+01:00', 'America/New_York', '2026-11-24T08:30:00.000Z'],
    ['2026-11-24T09:30:00.5-00:00', 'Asia/Kolkata', '2026-11-24T09:30:00.500Z'],
  ])('reads %j in %s as %s', (value, zone, expected) => {
    expect(parseContentDate(value, zone).toISOString()).toBe(expected);
  });

  it.each([
    // DST gaps move forward by the gap's length
    ['2026-03-29T02:30', 'Europe/Berlin', '2026-03-29T01:30:00.000Z', '03:30 CEST'],
    ['2026-03-29T02:00', 'Europe/Berlin', '2026-03-29T01:00:00.000Z', '03:00 CEST'],
    ['2026-03-29T01:59:59', 'Europe/Berlin', '2026-03-29T00:59:59.000Z', 'last second of CET'],
    ['2026-03-29T03:00', 'Europe/Berlin', '2026-03-29T01:00:00.000Z', 'first real CEST time'],
    ['2026-03-08T02:30', 'America/New_York', '2026-03-08T07:30:00.000Z', '03:30 EDT'],
    ['2026-10-04T02:30', 'Australia/Sydney', '2026-10-03T16:30:00.000Z', '03:30 AEDT'],
    ['2026-09-27T03:00', 'Pacific/Chatham', '2026-09-26T14:15:00.000Z', '04:00 +13:45'],
    ['2021-03-22', 'Asia/Tehran', '2021-03-21T20:30:00.000Z', 'midnight skipped: 01:00 +04:30'],
    // fall-back overlaps take the earlier instant
    ['2026-10-25T02:30', 'Europe/Berlin', '2026-10-25T00:30:00.000Z', '02:30 CEST, not CET'],
    ['2026-10-25T02:00', 'Europe/Berlin', '2026-10-25T00:00:00.000Z', '02:00 CEST, not CET'],
    ['2026-10-25T01:59', 'Europe/Berlin', '2026-10-24T23:59:00.000Z', 'before the overlap'],
    ['2026-10-25T03:00', 'Europe/Berlin', '2026-10-25T02:00:00.000Z', 'after the overlap'],
    ['2026-11-01T01:30', 'America/New_York', '2026-11-01T05:30:00.000Z', '01:30 EDT, not EST'],
    ['2026-04-05T02:30', 'Australia/Sydney', '2026-04-04T15:30:00.000Z', '02:30 AEDT, not AEST'],
  ])('resolves %s in %s to %s (%s)', (value, zone, expected) => {
    expect(parseContentDate(value, zone).toISOString()).toBe(expected);
  });

  describe('whatever the host time zone is', () => {
    const hostZone = process.env.TZ;
    afterEach(() => {
      if (hostZone === undefined) delete process.env.TZ;
      else process.env.TZ = hostZone;
    });

    it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'])(
      'gives the same instants with TZ=%s',
      (host) => {
        process.env.TZ = host;
        expect(parseContentDate('2026-10-25T02:30', 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
        expect(parseContentDate('2026-04-05T02:30', 'Australia/Sydney').toISOString()).toBe('2026-04-04T15:30:00.000Z');
        expect(parseContentDate('2026-03-29T02:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
      },
    );
  });

  it('takes a Date as the instant it holds, as a copy', () => {
    const input = new Date('2026-11-24T08:30:00.000Z');
    const result = parseContentDate(input, 'America/New_York');
    expect(result.toISOString()).toBe('2026-11-24T08:30:00.000Z');
    expect(result).not.toBe(input);
  });

  it.each([
    ['next tuesday', 'is not an ISO date'],
    ['', 'is not an ISO date'],
    ['2026/11/28', 'is not an ISO date'],
    ['28.11.2026', 'is not an ISO date'],
    ['26-11-28', 'is not an ISO date'],
    ['2026-11-28Z', 'is not an ISO date'],
    ['2026-11-28T12', 'is not an ISO date'],
    ['2026-11-28T9:30', 'is not an ISO date'],
    ['2026-11-28T09:30:00.', 'is not an ISO date'],
    ['2026-11-28T09:30+05', 'is not an ISO date'],
    ['2026-11-28T09:30 Europe/Berlin', 'is not an ISO date'],
    ['2026-13-01', 'is not a calendar date'],
    ['2026-00-10', 'is not a calendar date'],
    ['2026-11-00', 'is not a calendar date'],
    ['2026-02-30', 'is not a calendar date'],
    ['2025-02-29', 'is not a calendar date'],
    ['2026-04-31T10:00', 'is not a calendar date'],
    ['2026-11-28T25:00', 'has a time of day out of range'],
    ['2026-11-28T24:00', 'has a time of day out of range'],
    ['2026-11-28T12:60', 'has a time of day out of range'],
    ['2026-11-28T12:00:60', 'has a time of day out of range'],
    ['2026-11-28T12:00+24:00', 'has a UTC offset out of range'],
    ['2026-11-28T12:00-05:60', 'has a UTC offset out of range'],
  ])('rejects %j (%s)', (value, problem) => {
    const error = thrownBy(() => parseContentDate(value, 'Europe/Berlin'));
    expect(error).toBeInstanceOf(DigestError);
    expect(error).toMatchObject({
      code: ErrorCodes.DATE_INVALID,
      field: 'date',
      hint: CONTENT_HINT,
      message: `${JSON.stringify(value)} ${problem}`,
    });
  });

  it.each([
    [20261128, 'number 20261128 is not a date'],
    [null, 'null is not a date'],
    [undefined, 'undefined is not a date'],
    [true, 'boolean true is not a date'],
    [['2026-11-24'], 'a list is not a date'],
    [{ on: '2026-11-24' }, 'an object is not a date'],
    [new Date(Number.NaN), 'is an invalid Date'],
  ])('rejects the non-string %s', (value, message) => {
    const error = thrownBy(() => parseContentDate(value, 'Europe/Berlin'));
    expect(error).toBeInstanceOf(DigestError);
    expect(error).toMatchObject({ code: ErrorCodes.DATE_INVALID, field: 'date', hint: CONTENT_HINT, message });
  });

  it.each(['Europe/Berln', '+01:00', 'Berlin+0100', 'constructor'])('rejects the unknown zone %j', (zone) => {
    const error = thrownBy(() => parseContentDate('2026-11-24T09:30Z', zone));
    expect(error).toBeInstanceOf(DigestError);
    expect(error).toMatchObject({ code: ErrorCodes.CONFIG_INVALID, field: 'timezone' });
  });
});

describe('parseNow', () => {
  it.each([
    ['2026-11-30T08:00:00', 'Europe/Berlin', '2026-11-30T07:00:00.000Z'],
    ['2026-11-30T08:00', 'America/New_York', '2026-11-30T13:00:00.000Z'],
    ['2026-11-30', 'Europe/Berlin', '2026-11-29T23:00:00.000Z'],
    ['2026-11-30T08:00:00+01:00', undefined, '2026-11-30T07:00:00.000Z'],
    ['2026-11-30T07:00:00Z', undefined, '2026-11-30T07:00:00.000Z'],
    ['2026-11-30T08:00:00+01:00', 'America/New_York', '2026-11-30T07:00:00.000Z'],
  ])('reads %s in %s as %s', (value, zone, expected) => {
    expect(parseNow(value, zone).toISOString()).toBe(expected);
  });

  it.each([
    ['2026-11-30T08:00:00', undefined, '--now "2026-11-30T08:00:00" has no UTC offset and no time zone to read it in'],
    ['tomorrow', 'Europe/Berlin', '--now "tomorrow" is not an ISO date'],
    ['2026-11-31T08:00', 'Europe/Berlin', '--now "2026-11-31T08:00" is not a calendar date'],
  ])('rejects %j in %s', (value, zone, message) => {
    const error = thrownBy(() => parseNow(value, zone));
    expect(error).toBeInstanceOf(DigestError);
    expect(error).toMatchObject({ code: ErrorCodes.DATE_INVALID, field: '--now', message });
  });
});

describe('wallClockOf', () => {
  it.each([
    ['2026-11-22T10:15:00.000Z', 'Pacific/Chatham', [2026, 11, 23, 0, 0]],
    ['2026-10-25T00:30:00.000Z', 'Europe/Berlin', [2026, 10, 25, 2, 30]],
    ['2026-10-25T01:30:00.000Z', 'Europe/Berlin', [2026, 10, 25, 2, 30]],
    ['2026-11-30T04:30:00.000Z', 'America/New_York', [2026, 11, 29, 23, 30]],
  ])('reads %s in %s as %j', (instant, zone, [year, month, day, hour, minute]) => {
    expect(wallClockOf(new Date(instant), zone)).toEqual({ year, month, day, hour, minute, second: 0, millisecond: 0 });
  });
});
