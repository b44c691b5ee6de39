/**
 * A token bucket shared by every connection: at most `rate` messages per
 * second overall, with bursts of at most `burst`. nodemailer's own
 * `rateLimit` counts per connection, so N connections would send N times
 * the rate.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly rate: number,
    private readonly burst: number = Math.max(1, Math.min(rate, 10)),
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.tokens = this.burst;
    this.last = this.now();
  }

  /** Waits for a token; callers are served in order. A rate of 0 means unlimited. */
  take(): Promise<void> {
    if (this.rate <= 0) return Promise.resolve();
    const turn = this.queue.then(() => this.waitForToken());
    this.queue = turn;
    return turn;
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      const now = this.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
      this.last = now;
      // The epsilon absorbs float rounding: without it a refill of 0.9999999 would wait ~0 ms forever.
      if (this.tokens >= 1 - 1e-9) {
        this.tokens = Math.max(0, this.tokens - 1);
        return;
      }
      await this.sleep(((1 - this.tokens) / this.rate) * 1000);
    }
  }
}
