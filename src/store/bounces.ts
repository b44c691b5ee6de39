import { statementCache, type Store } from './db.js';
import { normalizeEmail } from './email.js';
import { recordHardBounce, setSubscriberStatus } from './subscribers.js';
import { suppress } from './suppressions.js';

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
        const subscriber = setSubscriberStatus(store, target.subscriberId, 'unsubscribed', options.now);
        suppress(store, subscriber.email, 'complaint', options.now);
      })();
    },
  };
}
