import { describe, expect, it } from 'vitest';
import { startOfLocalDay, startOfNextLocalDay } from '../../../src/send/local-day.js';

const HOUR = 3_600_000;

describe('startOfLocalDay / startOfNextLocalDay', () => {
  it.each([
    // zone, an instant in the day, the day's start, the next day's start, hours in the day
    ['Europe/Berlin', '2026-03-29T12:00:00Z', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 23],
    ['Europe/Berlin', '2026-10-25T12:00:00Z', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 25],
    ['Europe/Berlin', '2026-11-30T08:00:00Z', '2026-11-29T23:00:00.000Z', '2026-11-30T23:00:00.000Z', 24],
    ['America/New_York', '2026-03-08T17:00:00Z', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z', 23],
    ['America/New_York', '2026-11-01T17:00:00Z', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 25],
    // Cuba's clocks jump at midnight: that day starts at 01:00; the day they fall back has two midnights.
    ['America/Havana', '2026-03-08T17:00:00Z', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z', 23],
    ['America/Havana', '2026-11-01T17:00:00Z', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 25],
    // Lord Howe Island moves by half an hour.
    ['Australia/Lord_Howe', '2026-10-04T03:00:00Z', '2026-10-03T13:30:00.000Z', '2026-10-04T13:00:00.000Z', 23.5],
    ['Asia/Tokyo', '2026-03-29T12:00:00Z', '2026-03-28T15:00:00.000Z', '2026-03-29T15:00:00.000Z', 24],
    ['UTC', '2026-12-31T23:59:59.999Z', '2026-12-31T00:00:00.000Z', '2027-01-01T00:00:00.000Z', 24],
  ])('%s, %s: the day runs from %s to %s (%d hours)', (zone, instant, start, next, hours) => {
    const day = startOfLocalDay(new Date(instant), zone);
    const following = startOfNextLocalDay(new Date(instant), zone);
    expect(day.toISOString()).toBe(start);
    expect(following.toISOString()).toBe(next);
    expect((following.getTime() - day.getTime()) / HOUR).toBe(hours);
  });

  it.each([
    ['Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['Europe/Berlin', '2026-10-25T23:00:00.000Z'],
    ['America/New_York', '2026-11-01T04:00:00.000Z'],
  ])('%s: the first instant of a day starts that day, the one before belongs to the day before', (zone, start) => {
    const first = new Date(start);
    expect(startOfLocalDay(first, zone).toISOString()).toBe(start);
    const last = new Date(first.getTime() - 1);
    expect(startOfNextLocalDay(last, zone).toISOString()).toBe(start);
    expect(startOfLocalDay(last, zone).getTime()).toBeLessThan(first.getTime());
  });
});
