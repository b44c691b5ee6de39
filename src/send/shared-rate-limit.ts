import { Redis } from 'ioredis';
import { DigestError, ErrorCodes } from '../errors.js';
import { QUEUE_URL_HINT, redactedUrl, redisOptionsFromUrl } from '../queue/connection.js';

/**
 * A sliding-window log in one sorted set: drop entries older than one second,
 * admit when fewer than `rate` remain, else answer how long until the oldest
 * leaves the window. One script, so check-and-add is atomic across workers;
 * Redis's own TIME, so the workers' clocks do not matter.
 * KEYS[1] = the log, KEYS[2] = a counter for unique members; ARGV[1] = rate.
 * Returns 0 when admitted, else the wait in microseconds.
 */
const SLIDING_WINDOW_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local rate = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 1000000)
if redis.call('ZCARD', KEYS[1]) < rate then
  local n = redis.call('INCR', KEYS[2])
  redis.call('ZADD', KEYS[1], now, now .. '-' .. n)
  redis.call('PEXPIRE', KEYS[1], 2000)
  redis.call('PEXPIRE', KEYS[2], 2000)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + 1000000 - now + 1)
`;

/** Milliseconds to sleep for a script reply in microseconds (0 = admitted). */
export function waitMsFromReply(reply: number): number {
  return reply <= 0 ? 0 : Math.max(1, Math.ceil(reply / 1000));
}

type WithTake = Redis & { digestTake(log: string, counter: string, rate: number): Promise<number> };

/**
 * At most `rate` messages in any sliding second across every process that
 * shares `key` on the same Redis; the same `take()` as {@link TokenBucket}.
 */
export class SharedRateLimit {
  private readonly redis: WithTake;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly key: string,
    private readonly rate: number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    // A bounded retry count: a rate limit that cannot reach Redis must fail the send, not hang it.
    this.redis = new Redis({ ...redisOptionsFromUrl(url), maxRetriesPerRequest: 3, lazyConnect: true }) as WithTake;
    this.redis.defineCommand('digestTake', { numberOfKeys: 2, lua: SLIDING_WINDOW_LUA });
    // Errors surface on the command that failed; without a listener ioredis would log each one.
    this.redis.on('error', () => undefined);
  }

  /** Waits for a slot; callers in this process are served in order. A rate of 0 means unlimited. */
  take(): Promise<void> {
    if (this.rate <= 0) return Promise.resolve();
    const turn = this.queue.then(() => this.waitForSlot());
    // A failed take must not poison the turns after it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Closes the connection to Redis. */
  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      let reply: number;
      try {
        reply = await this.redis.digestTake(`${this.key}:log`, `${this.key}:seq`, this.rate);
      } catch (cause) {
        throw new DigestError(ErrorCodes.QUEUE_UNAVAILABLE, `cannot reach Redis at ${redactedUrl(this.url)} for the shared rate limit`, {
          hint: QUEUE_URL_HINT,
          cause,
        });
      }
      const waitMs = waitMsFromReply(reply);
      if (waitMs === 0) return;
      await this.sleep(waitMs);
    }
  }
}
