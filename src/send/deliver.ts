import {
  deliveryCounts,
  enqueueAudience,
  listFailures,
  markFailed,
  markSending,
  markSent,
  pageUnsentDeliveries,
  type DeliveryFailure,
} from '../store/deliveries.js';
import type { Store } from '../store/db.js';
import type { Clock, OutgoingMessage, Subscriber } from '../types.js';
import { describeSendError, type Transport } from './transport.js';

/** What happened to one recipient, as it happens. */
export type DeliveryEvent =
  | { type: 'sent'; email: string; response: string }
  | { type: 'failed'; email: string; code: string; response: string };

/** Everything the delivery loop needs; side effects come in through these. */
export interface DeliverOptions {
  store: Store;
  issueId: string;
  transport: Transport;
  /** Builds one recipient's message (fresh data per call). */
  messageFor(subscriber: Subscriber): OutgoingMessage;
  clock: Clock;
  /** Rows read from SQLite at a time; keeps memory flat on large lists. */
  pageSize?: number;
  onEvent?(event: DeliveryEvent): void;
}

/** The outcome of one delivery run. */
export interface DeliveryReport {
  issue: string;
  /** Accepted by the server in this run. */
  sentNow: number;
  /** Rejected in this run. */
  failedNow: number;
  /** Totals over every run of this issue. */
  sent: number;
  failed: number;
  pending: number;
  failures: DeliveryFailure[];
  startedAt: string;
  durationMs: number;
}

const DEFAULT_PAGE_SIZE = 500;

/**
 * Stage entry: sends the issue to its audience (the subscribers active when
 * it was first sent), skipping everyone already sent or since unsubscribed.
 * The ledger row moves to `sending` (committed) before each SMTP call and to
 * `sent`/`failed` after, so a rerun skips everyone already sent and a crash
 * can repeat at most the messages that were in flight.
 */
export async function deliverIssue(options: DeliverOptions): Promise<DeliveryReport> {
  const { store, issueId, transport, clock } = options;
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const startedAt = clock.now();
  const started = performance.now();
  // The audience is fixed when an issue is first sent; a resumed run only finishes it.
  if (deliveryCounts(store, issueId).total === 0) enqueueAudience(store, issueId, clock.now());

  let sentNow = 0;
  let failedNow = 0;
  const inFlight = new Set<Promise<void>>();
  const sendOne = async (subscriber: Subscriber): Promise<void> => {
    if (!markSending(store, issueId, subscriber.id, clock.now())) return;
    try {
      const result = await transport.send(options.messageFor(subscriber));
      markSent(store, issueId, subscriber.id, result.messageId, result.response, clock.now());
      sentNow++;
      options.onEvent?.({ type: 'sent', email: subscriber.email, response: result.response });
    } catch (error) {
      const failure = describeSendError(error);
      markFailed(store, issueId, subscriber.id, failure.code, failure.response, clock.now());
      failedNow++;
      options.onEvent?.({ type: 'failed', email: subscriber.email, ...failure });
    }
  };

  let afterId = 0;
  for (;;) {
    const page = pageUnsentDeliveries(store, issueId, afterId, pageSize);
    if (page.length === 0) break;
    for (const { subscriber } of page) {
      afterId = subscriber.id;
      const task = sendOne(subscriber).finally(() => inFlight.delete(task));
      inFlight.add(task);
      if (inFlight.size >= transport.connections) await Promise.race(inFlight);
    }
  }
  await Promise.all(inFlight);

  const counts = deliveryCounts(store, issueId);
  return {
    issue: issueId,
    sentNow,
    failedNow,
    sent: counts.sent,
    failed: counts.failed,
    pending: counts.pending + counts.sending,
    failures: listFailures(store, issueId),
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
  };
}
