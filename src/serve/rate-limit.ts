/**
 * Requests per client in fixed one-window slots (a client can get up to twice
 * the limit across a slot boundary): enough to stop a script hammering the
 * public endpoints, cheap enough to run per request.
 */
export class ClientRateLimiter {
  private readonly hits = new Map<string, { windowStart: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when the client may make another request now. */
  allow(client: string): boolean {
    const now = this.now();
    const entry = this.hits.get(client);
    if (!entry || now - entry.windowStart >= this.windowMs) {
      if (this.hits.size > 10_000) this.sweep(now);
      this.hits.set(client, { windowStart: now, count: 1 });
      return true;
    }
    entry.count++;
    return entry.count <= this.limit;
  }

  /** Seconds until `client` may try again. */
  retryAfter(client: string): number {
    const entry = this.hits.get(client);
    return entry ? Math.max(1, Math.ceil((entry.windowStart + this.windowMs - this.now()) / 1000)) : 1;
  }

  private sweep(now: number): void {
    for (const [client, entry] of this.hits) if (now - entry.windowStart >= this.windowMs) this.hits.delete(client);
  }
}
