import { statementCache, type Store } from './db.js';
import { normalizeEmail } from './email.js';
import type { Subscriber } from '../types.js';
import { recordHardBounce, setSubscriberStatus } from './subscribers.js';
import { suppress, suppressionOf } from './suppressions.js';

/** The subscriber (and the delivery's issue, when a delivery matched) a bounce is about. */
export interface BounceTarget {
  subscriberId: number;
  issueId: string | null;
}

/** One bounce or complaint as the store records it. */
export interface BounceRecord {
  /** Enhanced status (`5.1.1`) or null. */
  status: string | null;
  /** DSN action or ARF feedback type. */
  action: string | null;
  diagnostic: string | null;
}

const statements = statementCache((db) => ({
  // Scoped by the issue id the Message-ID starts with ("<2026-W48.key@host>"), so the primary
  // key narrows the search to one issue's deliveries.
  byMessageId: db.prepare<{ issue: string; messageId: string }, { subscriber_id: number; issue_id: string }>(
    `SELECT subscriber_id, issue_id FROM deliveries WHERE issue_id = :issue AND message_id = :messageId LIMIT 1`,
  ),
  // A VERP token is the local part of the delivery's Message-ID: "<token@host>".
  byToken: db.prepare<{ issue: string; token: string }, { subscriber_id: number; issue_id: string }>(
    `SELECT subscriber_id, issue_id FROM deliveries
      WHERE issue_id = :issue AND substr(message_id, 2, length(:token) + 1) = :token || '@' LIMIT 1`,
  ),
  byEmail: db.prepare<[string], { id: number }>(`SELECT id FROM subscribers WHERE email = ?`),
  lastEventId: db.prepare<[], number>(`SELECT coalesce(max(id), 0) FROM subscriber_events`).pluck(),
  // The trigger on subscribers logged the status change as 'unsubscribed'; a complaint is its own kind.
  relabel: db.prepare<{ after: number; id: number }>(
    `UPDATE subscriber_events SET kind = 'complained' WHERE id > :after AND subscriber_id = :id AND kind = 'unsubscribed'`,
  ),
  addComplained: db.prepare<{ id: number; now: string }>(
    `INSERT INTO subscriber_events (subscriber_id, kind, at) VALUES (:id, 'complained', :now)`,
  ),
  note: db.prepare<{ issue: string; id: number; code: string | null; response: string; now: string }>(
    // The delivery stays "sent" (it left us); the bounce is kept as its last answer.
    `UPDATE deliveries SET last_code = :code, last_response = :response, updated_at = :now
      WHERE issue_id = :issue AND subscriber_id = :id`,
  ),
}));

/** The issue id a Message-ID's local part starts with ("2026-W48.<key>"), or null. */
function issueOf(localPart: string): string | null {
  const dot = localPart.indexOf('.');
  return dot > 0 ? localPart.slice(0, dot) : null;
}

/**
 * Records a spam complaint: the subscriber is unsubscribed, the address
 * suppressed for good, and the list's movement counts it as `complained`,
 * not `unsubscribed` (the event the status trigger wrote is relabelled, or
 * one is added when the subscriber had already unsubscribed). A repeated
 * complaint from an address already suppressed for one is not counted
 * again. Every complaint path (bounce files, provider webhooks) goes through
 * here, in one transaction.
 *
 * @throws DigestError STORE_FAILED when there is no such subscriber.
 */
export function recordComplaint(store: Store, subscriberId: number, now: Date): Subscriber {
  const s = statements(store);
  return store.db.transaction((): Subscriber => {
    const after = s.lastEventId.get() ?? 0;
    const subscriber = setSubscriberStatus(store, subscriberId, 'unsubscribed', now);
    const counted = suppressionOf(store, subscriber.email) === 'complaint';
    if (s.relabel.run({ after, id: subscriberId }).changes === 0 && !counted) {
      s.addComplained.run({ id: subscriberId, now: now.toISOString() });
    }
    suppress(store, subscriber.email, 'complaint', now);
    return subscriber;
  })();
}

/**
 * Looks up and records bounces and complaints in the store: the
 * `BounceStore` that `bounces/apply.ts` expects.
 */
export function createBounceStore(store: Store, options: { now: Date; bounceThreshold: number }) {
  const s = statements(store);
  const stamp = options.now.toISOString();
  const note = (target: BounceTarget, what: string, record: BounceRecord): void => {
    if (target.issueId === null) return;
    const detail = [record.action, record.diagnostic].filter(Boolean).join(': ');
    s.note.run({ issue: target.issueId, id: target.subscriberId, code: record.status, response: `${what}: ${detail}`.slice(0, 1000), now: stamp });
  };
  const toTarget = (row: { subscriber_id: number; issue_id: string } | undefined): BounceTarget | undefined =>
    row && { subscriberId: row.subscriber_id, issueId: row.issue_id };
  return {
    byVerpToken: (token: string): BounceTarget | undefined => {
      const issue = issueOf(token);
      return issue === null ? undefined : toTarget(s.byToken.get({ issue, token }));
    },
    byMessageId: (messageId: string): BounceTarget | undefined => {
      const trimmed = messageId.trim();
      const issue = issueOf(trimmed.replace(/^</, ''));
      return issue === null ? undefined : toTarget(s.byMessageId.get({ issue, messageId: trimmed }));
    },
    byAddress: (address: string): BounceTarget | undefined => {
      const row = s.byEmail.get(normalizeEmail(address));
      return row && { subscriberId: row.id, issueId: null };
    },
    recordHardBounce: (target: BounceTarget, record: BounceRecord): void => {
      store.db.transaction(() => {
        note(target, 'hard bounce', record);
        const subscriber = recordHardBounce(store, target.subscriberId, options.now, options.bounceThreshold);
        // Suppressed once the threshold made it bounced: an import must not bring a dead mailbox back.
        if (subscriber.status === 'bounced') suppress(store, subscriber.email, 'hard-bounce', options.now);
      })();
    },
    recordSoftBounce: (target: BounceTarget, record: BounceRecord): void => {
      note(target, 'soft bounce', record);
    },
    recordComplaint: (target: BounceTarget, record: BounceRecord): void => {
      store.db.transaction(() => {
        note(target, 'complaint', record);
        recordComplaint(store, target.subscriberId, options.now);
      })();
    },
  };
}
