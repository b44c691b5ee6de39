import { expect, it } from 'vitest';
import { DigestError } from '../../src/errors.js';
import { SharedRateLimit } from '../../src/send/shared-rate-limit.js';
import { describeWithRedis, uniqueName } from '../helpers/services.js';

/** The largest number of timestamps (ms) inside any window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describeWithRedis('shared rate limit on real Redis', (url) => {
  it('lets at most `rate` through in any sliding second across three limiters', async () => {
    const key = uniqueName('rate');
    const rate = 50;
    const durationMs = 3000;
    const limiters = [0, 1, 2].map(() => new SharedRateLimit(url, key, rate));
    const times: number[] = [];
    const until = Date.now() + durationMs;
    try {
      await Promise.all(
        limiters.map(async (limiter) => {
          while (Date.now() < until) {
            await limiter.take();
            times.push(Date.now());
          }
        }),
      );
    } finally {
      await Promise.all(limiters.map((limiter) => limiter.close()));
    }
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(rate + 1);
    expect(times.length).toBeGreaterThanOrEqual(0.6 * rate * (durationMs / 1000));
  });

  it('names the URL and QUEUE_URL when Redis cannot be reached', async () => {
    const limiter = new SharedRateLimit('redis://127.0.0.1:1', uniqueName('down'), 5);
    try {
      const error = await limiter.take().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DigestError);
      expect((error as DigestError).message).toContain('redis://127.0.0.1:1');
      expect((error as DigestError).hint).toContain('QUEUE_URL');
    } finally {
      await limiter.close();
    }
  });
});
