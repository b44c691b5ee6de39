import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/send/rate-limit.js';

/** A clock that only moves when the bucket sleeps. */
function fakeTime() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms), elapsed: () => now };
}

describe('TokenBucket', () => {
  it('lets a burst through at once, then holds the rate across all callers', async () => {
    const time = fakeTime();
    const bucket = new TokenBucket(10, 5, time.now, time.sleep);
    const stamps: number[] = [];
    // 25 takes from "many connections" at once.
    await Promise.all(Array.from({ length: 25 }, () => bucket.take().then(() => stamps.push(time.elapsed()))));
    expect(stamps.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    // The other 20 come at 10 per second: the last one 2 s after the burst.
    expect(Math.round(stamps[24] ?? 0)).toBe(2000);
    for (let i = 6; i < stamps.length; i++) expect((stamps[i] ?? 0) - (stamps[i - 1] ?? 0)).toBeCloseTo(100, 5);
  });

  it('never exceeds the rate over any one-second window', async () => {
    const time = fakeTime();
    const bucket = new TokenBucket(7, 1, time.now, time.sleep);
    const stamps: number[] = [];
    for (let i = 0; i < 50; i++) {
      await bucket.take();
      stamps.push(time.elapsed());
    }
    // A microsecond of float rounding at the window edge is not a burst.
    for (const start of stamps) expect(stamps.filter((t) => t >= start && t < start + 999.999).length).toBeLessThanOrEqual(7);
  });

  it('does not wait at all with rate 0 (unlimited)', async () => {
    const time = fakeTime();
    const bucket = new TokenBucket(0, 1, time.now, time.sleep);
    await Promise.all(Array.from({ length: 100 }, () => bucket.take()));
    expect(time.elapsed()).toBe(0);
  });
});
