import { Cron } from 'croner';
import type { Clock } from '../types.js';

/** The next `count` run times of a cron pattern in a time zone, after `from`. */
export function nextRuns(pattern: string, timeZone: string, from: Date, count: number): Date[] {
  const cron = new Cron(pattern, { timezone: timeZone, paused: true });
  const runs: Date[] = [];
  let cursor = from;
  for (let i = 0; i < count; i++) {
    const next = cron.nextRun(cursor);
    if (!next) break;
    runs.push(next);
    cursor = next;
  }
  cron.stop();
  return runs;
}

/** Options of the scheduler loop. */
export interface ScheduleOptions {
  pattern: string;
  timeZone: string;
  clock: Clock;
  /** The job; the loop awaits it, so two runs never overlap. */
  job(scheduledFor: Date): Promise<void>;
  onNext?(next: Date): void;
  signal?: AbortSignal;
}

// setTimeout cannot wait longer than 2^31-1 ms (~24.8 days).
const MAX_TIMER_MS = 2 ** 31 - 1;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.min(ms, MAX_TIMER_MS));
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Stage entry: runs `job` at every occurrence of the cron pattern in the
 * newsletter's time zone, one at a time, until `signal` aborts. Reads time
 * from `clock`, so `--now` shifts the schedule too.
 */
export async function runSchedule(options: ScheduleOptions): Promise<void> {
  const { clock, signal } = options;
  while (!signal?.aborted) {
    const [next] = nextRuns(options.pattern, options.timeZone, clock.now(), 1);
    if (!next) return;
    options.onNext?.(next);
    while (!signal?.aborted && clock.now() < next) await sleep(next.getTime() - clock.now().getTime(), signal);
    if (signal?.aborted) return;
    await options.job(next);
  }
}
