import { describe, expect, it } from 'vitest';
import { parseDateLine, parseLooseDate, toCalendarDate } from '../../../src/import/loose-date.js';

describe('parseLooseDate', () => {
  it.each([
    ['March 3, 2026', '2026-03-03'],
    ['Mar 3 2026', '2026-03-03'],
    ['Sept. 30, 2026', '2026-09-30'],
    ['3 March 2026', '2026-03-03'],
    ['3rd March, 2026', '2026-03-03'],
    ['Tuesday, March 3, 2026', '2026-03-03'],
    ['March 3, 2026 at 9:30 AM', '2026-03-03'],
    ['2026-03-03', '2026-03-03'],
    ['2026-03-03T09:30:00+01:00', '2026-03-03'],
    ['2026/3/3', '2026-03-03'],
    ['February 29, 2028', '2028-02-29'],
    ['February 29, 2026', undefined],
    ['2026-13-01', undefined],
    ['March 2026', undefined],
    ['next tuesday', undefined],
    ['3/4/2026', undefined],
  ])('%j → %j', (text, date) => {
    expect(parseLooseDate(text)).toBe(date);
  });
});

describe('parseDateLine', () => {
  it.each([
    ['Published 2026-03-03', { date: '2026-03-03', kind: 'published' }],
    ['Posted on March 3, 2026', { date: '2026-03-03', kind: 'published' }],
    ['Last updated: 5 March 2026', { date: '2026-03-05', kind: 'updated' }],
    ['Date: 2026-03-03', { date: '2026-03-03', kind: 'published' }],
    ['Published in 2026', undefined],
  ])('%j → %j', (line, expected) => {
    expect(parseDateLine(line)).toEqual(expected);
  });
});

describe('toCalendarDate (machine dates → the date in the newsletter zone)', () => {
  it.each([
    ['2026-03-03', 'Europe/Berlin', '2026-03-03'],
    ['2026-03-03T23:30:00Z', 'Europe/Berlin', '2026-03-04'],
    ['2026-03-03T23:30:00Z', 'UTC', '2026-03-03'],
    ['2026-03-03T09:30', 'Europe/Berlin', '2026-03-03'],
    ['Tue, 03 Mar 2026 23:30:00 GMT', 'Europe/Berlin', '2026-03-04'],
    ['March 3, 2026', 'Europe/Berlin', '2026-03-03'],
    ['soon', 'Europe/Berlin', undefined],
  ])('%j in %s → %j', (value, zone, date) => {
    expect(toCalendarDate(value, zone)).toBe(date);
  });
});
