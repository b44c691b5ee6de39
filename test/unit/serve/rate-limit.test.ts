import { describe, expect, it } from 'vitest';
import { ClientRateLimiter } from '../../../src/serve/rate-limit.js';

const MINUTE = 60_000;

/** A limiter of `limit` requests per minute on a clock the test moves by hand. */
function limiter(limit: number) {
  const clock = { now: 1_000_000 };
  const limiter = new ClientRateLimiter(limit, MINUTE, () => clock.now);
  return { limiter, clock };
}

function attempts(rateLimiter: ClientRateLimiter, client: string, count: number): boolean[] {
  return Array.from({ length: count }, () => rateLimiter.allow(client));
}

describe('ClientRateLimiter', () => {
  it('allows `limit` requests in a window and refuses the next ones', () => {
    const { limiter: rate } = limiter(5);
    expect(attempts(rate, '203.0.113.7', 7)).toEqual([true, true, true, true, true, false, false]);
  });

  it('counts each client on its own', () => {
    const { limiter: rate } = limiter(2);
    expect(attempts(rate, 'a', 3)).toEqual([true, true, false]);
    expect(attempts(rate, 'b', 2)).toEqual([true, true]);
    expect(rate.allow('a')).toBe(false);
  });

  it('allows again once the window has passed, and not a millisecond before', () => {
    const { limiter: rate, clock } = limiter(1);
    expect(rate.allow('a')).toBe(true);
    clock.now += MINUTE - 1;
    expect(rate.allow('a')).toBe(false);
    clock.now += 1;
    expect(rate.allow('a')).toBe(true);
    expect(rate.allow('a')).toBe(false);
  });

  it('does not extend the window for refused requests', () => {
    const { limiter: rate, clock } = limiter(1);
    rate.allow('a');
    for (let i = 0; i < 50; i++) {
      clock.now += 1000;
      rate.allow('a');
    }
    clock.now += 10_000;
    expect(rate.allow('a')).toBe(true);
  });

  it.each([
    // [ms since the window started, expected Retry-After seconds]
    [0, 60],
    [1, 60],
    [999, 60],
    [1000, 59],
    [30_500, 30],
    [59_001, 1],
    [59_999, 1],
  ])('retryAfter %i ms into the window is %i s (rounded up, never 0)', (elapsed, seconds) => {
    const { limiter: rate, clock } = limiter(1);
    rate.allow('a');
    rate.allow('a');
    clock.now += elapsed;
    expect(rate.retryAfter('a')).toBe(seconds);
  });

  it('says 1 s for a client it has not seen', () => {
    const { limiter: rate } = limiter(1);
    expect(rate.retryAfter('never-seen')).toBe(1);
  });

  it('keeps working for old and new clients after sweeping more than 10,000 expired clients', () => {
    const { limiter: rate, clock } = limiter(1);
    for (let i = 0; i <= 10_001; i++) rate.allow(`old-${i}`);
    expect(rate.allow('recent')).toBe(true);
    clock.now += MINUTE;
    // This new client triggers the sweep of every expired entry.
    expect(rate.allow('new')).toBe(true);
    expect(rate.allow('new')).toBe(false);
    expect(rate.allow('old-1')).toBe(true);
    expect(rate.allow('recent')).toBe(true);
  });
});
