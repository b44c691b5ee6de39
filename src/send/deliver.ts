import { deliveryCounts, enqueueAudience, listFailures, type DeliveryFailure } from '../store/deliveries.js';
import type { Store } from '../store/db.js';
import type { Clock, OutgoingMessage, Subscriber } from '../types.js';
import { DeliveryRun } from './delivery-run.js';
import type { GateChange } from './server-gate.js';
import type { Transport } from './transport.js';

export { FatalSendError } from './fatal.js';

/** What happens during a delivery run, as it happens (one structured log line each with `--json`). */
export type DeliveryEvent =
  | { type: 'start'; issue: string; total: number; remaining: number; connections: number }
  | { type: 'sent'; email: string; response: string; attempt: number }
  | { type: 'retry'; email: string; code: string; response: string; attempt: number; delayMs: number }
  | { type: 'failed'; email: string; code: string; response: string; permanent: boolean; bounced: boolean }
  /** The subscriber left (unsubscribed, bounced) after the audience was fixed: not sent, done. */
  | { type: 'skipped'; email: string }
  | { type: 'paused'; reason: 'daily cap'; until: string; sentToday: number }
  | { type: 'resumed' }
  | GateChange;

/** Limits and policies of a run (from the `sending` config). */
export interface DeliveryPolicy {
  /** Retries of a temporary failure in this run (so up to retries + 1 attempts). */
  retries: number;
  /** First retry delay; each next one doubles, with jitter. */
  retryDelayMs: number;
  maxRetryDelayMs: number;
  /** Messages per second over all connections; 0 = unlimited. */
  rate: number;
  /** Messages per local day over all issues; 0 = unlimited. */
  dailyCap: number;
  /** Hard bounces after which a subscriber is marked `bounced`. */
  bounceThreshold: number;
  /** Start of the local day containing an instant (the daily cap resets then). */
  startOfDay(instant: Date): Date;
  /** Start of the next local day after an instant. */
  nextDay(instant: Date): Date;
}

/** What the ledger knows of one delivery that a message needs. */
export interface DeliveryKey {
  /** The id the Message-ID carries; stable over every run of the issue. */
  messageKey: string;
  /** The copy the delivery gets: a key of {@link RenderedIssue.copies}; null or absent: the whole issue. */
  sectionsKey?: string | null;
}

/** Everything the delivery loop needs; side effects come in through these. */
export interface DeliverOptions {
  store: Store;
  issueId: string;
  transport: Transport;
  /** Builds one recipient's message (fresh data per call). */
  messageFor(subscriber: Subscriber, delivery: DeliveryKey): OutgoingMessage;
  clock: Clock;
  policy: DeliveryPolicy;
  /** Aborting stops new sends; messages in flight finish and are recorded. */
  signal?: AbortSignal;
  /** Rows read from SQLite at a time; keeps memory flat on large lists. */
  pageSize?: number;
  onEvent?(event: DeliveryEvent): void;
  /** Waits (injectable so tests need not wait out backoffs and daily caps). */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The outcome of one delivery run. */
export interface DeliveryReport {
  issue: string;
  /** Accepted by the server in this run. */
  sentNow: number;
  /** Given up on in this run. */
  failedNow: number;
  /** Skipped in this run: the subscriber left after the audience was fixed. */
  skippedNow: number;
  /** Totals over every run of this issue. */
  sent: number;
  failed: number;
  skipped: number;
  pending: number;
  failures: DeliveryFailure[];
  startedAt: string;
  durationMs: number;
  /** Messages per second in this run. */
  rate: number;
  /** True when the run was stopped (Ctrl-C) before finishing. */
  interrupted: boolean;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Stage entry: sends the issue to its audience (the subscribers active when
 * it was first sent), skipping everyone already sent; a delivery whose
 * subscriber left since becomes `skipped` when it is claimed.
 *
 * Each delivery moves `pending → sending → sent | failed` in SQLite: `sending`
 * is committed right before its SMTP call and the outcome before that
 * connection takes its next message, in group commits shared by all
 * connections (one disk sync per round, not per message). So a crash can
 * repeat at most the messages in flight (one per connection), and a rerun
 * continues where this run stopped.
 *
 * When a connection breaks, fresh messages wait while the retries probe the
 * server; a server that cannot be reached at all stops the run
 * ({@link FatalSendError} `unreachable`) instead of failing the whole list.
 * The parts (claim queue, server gate, daily cap) are in their own modules;
 * {@link DeliveryRun} wires them.
 */
export async function deliverIssue(options: DeliverOptions): Promise<DeliveryReport> {
  const { store, issueId, transport, clock, signal } = options;
  const startedAt = clock.now();
  const started = performance.now();

  if (deliveryCounts(store, issueId).total === 0) enqueueAudience(store, issueId, clock.now());
  const before = deliveryCounts(store, issueId);
  options.onEvent?.({
    type: 'start',
    issue: issueId,
    total: before.total,
    remaining: before.pending + before.sending + before.failed,
    connections: transport.connections,
  });

  const counts = await new DeliveryRun(options, options.sleep ?? defaultSleep).run(transport.connections);

  const after = deliveryCounts(store, issueId);
  const durationMs = Math.round(performance.now() - started);
  return {
    issue: issueId,
    sentNow: counts.sentNow,
    failedNow: counts.failedNow,
    skippedNow: counts.skippedNow,
    sent: after.sent,
    failed: after.failed,
    skipped: after.skipped,
    pending: after.pending + after.sending,
    failures: listFailures(store, issueId),
    startedAt: startedAt.toISOString(),
    durationMs,
    rate: durationMs > 0 ? Math.round((counts.sentNow / durationMs) * 1000 * 10) / 10 : 0,
    interrupted: Boolean(signal?.aborted) && (after.pending + after.sending > 0 || counts.cutRetries > 0),
  };
}
