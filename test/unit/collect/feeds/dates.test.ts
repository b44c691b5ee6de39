import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../../../src/collect/feeds/dates.js';

describe('parseFeedDate', () => {
  it.each([
    // RFC 822 / 2822 as pubDate should be
    ['Tue, 24 Nov 2026 09:30:00 +0100', '2026-11-24T08:30:00.000Z'],
    ['Tue, 24 Nov 2026 09:30:00 GMT', '2026-11-24T09:30:00.000Z'],
    ['24 Nov 2026 09:30:00 -0000', '2026-11-24T09:30:00.000Z'],
    // zone names and odd offsets
    ['Tue, 24 Nov 2026 10:00:00 EST', '2026-11-24T15:00:00.000Z'],
    ['Tue, 24 Jun 2026 10:00:00 PDT', '2026-06-24T17:00:00.000Z'],
    ['Tue, 24 Nov 2026 10:00:00 CET', '2026-11-24T09:00:00.000Z'],
    ['Tue, 24 Nov 2026 10:00:00 UT', '2026-11-24T10:00:00.000Z'],
    ['Tue, 24 Nov 2026 10:00:00 Z', '2026-11-24T10:00:00.000Z'],
    ['Wed, 25 Nov 2026 10:00 GMT+2', '2026-11-25T08:00:00.000Z'],
    ['Wed, 25 Nov 2026 10:00:00 GMT+02:00', '2026-11-25T08:00:00.000Z'],
    ['Wed, 25 Nov 2026 10:00:00 UTC-5', '2026-11-25T15:00:00.000Z'],
    ['Wed, 25 Nov 2026 10:00:00 +05:30', '2026-11-25T04:30:00.000Z'],
    // missing pieces
    ['Wed, 25 Nov 2026 10:00', '2026-11-25T10:00:00.000Z'],
    ['25 Nov 2026', '2026-11-25T00:00:00.000Z'],
    ['Wed, 25 Nov 26 10:00:00 GMT', '2026-11-25T10:00:00.000Z'],
    ['Thu, 25 Nov 99 10:00:00 GMT', '1999-11-25T10:00:00.000Z'],
    // the day name is wrong (25 Nov 2026 is a Wednesday) or spelled out; it is ignored
    ['Sun, 25 Nov 2026 10:00:00 GMT', '2026-11-25T10:00:00.000Z'],
    ['Wednesday, 25 November 2026 10:00:00 GMT', '2026-11-25T10:00:00.000Z'],
    ['Wed, 25 Sept 2026 10:00:00 GMT', '2026-09-25T10:00:00.000Z'],
    ['  Wed,  25   Nov 2026\n10:00:00 GMT ', '2026-11-25T10:00:00.000Z'],
    // month first, and JavaScript's own toString()
    ['Nov 25, 2026 10:00 EST', '2026-11-25T15:00:00.000Z'],
    ['November 25th, 2026', '2026-11-25T00:00:00.000Z'],
    ['Wed Nov 25 2026 10:00:00 GMT+0100 (Central European Standard Time)', '2026-11-25T09:00:00.000Z'],
    // ISO 8601
    ['2026-11-25T10:00:00Z', '2026-11-25T10:00:00.000Z'],
    ['2026-11-25T10:00:00.123+01:00', '2026-11-25T09:00:00.123Z'],
    ['2026-11-25T10:00:00-0800', '2026-11-25T18:00:00.000Z'],
    ['2026-11-25T10:00Z', '2026-11-25T10:00:00.000Z'],
    ['2026-11-25 10:00:00', '2026-11-25T10:00:00.000Z'],
    ['2026-11-25', '2026-11-25T00:00:00.000Z'],
    ['2016-12-31T23:59:60Z', '2016-12-31T23:59:59.000Z'],
  ])('%j → %s', (raw, iso) => {
    expect(parseFeedDate(raw)?.toISOString()).toBe(iso);
  });

  it.each([
    // impossible
    'Mon, 31 Feb 2026 10:00:00 GMT',
    '2026-02-29T10:00:00Z',
    '2026-13-01',
    '2026-11-25T25:00:00Z',
    '2026-11-25T10:60:00Z',
    'Wed, 25 Nov 2026 10:00:00 +1900',
    '0001-01-01T00:00:00Z',
    // unreadable
    'sometime last week',
    'Wed, 25 Mayday 2026',
    'Wed, 25 Nov 2026 10:00:00 XYZ',
    'Wed, 25 Nov 2026 10:00:00 EST+5',
    '1732528800',
    '',
    '   ',
    'x'.repeat(500),
    null,
    undefined,
  ])('%j → null', (raw) => {
    expect(parseFeedDate(raw)).toBeNull();
  });

  it('reads 29 February in a leap year', () => {
    expect(parseFeedDate('Tue, 29 Feb 2028 12:00:00 GMT')?.toISOString()).toBe('2028-02-29T12:00:00.000Z');
  });
});
