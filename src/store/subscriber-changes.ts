/**
 * One-address changes to the list, as `digest subscribers add | remove |
 * unsubscribe | resubscribe | forget` make them. Each refuses an address the
 * suppression list holds (see suppressions.ts) the same way.
 */
import type { Subscriber } from '../types.js';
import { DigestError, ErrorCodes } from '../errors.js';
import { statementCache, type Store } from './db.js';
import { emailProblem, normalizeEmail } from './email.js';
import { findSubscriberByEmail, getSubscriber, setSubscriberStatus } from './subscribers.js';
import { liftSuppression, suppress, suppressionOf, suppressionRefusal } from './suppressions.js';

const statements = statementCache((db) => ({
  insert: db.prepare<[string, string | null, string, string], { id: number }>(
    `INSERT INTO subscribers (email, name, status, created_at, updated_at) VALUES (?, ?, 'active', ?, ?) RETURNING id`,
  ),
  reactivate: db.prepare<[string, number]>(
    `UPDATE subscribers SET status = 'active', bounce_count = 0, unsubscribed_at = NULL, updated_at = ? WHERE id = ?`,
  ),
  deliveryCount: db.prepare<[number], number>(`SELECT count(*) FROM deliveries WHERE subscriber_id = ?`).pluck(),
  delete: db.prepare<[number]>(`DELETE FROM subscribers WHERE id = ?`),
  // Deliveries keep their row (counts, the daily cap and Message-IDs stay right); the stub holds
  // nothing personal, cannot match any address, and is never in an audience again.
  erase: db.prepare<{ now: string; id: number }>(
    `UPDATE subscribers
        SET email = 'erased-' || uid || '@erased.invalid', name = NULL, sections = NULL,
            status = 'unsubscribed', unsubscribed_at = coalesce(unsubscribed_at, :now),
            updated_at = :now, erased_at = :now
      WHERE id = :id`,
  ),
}));

const unknown = (email: string): DigestError =>
  new DigestError(ErrorCodes.SUBSCRIBER_UNKNOWN, `${email} is not on the list`, {
    field: email,
    hint: 'run "digest subscribers list" to see the addresses on the list',
  });

// A `bounced` subscriber counts as suppressed by a hard bounce even when no entry records it
// (bounces counted before the list existed, or over SMTP): resubscribing needs --force too.
function refuseSuppressed(store: Store, email: string, force: boolean, status?: Subscriber['status']): void {
  const reason = suppressionOf(store, email) ?? (status === 'bounced' ? 'hard-bounce' : undefined);
  const refusal = suppressionRefusal(email, reason, force);
  if (refusal !== undefined) {
    throw new DigestError(ErrorCodes.ADDRESS_SUPPRESSED, refusal, {
      field: email,
      hint: reason === 'hard-bounce' ? 'pass --force if the mailbox works again' : 'a suppressed address cannot be added again',
    });
  }
  if (reason !== undefined) liftSuppression(store, email);
}

/** The subscriber with this address, or a SUBSCRIBER_UNKNOWN error naming it. */
export function requireSubscriber(store: Store, email: string): Subscriber {
  const subscriber = findSubscriberByEmail(store, email);
  if (subscriber === undefined) throw unknown(normalizeEmail(email));
  return subscriber;
}

/**
 * Adds `email` as an active subscriber.
 *
 * @throws DigestError INPUT_INVALID for a malformed or already listed address,
 *   ADDRESS_SUPPRESSED for a suppressed one (a hard bounce passes with `force`).
 */
export function addSubscriber(store: Store, input: { email: string; name?: string }, now: Date, force = false): Subscriber {
  const email = normalizeEmail(input.email);
  const problem = emailProblem(email);
  if (problem !== undefined) throw new DigestError(ErrorCodes.INPUT_INVALID, problem, { field: 'email', hint: 'pass an address like ana@example.com' });
  return store.db.transaction((): Subscriber => {
    const existing = findSubscriberByEmail(store, email);
    if (existing !== undefined) {
      throw new DigestError(ErrorCodes.INPUT_INVALID, `${email} is already on the list (${existing.status})`, {
        field: email,
        hint: existing.status === 'active' ? 'nothing to do' : `run "digest subscribers resubscribe ${email}" to make it active again`,
      });
    }
    refuseSuppressed(store, email, force);
    const stamp = now.toISOString();
    const row = statements(store).insert.get(email, input.name?.trim() || null, stamp, stamp);
    return getSubscriber(store, row?.id ?? -1) as Subscriber;
  })();
}

/**
 * Makes a listed address active again.
 *
 * @throws DigestError SUBSCRIBER_UNKNOWN, or ADDRESS_SUPPRESSED as {@link addSubscriber}.
 */
export function resubscribe(store: Store, email: string, now: Date, force = false): Subscriber {
  return store.db.transaction((): Subscriber => {
    const subscriber = requireSubscriber(store, email);
    refuseSuppressed(store, subscriber.email, force, subscriber.status);
    statements(store).reactivate.run(now.toISOString(), subscriber.id);
    return getSubscriber(store, subscriber.id) as Subscriber;
  })();
}

/** Marks a listed address unsubscribed. @throws DigestError SUBSCRIBER_UNKNOWN. */
export function unsubscribe(store: Store, email: string, now: Date): Subscriber {
  return setSubscriberStatus(store, requireSubscriber(store, email).id, 'unsubscribed', now);
}

/** How {@link removeSubscriber} / {@link forgetSubscriber} dealt with the row. */
export type Removal = 'deleted' | 'erased';

/**
 * Deletes a subscriber's row, or, when deliveries reference it, makes it an
 * anonymous stub (see `erase`), so the ledger stays whole.
 */
export function removeSubscriberRow(store: Store, subscriber: Pick<Subscriber, 'id'>, now: Date): Removal {
  const s = statements(store);
  if (s.deliveryCount.get(subscriber.id) === 0) {
    s.delete.run(subscriber.id);
    return 'deleted';
  }
  s.erase.run({ now: now.toISOString(), id: subscriber.id });
  return 'erased';
}

/**
 * Takes an address off the list. The row is deleted; when deliveries
 * reference it, it becomes an anonymous stub instead, so the ledger stays
 * whole. The address may be added again later; a `bounced` one is first
 * suppressed as a hard bounce, so only `--force` brings it back.
 *
 * @throws DigestError SUBSCRIBER_UNKNOWN.
 */
export function removeSubscriber(store: Store, email: string, now: Date): Removal {
  return store.db.transaction((): Removal => {
    const subscriber = requireSubscriber(store, email);
    // The row's `bounced` status is what kept a dead mailbox out; without the row, an entry must.
    if (subscriber.status === 'bounced') suppress(store, subscriber.email, 'hard-bounce', now);
    return removeSubscriberRow(store, subscriber, now);
  })();
}

/**
 * Deletes the personal data of an address (as {@link removeSubscriber}) and
 * suppresses its hash as `forgotten`, so no import brings it back.
 *
 * @throws DigestError SUBSCRIBER_UNKNOWN.
 */
export function forgetSubscriber(store: Store, email: string, now: Date): Removal {
  return store.db.transaction((): Removal => {
    const removal = removeSubscriberRow(store, requireSubscriber(store, email), now);
    suppress(store, email, 'forgotten', now);
    return removal;
  })();
}
