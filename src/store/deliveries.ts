import type { Subscriber, SubscriberStatus } from '../types.js';
import { DigestError, ErrorCodes } from '../errors.js';
import { statementCache, type Store } from './db.js';

/**
 * Where one (issue, subscriber) message stands. `sending` is written and
 * committed before the SMTP call, so after a crash it means "may or may not
 * have gone out". `skipped`: the subscriber left (unsubscribed, bounced)
 * after the audience was fixed; done, like `sent`.
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** Deliveries of one issue by status. */
export interface DeliveryCounts {
  pending: number;
  sending: number;
  sent: number;
  failed: number;
  skipped: number;
  total: number;
}

/** A failed delivery with what the server said. */
export interface DeliveryFailure {
  email: string;
  code: string | null;
  response: string | null;
}

/** A delivery still to do, with its subscriber; `failed` ones failed only temporarily. */
export interface UnsentDelivery {
  subscriber: Subscriber;
  status: 'pending' | 'sending' | 'failed';
  attempts: number;
  /**
   * The id its Message-ID carries: the subscriber's opaque id, or the row id
   * for deliveries recorded before opaque ids existed (a resumed issue keeps
   * the Message-IDs it started with).
   */
  messageKey: string;
  /** The sections of its copy, fixed with the audience; null: every section. */
  sectionsKey: string | null;
}

interface UnsentRow {
  id: number;
  uid: string;
  email: string;
  name: string | null;
  subscriber_status: SubscriberStatus;
  status: 'pending' | 'sending' | 'failed';
  attempts: number;
  message_key: string;
  sections_key: string | null;
}

const statements = statementCache((db) => ({
  issueExists: db.prepare<[string], number>(`SELECT 1 FROM issues WHERE id = ?`).pluck(),
  // A paused subscriber is active but not in the audience; the stored sections are copied as they
  // are and turned into copy keys by sectionKeys/setSectionsKey.
  enqueueAudience: db.prepare<{ issue: string; now: string }>(
    `INSERT OR IGNORE INTO deliveries (issue_id, subscriber_id, status, updated_at, sections_key)
     SELECT :issue, id, 'pending', :now, sections FROM subscribers
      WHERE status = 'active' AND (paused_until IS NULL OR paused_until <= :now)`,
  ),
  audienceSections: db
    .prepare<[string], string | null>(
      `SELECT DISTINCT sections FROM subscribers WHERE status = 'active' AND (paused_until IS NULL OR paused_until <= ?)`,
    )
    .pluck(),
  sectionKeys: db.prepare<[string], string | null>(`SELECT DISTINCT sections_key FROM deliveries WHERE issue_id = ?`).pluck(),
  renameKey: db.prepare<{ issue: string; from: string; to: string | null }>(
    `UPDATE deliveries SET sections_key = :to WHERE issue_id = :issue AND sections_key = :from`,
  ),
  skipKey: db.prepare<{ issue: string; key: string; now: string }>(
    `UPDATE deliveries SET status = 'skipped', updated_at = :now
      WHERE issue_id = :issue AND sections_key = :key AND status NOT IN ('sent', 'skipped')`,
  ),
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
    `SELECT s.id, s.uid, s.email, s.name, s.status AS subscriber_status, d.status, d.attempts,
            coalesce(d.message_key, s.uid) AS message_key, d.sections_key
       FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
      WHERE d.issue_id = ? AND d.subscriber_id > ?
        AND (d.status IN ('pending', 'sending') OR (d.status = 'failed' AND d.permanent = 0))
      ORDER BY d.subscriber_id
      LIMIT ?`,
  ),
}));

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
  return s.enqueueAudience.run({ issue: issueId, now: now.toISOString() }).changes;
}

/**
 * Turns the stored sections copied into an issue's deliveries into copy
 * keys, once per distinct value: `normalize` maps a subscriber's stored
 * sections (JSON) to the key of the copy they get, or null for the whole
 * issue. Run once, right after {@link enqueueAudience}.
 */
export function settleSectionKeys(store: Store, issueId: string, normalize: (stored: string) => string | null): void {
  const s = statements(store);
  store.db.transaction(() => {
    for (const stored of s.sectionKeys.all(issueId)) {
      if (stored === null) continue;
      const key = normalize(stored);
      if (key !== stored) s.renameKey.run({ issue: issueId, from: stored, to: key });
    }
  })();
}

/** The distinct stored sections (JSON, or null for all) of the audience {@link enqueueAudience} would fix now. */
export function audienceSections(store: Store, now: Date): (string | null)[] {
  return statements(store).audienceSections.all(now.toISOString());
}

/** The distinct copy keys of an issue's deliveries (null: the whole issue). */
export function sectionKeysOf(store: Store, issueId: string): (string | null)[] {
  return statements(store).sectionKeys.all(issueId);
}

/** Marks every unfinished delivery of one copy `skipped` (its sections have nothing this week). */
export function skipDeliveriesOf(store: Store, issueId: string, key: string, now: Date): number {
  return statements(store).skipKey.run({ issue: issueId, key, now: now.toISOString() }).changes;
}

/** Whether some deliveries of the issue failed only temporarily (a rerun retries them). */
export function hasRetryableFailures(store: Store, issueId: string): boolean {
  return (statements(store).retryable.get(issueId) ?? 0) > 0;
}

/** How many deliveries of the issue are in each status. */
export function deliveryCounts(store: Store, issueId: string): DeliveryCounts {
  const counts: DeliveryCounts = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0, total: 0 };
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
 * (in flight when an earlier run died), whatever their subscriber's status
 * now (claiming skips those who left), with `subscriberId > afterSubscriberId`, by subscriber id. Pass
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
      subscriber: { id: row.id, uid: row.uid, email: row.email, name: row.name, status: row.subscriber_status },
      status: row.status,
      attempts: row.attempts,
      messageKey: row.message_key,
      sectionsKey: row.sections_key,
    }));
}
