import { describe, expect, it } from 'vitest';
import { DailyCap } from '../../../src/send/daily-cap.js';
import { startOfLocalDay, startOfNextLocalDay } from '../../../src/send/local-day.js';

/** A fixed clock that only moves when the cap sleeps; `sent` plays the ledger. */
function setup(options: { cap: number; now: string; zone: string; sentBefore?: string[] }) {
  let now = new Date(options.now).getTime();
  const sent = (options.sentBefore ?? []).map((instant) => new Date(instant).getTime());
  const log: string[] = [];
  const counts: string[] = [];
  const cap = new DailyCap({
    cap: options.cap,
    clock: { now: () => new Date(now) },
    startOfDay: (instant) => startOfLocalDay(instant, options.zone),
    nextDay: (instant) => startOfNextLocalDay(instant, options.zone),
    countSentSince: (since) => {
      counts.push(since.toISOString());
      return sent.filter((at) => at >= since.getTime()).length;
    },
    sleep: async (ms) => {
      log.push(`sleep ${ms / 3_600_000}h`);
      now += ms;
    },
    onPause: ({ until, sentToday }) => log.push(`pause until ${until} (${sentToday} today)`),
    onResume: () => log.push('resume'),
  });
  const send = () => {
    cap.recordSent();
    sent.push(now);
  };
  return { cap, log, counts, send, now: () => new Date(now).toISOString() };
}

describe('DailyCap', () => {
  it('never waits nor reads the ledger when the cap is 0 (unlimited)', async () => {
    const run = setup({ cap: 0, now: '2026-11-30T08:00:00Z', zone: 'UTC', sentBefore: ['2026-11-30T07:00:00Z'] });
    for (let i = 0; i < 5; i++) {
      await run.cap.wait();
      run.send();
    }
    expect(run.log).toEqual([]);
    expect(run.counts).toEqual([]);
  });

  it('counts what was sent earlier today over all issues, and pauses until the next local day', async () => {
    const run = setup({
      cap: 3,
      now: '2026-11-30T08:00:00Z',
      zone: 'Europe/Berlin',
      sentBefore: ['2026-11-29T22:59:00Z', '2026-11-29T23:30:00Z', '2026-11-30T07:00:00Z'],
    });
    // 22:59Z is 23:59 on the day before in Berlin: only two count.
    expect(run.cap.sent).toBe(2);
    await run.cap.wait();
    run.send();
    await run.cap.wait();
    expect(run.log).toEqual(['pause until 2026-11-30T23:00:00.000Z (3 today)', 'sleep 15h', 'resume']);
    expect(run.now()).toBe('2026-11-30T23:00:00.000Z');
    expect(run.counts).toEqual(['2026-11-29T23:00:00.000Z', '2026-11-30T23:00:00.000Z']);
    expect(run.cap.sent).toBe(0);
  });

  it.each([
    // zone, now (the cap is reached then), when the next day starts, hours slept
    ['Europe/Berlin', '2026-03-29T12:00:00Z', '2026-03-29T22:00:00.000Z', 10],
    ['Europe/Berlin', '2026-10-25T12:00:00Z', '2026-10-25T23:00:00.000Z', 11],
    ['America/New_York', '2026-03-08T17:00:00Z', '2026-03-09T04:00:00.000Z', 11],
    ['America/New_York', '2026-11-01T17:00:00Z', '2026-11-02T05:00:00.000Z', 12],
  ])('%s at %s: a cap reached on a DST day resumes at %s, %dh later', async (zone, now, until, hours) => {
    const run = setup({ cap: 1, now, zone });
    await run.cap.wait();
    run.send();
    await run.cap.wait();
    expect(run.log).toEqual([`pause until ${until} (1 today)`, `sleep ${hours}h`, 'resume']);
    expect(run.now()).toBe(until);
  });

  it('on the 25-hour day, a message sent in the repeated hour still counts for that day', async () => {
    // 00:30Z and 01:30Z are both 02:30 in Berlin on 2026-10-25 (CEST, then CET).
    const run = setup({ cap: 2, now: '2026-10-25T01:30:00Z', zone: 'Europe/Berlin', sentBefore: ['2026-10-25T00:30:00Z'] });
    expect(run.cap.sent).toBe(1);
    await run.cap.wait();
    run.send();
    await run.cap.wait();
    expect(run.log[0]).toBe('pause until 2026-10-25T23:00:00.000Z (2 today)');
  });

  it('returns at once when the run is stopped, even over the cap', async () => {
    const run = setup({ cap: 1, now: '2026-11-30T08:00:00Z', zone: 'UTC', sentBefore: ['2026-11-30T07:00:00Z'] });
    const stop = new AbortController();
    stop.abort();
    await run.cap.wait(stop.signal);
    expect(run.log).toEqual([]);
  });
});
