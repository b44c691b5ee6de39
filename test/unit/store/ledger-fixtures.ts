import type { Store } from '../../../src/store/db.js';
import { saveIssue } from '../../../src/store/issues.js';
import { claimDeliveries, recordOutcomes, type DeliveryOutcome } from '../../../src/store/ledger.js';
import { upsertSubscribers } from '../../../src/store/subscribers.js';
import { NOW } from './temp-store.js';

/** The issue most ledger tests send. */
export const ISSUE = '2026-W48';
/** Clock readings after {@link NOW}, one per step of a test. */
export const T1 = new Date('2026-11-30T08:01:00.000Z');
export const T2 = new Date('2026-11-30T08:02:00.000Z');
/** Bounce threshold used unless a test is about the threshold. */
export const THRESHOLD = 3;

/** A delivery as stored, read with plain SQL so the tests do not trust the code under test. */
export interface StoredDelivery {
  status: string;
  message_id: string | null;
  attempts: number;
  last_code: string | null;
  last_response: string | null;
  permanent: number;
  updated_at: string;
}

/** Adds subscribers with ids 1..count (`user<i>@example.com`) and builds each issue in `issues`. */
export function seedLedger(store: Store, count: number, issues: readonly string[] = [ISSUE]): Store {
  upsertSubscribers(
    store,
    Array.from({ length: count }, (_, i) => ({ email: `user${i + 1}@example.com`, name: `User ${i + 1}` })),
    NOW,
  );
  for (const id of issues) {
    saveIssue(store, { id, weekStart: NOW, weekEnd: NOW, subject: 'Weekly', articleCount: 3, htmlBytes: 1000 }, NOW);
  }
  return store;
}

/** The stored delivery of one (issue, subscriber) pair, or `undefined`. */
export function deliveryRow(store: Store, subscriberId: number, issueId: string = ISSUE): StoredDelivery | undefined {
  return store.db
    .prepare<[string, number], StoredDelivery>(
      `SELECT status, message_id, attempts, last_code, last_response, permanent, updated_at
         FROM deliveries WHERE issue_id = ? AND subscriber_id = ?`,
    )
    .get(issueId, subscriberId);
}

/** A subscriber's status and bounce count, read with plain SQL. */
export function subscriberRow(store: Store, id: number): { status: string; bounce_count: number } | undefined {
  return store.db
    .prepare<[number], { status: string; bounce_count: number }>('SELECT status, bounce_count FROM subscribers WHERE id = ?')
    .get(id);
}

/** An accepted message for `subscriberId`. */
export function sentOutcome(subscriberId: number, response = '250 OK'): DeliveryOutcome {
  return { subscriberId, status: 'sent', messageId: `<m${subscriberId}@example.com>`, response };
}

/** A failed attempt; temporary and not a bounce unless told. */
export function failedOutcome(
  subscriberId: number,
  code: string | null,
  response: string | null,
  flags: { permanent?: boolean; hardBounce?: boolean } = {},
): DeliveryOutcome {
  return {
    subscriberId,
    status: 'failed',
    code,
    response,
    permanent: flags.permanent ?? false,
    hardBounce: flags.hardBounce ?? false,
  };
}

/** One attempt the way the sender makes it: claim, then record the outcome. */
export function attempt(store: Store, outcome: DeliveryOutcome, now: Date, issueId: string = ISSUE): void {
  claimDeliveries(store, issueId, [outcome.subscriberId], now);
  recordOutcomes(store, issueId, [outcome], now, THRESHOLD);
}
