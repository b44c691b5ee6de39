import { statementCache, type Store } from './db.js';
import { normalizeEmail } from './email.js';
import { removeSubscriberRow } from './subscriber-changes.js';

const statements = statementCache((db) => ({
  insertPending: db.prepare<[string, string | null, string, string]>(
    `INSERT INTO subscribers (email, name, status, created_at, updated_at) VALUES (?, ?, 'pending', ?, ?)`,
  ),
  sentAt: db.prepare<[string], string | null>(`SELECT confirm_sent_at FROM subscribers WHERE email = ?`).pluck(),
  markSent: db.prepare<[string, string]>(`UPDATE subscribers SET confirm_sent_at = ? WHERE email = ?`),
  unsubscribedAt: db.prepare<[number], string | null>(`SELECT unsubscribed_at FROM subscribers WHERE id = ?`).pluck(),
  // ISO times compare as text. A link mailed at T works until T + confirmExpiry inclusive
  // (util/confirm-token.ts), so only a last mail strictly before the cutoff is dead.
  expiredPending: db.prepare<[string], { id: number }>(
    `SELECT id FROM subscribers WHERE status = 'pending' AND coalesce(confirm_sent_at, created_at) < ?`,
  ),
  confirm: db.prepare<{ id: number; sections: string | null; now: string }>(
    `UPDATE subscribers
        SET status = 'active', sections = :sections, bounce_count = 0, unsubscribed_at = NULL, updated_at = :now
      WHERE id = :id`,
  ),
}));

/** Adds `email` as a `pending` subscriber (not sent any issue until confirmed). */
export function addPendingSubscriber(store: Store, email: string, name: string | undefined, now: Date): void {
  const stamp = now.toISOString();
  statements(store).insertPending.run(normalizeEmail(email), name?.trim() || null, stamp, stamp);
}

/**
 * Whether a confirmation mail may go to `email` now: none was sent within
 * `intervalMs`. When it may, the time is recorded at once, so two requests
 * racing each other send one mail.
 */
export function claimConfirmationSlot(store: Store, email: string, now: Date, intervalMs: number): boolean {
  const s = statements(store);
  const address = normalizeEmail(email);
  return store.db
    .transaction((): boolean => {
      const last = s.sentAt.get(address);
      if (last && now.getTime() - Date.parse(last) < intervalMs) return false;
      s.markSent.run(now.toISOString(), address);
      return true;
    })
    .immediate();
}

/** Makes a subscriber `active` with the sections they chose (`null`: all). */
export function confirmSubscriber(store: Store, id: number, sections: readonly string[] | null, now: Date): void {
  statements(store).confirm.run({ id, sections: sections === null ? null : JSON.stringify(sections), now: now.toISOString() });
}

/** When the subscriber last unsubscribed (ISO time), if they are unsubscribed. */
export function unsubscribedAt(store: Store, id: number): string | undefined {
  return statements(store).unsubscribedAt.get(id) ?? undefined;
}

/**
 * Deletes the `pending` sign-ups whose confirmation link can no longer be
 * used: the last one was mailed (or, when none was, the sign-up was made)
 * more than `confirmExpiry` ms before `now`. Their address and name are not
 * kept; a row that deliveries reference (a subscriber set back to pending)
 * becomes an anonymous stub instead, as `subscribers remove` does it.
 * Returns how many were removed.
 */
export function deleteExpiredSignUps(store: Store, now: Date, confirmExpiry: number): number {
  const cutoff = new Date(now.getTime() - confirmExpiry).toISOString();
  return store.db.transaction((): number => {
    const rows = statements(store).expiredPending.all(cutoff);
    for (const row of rows) removeSubscriberRow(store, row, now);
    return rows.length;
  })();
}
