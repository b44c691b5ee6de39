import type { Subscriber, SubscriberStatus } from '../types.js';
import { DigestError, ErrorCodes } from '../errors.js';
import { statementCache, type Store } from './db.js';

/**
 * Where one (issue, subscriber) message stands. `sending` is written and
 * committed before the SMTP call, so after a crash it means "may or may not
 * have gone out".
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** One row of the ledger. */
export interface DeliveryRecord {
  issueId: string;
  subscriberId: number;
  status: DeliveryStatus;
  messageId: string | null;
  attempts: number;
  lastCode: string | null;
  lastResponse: string | null;
  updatedAt: Date;
}

/** Deliveries of one issue by status. */
export interface DeliveryCounts {
  pending: number;
  sending: number;
  sent: number;
  failed: number;
  total: number;
}

/** A failed delivery with what the server said. */
export interface DeliveryFailure {
  email: string;
  code: string | null;
  response: string | null;
}

/** A delivery still to do, with its (active) subscriber; `failed` ones failed only temporarily. */
export interface UnsentDelivery {
  subscriber: Subscriber;
  status: 'pending' | 'sending' | 'failed';
  attempts: number;
}

interface DeliveryRow {
  issue_id: string;
  subscriber_id: number;
  status: DeliveryStatus;
  message_id: string | null;
  attempts: number;
  last_code: string | null;
  last_response: string | null;
  updated_at: string;
}

interface UnsentRow {
  id: number;
  email: string;
  name: string | null;
  subscriber_status: SubscriberStatus;
  status: 'pending' | 'sending' | 'failed';
  attempts: number;
}

type Key = [issueId: string, subscriberId: number];

const statements = statementCache((db) => ({
  issueExists: db.prepare<[string], number>(`SELECT 1 FROM issues WHERE id = ?`).pluck(),
  ensure: db.prepare<[string, number, string]>(
    `INSERT OR IGNORE INTO deliveries (issue_id, subscriber_id, status, updated_at) VALUES (?, ?, 'pending', ?)`,
  ),
  enqueueAudience: db.prepare<[string, string]>(
    `INSERT OR IGNORE INTO deliveries (issue_id, subscriber_id, status, updated_at)
     SELECT ?, id, 'pending', ? FROM subscribers WHERE status = 'active'`,
  ),
  sending: db.prepare<[string, ...Key]>(
    `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, updated_at = ?
      WHERE issue_id = ? AND subscriber_id = ? AND status <> 'sent'`,
  ),
  sent: db.prepare<[string | null, string | null, string, ...Key]>(
    `UPDATE deliveries SET status = 'sent', message_id = ?, last_code = NULL, last_response = ?, updated_at = ?
      WHERE issue_id = ? AND subscriber_id = ?`,
  ),
  failed: db.prepare<{ code: string | null; response: string | null; now: string; issue: string; id: number }>(
    `UPDATE deliveries SET status = 'failed', last_code = :code, last_response = :response, updated_at = :now,
            permanent = CASE WHEN :code LIKE '5__' THEN 1 ELSE 0 END
      WHERE issue_id = :issue AND subscriber_id = :id AND status <> 'sent'`,
  ),
  get: db.prepare<Key, DeliveryRow>(`SELECT * FROM deliveries WHERE issue_id = ? AND subscriber_id = ?`),
  counts: db.prepare<[string], { status: DeliveryStatus; n: number }>(
    `SELECT status, count(*) AS n FROM deliveries WHERE issue_id = ? GROUP BY status`,
  ),
  retryable: db
    .prepare<[string], number>(`SELECT count(*) FROM deliveries WHERE issue_id = ? AND status = 'failed' AND permanent = 0`)
    .pluck(),
  failures: db.prepare<[string], DeliveryFailure>(
    `SELECT s.email, d.last_code AS code, d.last_response AS response
       FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
      WHERE d.issue_id = ? AND d.status = 'failed'
      ORDER BY d.subscriber_id`,
  ),
  unsent: db.prepare<[string, number, number], UnsentRow>(
    `SELECT s.id, s.email, s.name, s.status AS subscriber_status, d.status, d.attempts
       FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
      WHERE d.issue_id = ? AND d.subscriber_id > ? AND s.status = 'active'
        AND (d.status IN ('pending', 'sending') OR (d.status = 'failed' AND d.permanent = 0))
      ORDER BY d.subscriber_id
      LIMIT ?`,
  ),
}));

/**
 * Explains why an update touched no row: the delivery is missing (a caller
 * bug: {@link ensureDeliveries} first) or already sent.
 */
function unchangedError(store: Store, issueId: string, subscriberId: number, action: string): DigestError {
  const row = statements(store).get.get(issueId, subscriberId);
  const why = row === undefined ? 'there is no such delivery' : `it is already ${row.status}`;
  return new DigestError(
    ErrorCodes.STORE_FAILED,
    `cannot ${action} issue ${issueId} for subscriber ${subscriberId}: ${why}`,
    { hint: 'this is a bug in the send loop; run again with DEBUG=1 and report it' },
  );
}

/**
 * Adds a `pending` delivery for each subscriber that has none yet, in one
 * transaction; existing rows keep their status. Returns how many were added.
 *
 * @throws DigestError ISSUE_NOT_BUILT when the issue is not stored.
 */
export function ensureDeliveries(store: Store, issueId: string, subscriberIds: readonly number[], now: Date): number {
  const s = statements(store);
  const stamp = now.toISOString();
  if (s.issueExists.get(issueId) === undefined) {
    throw new DigestError(ErrorCodes.ISSUE_NOT_BUILT, `issue ${issueId} has not been built`, {
      hint: `run "digest build" for week ${issueId} first`,
    });
  }
  return store.db.transaction((): number => {
    let added = 0;
    for (const subscriberId of subscriberIds) added += s.ensure.run(issueId, subscriberId, stamp).changes;
    return added;
  })();
}

/**
 * Fixes the issue's audience: one `pending` delivery per active subscriber,
 * in a single statement (atomic, and flat in memory at any list size). Only
 * the first send of an issue should call it, so a resumed run neither adds
 * people who subscribed since nor forgets anyone.
 *
 * @returns how many deliveries were added.
 * @throws DigestError ISSUE_NOT_BUILT when the issue is not stored.
 */
export function enqueueAudience(store: Store, issueId: string, now: Date): number {
  const s = statements(store);
  if (s.issueExists.get(issueId) === undefined) {
    throw new DigestError(ErrorCodes.ISSUE_NOT_BUILT, `issue ${issueId} has not been built`, {
      hint: `run "digest build" for week ${issueId} first`,
    });
  }
  return s.enqueueAudience.run(issueId, now.toISOString()).changes;
}

/**
 * Marks a delivery as in flight and counts the attempt. It commits on
 * return, so call it outside any transaction and before handing the message
 * to SMTP: a crash after this point leaves `sending`, never a silent resend.
 * Pending, sending and failed rows move to `sending`; whether a failure is
 * worth retrying is the caller's decision.
 *
 * @returns `false` when the delivery was already sent (skip it).
 * @throws DigestError STORE_FAILED when the delivery does not exist.
 */
export function markSending(store: Store, issueId: string, subscriberId: number, now: Date): boolean {
  if (statements(store).sending.run(now.toISOString(), issueId, subscriberId).changes > 0) return true;
  const row = statements(store).get.get(issueId, subscriberId);
  if (row?.status === 'sent') return false;
  throw unchangedError(store, issueId, subscriberId, 'start sending');
}

/**
 * Records that the server accepted the message.
 *
 * @throws DigestError STORE_FAILED when the delivery does not exist.
 */
export function markSent(
  store: Store,
  issueId: string,
  subscriberId: number,
  messageId: string | null,
  response: string | null,
  now: Date,
): void {
  if (statements(store).sent.run(messageId, response, now.toISOString(), issueId, subscriberId).changes === 0) {
    throw unchangedError(store, issueId, subscriberId, 'mark as sent');
  }
}

/**
 * Records a failed attempt with the SMTP code (or error code) and response;
 * a 5xx code makes the failure permanent (later runs do not retry it).
 *
 * @throws DigestError STORE_FAILED when the delivery does not exist or was already sent.
 */
export function markFailed(
  store: Store,
  issueId: string,
  subscriberId: number,
  code: string | null,
  response: string | null,
  now: Date,
): void {
  if (statements(store).failed.run({ code, response, now: now.toISOString(), issue: issueId, id: subscriberId }).changes === 0) {
    throw unchangedError(store, issueId, subscriberId, 'mark as failed');
  }
}

/** Whether some deliveries of the issue failed only temporarily (a rerun retries them). */
export function hasRetryableFailures(store: Store, issueId: string): boolean {
  return (statements(store).retryable.get(issueId) ?? 0) > 0;
}

/** One delivery, or `undefined` when there is none for this pair. */
export function getDelivery(store: Store, issueId: string, subscriberId: number): DeliveryRecord | undefined {
  const row = statements(store).get.get(issueId, subscriberId);
  if (row === undefined) return undefined;
  return {
    issueId: row.issue_id,
    subscriberId: row.subscriber_id,
    status: row.status,
    messageId: row.message_id,
    attempts: row.attempts,
    lastCode: row.last_code,
    lastResponse: row.last_response,
    updatedAt: new Date(row.updated_at),
  };
}

/** Whether the message for this pair has been accepted by the server. */
export function isSent(store: Store, issueId: string, subscriberId: number): boolean {
  return statements(store).get.get(issueId, subscriberId)?.status === 'sent';
}

/** How many deliveries of the issue are in each status. */
export function deliveryCounts(store: Store, issueId: string): DeliveryCounts {
  const counts: DeliveryCounts = { pending: 0, sending: 0, sent: 0, failed: 0, total: 0 };
  for (const { status, n } of statements(store).counts.all(issueId)) {
    counts[status] = n;
    counts.total += n;
  }
  return counts;
}

/** Failed deliveries of the issue with the last server answer, by subscriber id. */
export function listFailures(store: Store, issueId: string): DeliveryFailure[] {
  return statements(store).failures.all(issueId);
}

/**
 * Up to `limit` deliveries of the issue that are `pending` or `sending`
 * (in flight when an earlier run died) and whose subscriber is still
 * active, with `subscriberId > afterSubscriberId`, by subscriber id. Pass
 * the last subscriber id of one page to get the next (start at 0); an
 * empty page ends. Failed rows are included only when the failure was
 * temporary (a 4xx answer or a dropped connection): a rerun retries them.
 */
export function pageUnsentDeliveries(
  store: Store,
  issueId: string,
  afterSubscriberId: number,
  limit: number,
): UnsentDelivery[] {
  return statements(store)
    .unsent.all(issueId, afterSubscriberId, limit)
    .map((row) => ({
      subscriber: { id: row.id, email: row.email, name: row.name, status: row.subscriber_status },
      status: row.status,
      attempts: row.attempts,
    }));
}
