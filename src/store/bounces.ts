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

/**
 * The lookups by Message-ID go through the index deliveries_message_id, over
 * all issues: a report is found whatever issue it is about, and whatever its
 * Message-ID starts with (EXPLAIN QUERY PLAN is checked in the unit test).
 */
export const MESSAGE_ID_LOOKUPS = {
  byMessageId: `SELECT subscriber_id, issue_id FROM deliveries WHERE message_id = :messageId LIMIT 1`,
  // A VERP token is the local part of the delivery's Message-ID, "<token@host>": the Message-IDs
  // from "<token@" (inclusive) to "<tokenA" (exclusive, "A" follows "@") are exactly those whose
  // local part is the token, whatever the host. A range, unlike substr(), can use the index.
  byToken: `SELECT subscriber_id, issue_id FROM deliveries
     WHERE message_id >= '<' || :token || '@' AND message_id < '<' || :token || 'A' LIMIT 1`,
} as const;

const statements = statementCache((db) => ({
  byMessageId: db.prepare<{ messageId: string }, { subscriber_id: number; issue_id: string }>(MESSAGE_ID_LOOKUPS.byMessageId),
  byToken: db.prepare<{ token: string }, { subscriber_id: number; issue_id: string }>(MESSAGE_ID_LOOKUPS.byToken),
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

/**
 * The tokens to try for a VERP token as it came back: itself, and, when a
 * mail server folded it to lower case (Postfix's local(8) folds the local
 * part it delivers to), with its issue id's "W" restored ("2026-w48.…" →
 * "2026-W48.…"); the rest of a token is digits and lower-case hex already.
 */
function tokenCandidates(token: string): string[] {
  const restored = token.replace(/^(\d{4})-w(\d{2}\.)/, '$1-W$2');
  return restored === token ? [token] : [token, restored];
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
      // "@" or "<" would let the range reach other Message-IDs; a real token has neither.
      if (token === '' || /[@<>]/.test(token)) return undefined;
      for (const candidate of tokenCandidates(token)) {
        const target = toTarget(s.byToken.get({ token: candidate }));
        if (target !== undefined) return target;
      }
      return undefined;
    },
    byMessageId: (messageId: string): BounceTarget | undefined => toTarget(s.byMessageId.get({ messageId: messageId.trim() })),
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
