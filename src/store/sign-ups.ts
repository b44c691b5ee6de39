import { statementCache, type Store } from './db.js';
import { normalizeEmail } from './email.js';

const statements = statementCache((db) => ({
  insertPending: db.prepare<[string, string | null, string, string]>(
    `INSERT INTO subscribers (email, name, status, created_at, updated_at) VALUES (?, ?, 'pending', ?, ?)`,
  ),
  sentAt: db.prepare<[string], string | null>(`SELECT confirm_sent_at FROM subscribers WHERE email = ?`).pluck(),
  markSent: db.prepare<[string, string]>(`UPDATE subscribers SET confirm_sent_at = ? WHERE email = ?`),
  unsubscribedAt: db.prepare<[number], string | null>(`SELECT unsubscribed_at FROM subscribers WHERE id = ?`).pluck(),
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
