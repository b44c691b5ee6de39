import type { Config } from '../config/schema.js';
import type { Store } from '../store/db.js';
import { deleteExpiredSignUps } from '../store/sign-ups.js';
import type { Clock } from '../types.js';
import type { Log } from './log.js';

/** How often `digest serve` looks for expired sign-ups while it runs. */
export const PENDING_CLEANUP_INTERVAL_MS = 3_600_000;

/**
 * Deletes the sign-ups left `pending` whose confirmation link has expired
 * (`subscribe.confirmExpiry` after the last one was mailed): nobody can
 * confirm them any more, and an address nobody confirmed is not kept.
 * Logs the count when there were any; returns it.
 */
export function cleanUpPendingSignUps(store: Store, config: Config, now: Date, log: Log): number {
  const removed = deleteExpiredSignUps(store, now, config.subscribe.confirmExpiry);
  if (removed > 0) {
    log.info(`Deleted ${removed} unconfirmed sign-up${removed === 1 ? '' : 's'} whose confirmation link expired (subscribe.confirmExpiry)`);
  }
  return removed;
}

/**
 * Runs the cleanup now and then every {@link PENDING_CLEANUP_INTERVAL_MS}
 * by `clock` (so `--now` moves the cutoff too) until the returned function
 * is called. A failed round (the database busy with a send) is logged and
 * the next one still runs.
 */
export function startPendingCleanup(store: Store, config: Config, clock: Clock, log: Log): () => void {
  const round = (): void => {
    try {
      cleanUpPendingSignUps(store, config, clock.now(), log);
    } catch (error) {
      log.warn(`cleaning up unconfirmed sign-ups failed (tried again in an hour): ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  round();
  const timer = setInterval(round, PENDING_CLEANUP_INTERVAL_MS);
  // The server keeps the process alive; this timer alone must not.
  timer.unref();
  return () => clearInterval(timer);
}
