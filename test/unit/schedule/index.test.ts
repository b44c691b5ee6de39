import { describe, expect, it } from 'vitest';
import { nextRuns, runSchedule } from '../../../src/schedule/index.js';
import type { Clock } from '../../../src/types.js';

const DEFAULT_PATTERN = '0 8 * * 1';

function iso(dates: Date[]): string[] {
  return dates.map((date) => date.toISOString());
}

/** Weekday and HH:mm of an instant as seen in `timeZone`. */
function localTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

describe('nextRuns', () => {
  it.each([
    [
      'Berlin across the spring-forward change (2026-03-29)',
      DEFAULT_PATTERN,
      'Europe/Berlin',
      '2026-03-20T00:00:00.000Z',
      ['2026-03-23T07:00:00.000Z', '2026-03-30T06:00:00.000Z', '2026-04-06T06:00:00.000Z'],
    ],
    [
      'Berlin across the fall-back change (2026-10-25)',
      DEFAULT_PATTERN,
      'Europe/Berlin',
      '2026-10-12T12:00:00.000Z',
      ['2026-10-19T06:00:00.000Z', '2026-10-26T07:00:00.000Z', '2026-11-02T07:00:00.000Z'],
    ],
    [
      'Berlin from exactly a run time: the next run is the following one',
      DEFAULT_PATTERN,
      'Europe/Berlin',
      '2026-03-23T07:00:00.000Z',
      ['2026-03-30T06:00:00.000Z', '2026-04-06T06:00:00.000Z'],
    ],
    [
      'Berlin from 1 ms before a run time',
      DEFAULT_PATTERN,
      'Europe/Berlin',
      '2026-03-23T06:59:59.999Z',
      ['2026-03-23T07:00:00.000Z'],
    ],
    [
      'Berlin from 1 ms after a run time',
      DEFAULT_PATTERN,
      'Europe/Berlin',
      '2026-11-30T07:00:00.001Z',
      ['2026-12-07T07:00:00.000Z'],
    ],
    [
      'New York across the spring-forward change (2026-03-08)',
      DEFAULT_PATTERN,
      'America/New_York',
      '2026-03-01T00:00:00.000Z',
      ['2026-03-02T13:00:00.000Z', '2026-03-09T12:00:00.000Z'],
    ],
    [
      'New York across the fall-back change (2026-11-01)',
      DEFAULT_PATTERN,
      'America/New_York',
      '2026-10-25T00:00:00.000Z',
      ['2026-10-26T12:00:00.000Z', '2026-11-02T13:00:00.000Z'],
    ],
    [
      'New York from exactly a run time',
      DEFAULT_PATTERN,
      'America/New_York',
      '2026-11-02T13:00:00.000Z',
      ['2026-11-09T13:00:00.000Z'],
    ],
    ['UTC', DEFAULT_PATTERN, 'UTC', '2026-11-30T08:00:00.000Z', ['2026-12-07T08:00:00.000Z', '2026-12-14T08:00:00.000Z']],
    [
      'daily 06:30 in Tokyo (no DST)',
      '30 6 * * *',
      'Asia/Tokyo',
      '2026-11-30T00:00:00.000Z',
      ['2026-11-30T21:30:00.000Z', '2026-12-01T21:30:00.000Z'],
    ],
    [
      'the first of the month, across a year end',
      '0 9 1 * *',
      'Europe/Berlin',
      '2026-11-15T00:00:00.000Z',
      ['2026-12-01T08:00:00.000Z', '2027-01-01T08:00:00.000Z'],
    ],
  ])('%s', (_label, pattern, timeZone, from, expected) => {
    expect(iso(nextRuns(pattern, timeZone, new Date(from), expected.length))).toEqual(expected);
  });

  it('runs at 08:00 local every Monday for a whole year in Berlin and New York', () => {
    for (const timeZone of ['Europe/Berlin', 'America/New_York']) {
      const runs = nextRuns(DEFAULT_PATTERN, timeZone, new Date('2026-01-01T00:00:00Z'), 52);
      expect(runs).toHaveLength(52);
      for (const run of runs) expect(localTime(run, timeZone)).toBe('Mon 08:00');
      for (let i = 1; i < runs.length; i++) {
        const hours = ((runs[i]?.getTime() ?? 0) - (runs[i - 1]?.getTime() ?? 0)) / 3_600_000;
        expect([167, 168, 169]).toContain(hours);
      }
    }
  });

  it('returns nothing for a count of 0', () => {
    expect(nextRuns(DEFAULT_PATTERN, 'UTC', new Date('2026-11-30T00:00:00Z'), 0)).toEqual([]);
  });

  it('does not change the from date', () => {
    const from = new Date('2026-11-30T00:00:00Z');
    nextRuns(DEFAULT_PATTERN, 'UTC', from, 3);
    expect(from.toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });
});

/** A clock that runs at real speed from `start` and can be moved forward. */
function movableClock(start: string): Clock & { jumpTo(iso: string): void } {
  let base = new Date(start).getTime();
  let realStart = Date.now();
  return {
    now: () => new Date(base + (Date.now() - realStart)),
    jumpTo: (to) => {
      base = new Date(to).getTime();
      realStart = Date.now();
    },
  };
}

describe('runSchedule', () => {
  it('runs the job at each run time read from the clock, one at a time, until aborted', async () => {
    // 50 ms before Monday 08:00 in Berlin.
    const clock = movableClock('2026-11-30T06:59:59.950Z');
    const controller = new AbortController();
    const announced: string[] = [];
    const ran: { scheduledFor: string; at: Date }[] = [];
    const started = Date.now();
    await runSchedule({
      pattern: DEFAULT_PATTERN,
      timeZone: 'Europe/Berlin',
      clock,
      signal: controller.signal,
      onNext: (next) => announced.push(next.toISOString()),
      job: async (scheduledFor) => {
        ran.push({ scheduledFor: scheduledFor.toISOString(), at: clock.now() });
        if (ran.length === 1) clock.jumpTo('2026-12-07T06:59:59.950Z');
        else controller.abort();
      },
    });
    expect(announced).toEqual(['2026-11-30T07:00:00.000Z', '2026-12-07T07:00:00.000Z']);
    expect(ran.map((run) => run.scheduledFor)).toEqual(announced);
    for (const run of ran) expect(run.at.getTime()).toBeGreaterThanOrEqual(new Date(run.scheduledFor).getTime());
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops while waiting when aborted, without running the job', async () => {
    const clock = movableClock('2026-11-30T00:00:00.000Z');
    const controller = new AbortController();
    const jobs: Date[] = [];
    const nexts: Date[] = [];
    setTimeout(() => controller.abort(), 20);
    await runSchedule({
      pattern: DEFAULT_PATTERN,
      timeZone: 'Europe/Berlin',
      clock,
      signal: controller.signal,
      onNext: (next) => nexts.push(next),
      job: async (scheduledFor) => {
        jobs.push(scheduledFor);
      },
    });
    expect(jobs).toEqual([]);
    expect(iso(nexts)).toEqual(['2026-11-30T07:00:00.000Z']);
  });

  it('returns at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const jobs: Date[] = [];
    await runSchedule({
      pattern: DEFAULT_PATTERN,
      timeZone: 'UTC',
      clock: movableClock('2026-11-30T07:59:59.999Z'),
      signal: controller.signal,
      job: async (scheduledFor) => {
        jobs.push(scheduledFor);
      },
    });
    expect(jobs).toEqual([]);
  });
});
