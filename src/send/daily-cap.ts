import type { Clock } from '../types.js';

/** Settings and effects of a {@link DailyCap}. */
export interface DailyCapOptions {
  /** Messages per local day over all issues; 0 = unlimited. */
  cap: number;
  clock: Clock;
  startOfDay(instant: Date): Date;
  nextDay(instant: Date): Date;
  /** Messages the ledger recorded as sent since an instant, over all issues. */
  countSentSince(since: Date): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  onPause?(pause: { until: string; sentToday: number }): void;
  onResume?(): void;
}

/**
 * The daily cap: messages accepted since the start of the local day, over
 * all issues (counted from the ledger at the start and at each new day, then
 * kept in memory). When the cap is reached, {@link wait} sleeps until the
 * next local day starts.
 */
export class DailyCap {
  private day: Date;
  private sentToday: number;

  constructor(private readonly options: DailyCapOptions) {
    this.day = options.startOfDay(options.clock.now());
    this.sentToday = options.cap > 0 ? options.countSentSince(this.day) : 0;
  }

  /** Messages counted against today's cap. */
  get sent(): number {
    return this.sentToday;
  }

  /** Counts one accepted message. */
  recordSent(): void {
    this.sentToday++;
  }

  /** Resolves when another message may go out today (or the run is stopped). */
  async wait(signal?: AbortSignal): Promise<void> {
    const { cap, clock } = this.options;
    if (cap <= 0) return;
    for (;;) {
      const today = this.options.startOfDay(clock.now());
      if (today.getTime() !== this.day.getTime()) {
        this.day = today;
        this.sentToday = this.options.countSentSince(today);
      }
      if (this.sentToday < cap || signal?.aborted) return;
      const until = this.options.nextDay(clock.now());
      this.options.onPause?.({ until: until.toISOString(), sentToday: this.sentToday });
      await this.options.sleep(Math.max(0, until.getTime() - clock.now().getTime()), signal);
      this.options.onResume?.();
    }
  }
}
