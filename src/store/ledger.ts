import { statementCache, type Store } from './db.js';

/** How one delivery attempt ended. */
export type DeliveryOutcome =
  | { subscriberId: number; status: 'sent'; messageId: string | null; response: string | null }
  | {
      subscriberId: number;
      status: 'failed';
      code: string | null;
      response: string | null;
      /** A 5xx answer: not retried by later runs. */
      permanent: boolean;
      /** The server refused the recipient's address: counts towards `bounced`. */
      hardBounce: boolean;
    };

const statements = statementCache((db) => ({
  // Only while the subscriber is still active; when this changes nothing, `skip` tells a
  // subscriber who left after the audience was fixed from a delivery already done.
  claim: db.prepare<{ issue: string; id: number; now: string }>(
    `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, updated_at = :now
      WHERE issue_id = :issue AND subscriber_id = :id AND status NOT IN ('sent', 'skipped')
        AND (SELECT status FROM subscribers WHERE id = :id) = 'active'`,
  ),
  skip: db.prepare<{ issue: string; id: number; now: string }>(
    `UPDATE deliveries SET status = 'skipped', updated_at = :now
      WHERE issue_id = :issue AND subscriber_id = :id AND status NOT IN ('sent', 'skipped')`,
  ),
  sent: db.prepare<{ issue: string; id: number; now: string; messageId: string | null; response: string | null }>(
    `UPDATE deliveries SET status = 'sent', message_id = :messageId, last_code = NULL, last_response = :response,
            permanent = 0, updated_at = :now
      WHERE issue_id = :issue AND subscriber_id = :id`,
  ),
  failed: db.prepare<{ issue: string; id: number; now: string; code: string | null; response: string | null; permanent: number }>(
    `UPDATE deliveries SET status = 'failed', last_code = :code, last_response = :response, permanent = :permanent,
            updated_at = :now
      WHERE issue_id = :issue AND subscriber_id = :id AND status NOT IN ('sent', 'skipped')`,
  ),
  bounce: db.prepare<{ id: number; now: string; threshold: number }>(
    `UPDATE subscribers SET bounce_count = bounce_count + 1, updated_at = :now,
            status = CASE WHEN status = 'active' AND bounce_count + 1 >= :threshold THEN 'bounced' ELSE status END
      WHERE id = :id`,
  ),
  sentSince: db
    .prepare<[string], number>(`SELECT count(*) FROM deliveries WHERE status = 'sent' AND updated_at >= ?`)
    .pluck(),
}));

/**
 * Moves a batch of deliveries to `sending` (one more attempt each) in one
 * transaction, before any of them is handed to SMTP: a crash after this
 * point leaves `sending`, never a silent resend. Pending, sending and failed
 * rows are claimed; whether a failure is worth retrying is the caller's
 * decision (`pageUnsentDeliveries` leaves permanent ones out). A delivery
 * whose subscriber is no longer active becomes `skipped` instead.
 *
 * @returns the ids actually claimed (deliveries already sent or skipped are not).
 */
export function claimDeliveries(store: Store, issueId: string, subscriberIds: readonly number[], now: Date): number[] {
  return writeLedger(store, issueId, { claims: subscriberIds, outcomes: [] }, now, 1).claimed;
}

/** What the claims of one {@link writeLedger} call did. */
export interface ClaimResult {
  /** Now `sending`: hand these to SMTP. */
  claimed: number[];
  /** Now `skipped`: their subscriber left after the audience was fixed. */
  skipped: number[];
}

/**
 * Records a batch of outcomes in one transaction (one disk sync for many
 * messages), counting hard bounces towards marking the subscriber `bounced`.
 * A `failed` outcome never overwrites a delivery that is already `sent`.
 */
export function recordOutcomes(
  store: Store,
  issueId: string,
  outcomes: readonly DeliveryOutcome[],
  now: Date,
  bounceThreshold: number,
): void {
  writeLedger(store, issueId, { claims: [], outcomes }, now, bounceThreshold);
}

/**
 * Outcomes and claims in one transaction: the sender records what a
 * connection just sent and claims its next message with a single disk sync.
 * Each claim checks the subscriber's status at that moment: one who left
 * since the audience was fixed is marked `skipped` (done, not sent).
 */
export function writeLedger(
  store: Store,
  issueId: string,
  writes: { claims: readonly number[]; outcomes: readonly DeliveryOutcome[] },
  now: Date,
  bounceThreshold: number,
): ClaimResult {
  if (writes.claims.length === 0 && writes.outcomes.length === 0) return { claimed: [], skipped: [] };
  const s = statements(store);
  const stamp = now.toISOString();
  return store.db.transaction(() => {
    for (const outcome of writes.outcomes) {
      const key = { issue: issueId, id: outcome.subscriberId, now: stamp };
      if (outcome.status === 'sent') {
        s.sent.run({ ...key, messageId: outcome.messageId, response: outcome.response });
        continue;
      }
      s.failed.run({ ...key, code: outcome.code, response: outcome.response, permanent: outcome.permanent ? 1 : 0 });
      if (outcome.hardBounce) s.bounce.run({ id: outcome.subscriberId, now: stamp, threshold: bounceThreshold });
    }
    const result: ClaimResult = { claimed: [], skipped: [] };
    for (const id of writes.claims) {
      const key = { issue: issueId, id, now: stamp };
      if (s.claim.run(key).changes > 0) result.claimed.push(id);
      else if (s.skip.run(key).changes > 0) result.skipped.push(id);
    }
    return result;
  })();
}

/** Messages accepted since `since`, over all issues (for the daily cap). */
export function countSentSince(store: Store, since: Date): number {
  return statements(store).sentSince.get(since.toISOString()) ?? 0;
}
