import type { Subscriber, SubscriberStatus } from '../types.js';
import { DigestError, ErrorCodes } from '../errors.js';
import { statementCache, type Store } from './db.js';
import { normalizeEmail } from './email.js';
import { liftSuppression, suppressionOf, suppressionRefusal } from './suppressions.js';

/** One subscriber to import; `name` absent keeps the stored name. */
export interface SubscriberInput {
  email: string;
  name?: string;
}

/** What {@link upsertSubscribers} did. */
export interface UpsertResult {
  added: number;
  updated: number;
  unchanged: number;
  /** Addresses left as they were because they are suppressed (see store/suppressions.ts). */
  suppressed: string[];
}

/** Options of {@link upsertSubscribers}. */
export interface UpsertOptions {
  /** Re-activate addresses suppressed after a hard bounce (never a complaint or a forgotten one). */
  force?: boolean;
  /** Work out the counts, change nothing. */
  dryRun?: boolean;
}

interface SubscriberRow {
  id: number;
  uid: string;
  email: string;
  name: string | null;
  status: SubscriberStatus;
  sections: string | null;
  paused_until: string | null;
}

const COLUMNS = 'id, uid, email, name, status, sections, paused_until';

const statements = statementCache((db) => ({
  byId: db.prepare<[number], SubscriberRow>(`SELECT ${COLUMNS} FROM subscribers WHERE id = ?`),
  byUid: db.prepare<[string], SubscriberRow>(`SELECT ${COLUMNS} FROM subscribers WHERE uid = ?`),
  byEmail: db.prepare<[string], SubscriberRow>(`SELECT ${COLUMNS} FROM subscribers WHERE email = ?`),
  all: db.prepare<[], SubscriberRow>(`SELECT ${COLUMNS} FROM subscribers WHERE erased_at IS NULL ORDER BY id`),
  insert: db.prepare<[string, string | null, string, string]>(
    `INSERT INTO subscribers (email, name, status, created_at, updated_at) VALUES (?, ?, 'active', ?, ?)`,
  ),
  reactivate: db.prepare<[string, number]>(
    `UPDATE subscribers SET status = 'active', bounce_count = 0, unsubscribed_at = NULL, updated_at = ? WHERE id = ?`,
  ),
  updateName: db.prepare<[string, string, number]>(`UPDATE subscribers SET name = ?, updated_at = ? WHERE id = ?`),
  setStatus: db.prepare<{ id: number; status: SubscriberStatus; now: string }, SubscriberRow>(
    `UPDATE subscribers
        SET status = :status,
            updated_at = :now,
            unsubscribed_at = CASE
              WHEN :status <> 'unsubscribed' THEN NULL
              ELSE coalesce(unsubscribed_at, :now)
            END
      WHERE id = :id
      RETURNING ${COLUMNS}`,
  ),
  bounce: db.prepare<{ id: number; now: string; threshold: number }, SubscriberRow>(
    // Only an active subscriber becomes "bounced": an unsubscribe is the
    // person's own choice and stays on record.
    `UPDATE subscribers
        SET bounce_count = bounce_count + 1,
            status = CASE
              WHEN status = 'active' AND bounce_count + 1 >= :threshold THEN 'bounced'
              ELSE status
            END,
            updated_at = :now
      WHERE id = :id
      RETURNING ${COLUMNS}`,
  ),
  pageActive: db.prepare<[number, number], SubscriberRow>(
    `SELECT ${COLUMNS} FROM subscribers WHERE status = 'active' AND id > ? ORDER BY id LIMIT ?`,
  ),
  countActive: db.prepare<[], number>(`SELECT count(*) FROM subscribers WHERE status = 'active'`).pluck(),
}));

// `sections` only when chosen: absent means all, as on subscribers built elsewhere.
const toSubscriber = (row: SubscriberRow): Subscriber => ({
  id: row.id,
  uid: row.uid,
  email: row.email,
  name: row.name,
  status: row.status,
  ...(row.sections === null ? {} : { sections: JSON.parse(row.sections) as string[] }),
  ...(row.paused_until === null ? {} : { pausedUntil: row.paused_until }),
});

const notFound = (id: number): DigestError =>
  new DigestError(ErrorCodes.STORE_FAILED, `no subscriber with id ${id}`, {
    hint: 'run "digest subscribers" to list subscribers and their ids',
  });

/** Thrown inside the transaction of a dry run so that it rolls back. */
class DryRun extends Error {
  constructor(readonly result: UpsertResult) {
    super('dry run');
  }
}

/**
 * Adds new subscribers and updates the names of known ones, in one
 * transaction. Emails match case-insensitively and are stored trimmed and
 * lower-cased. The status is never touched, so a re-import cannot
 * re-activate someone who unsubscribed or bounced; a suppressed address is
 * neither added nor updated but listed in `suppressed`, except a hard bounce
 * with `force`, which is added, or re-activated when its status is
 * `bounced` (counted as updated); an unsubscribe is never undone.
 */
export function upsertSubscribers(store: Store, rows: readonly SubscriberInput[], now: Date, options: UpsertOptions = {}): UpsertResult {
  const s = statements(store);
  const stamp = now.toISOString();
  const apply = store.db.transaction((): UpsertResult => {
    const result: UpsertResult = { added: 0, updated: 0, unchanged: 0, suppressed: [] };
    for (const row of rows) {
      const email = normalizeEmail(row.email);
      const name = row.name?.trim() || undefined;
      const existing = s.byEmail.get(email);
      const suppression = suppressionOf(store, email);
      if (suppressionRefusal(email, suppression, options.force === true) !== undefined) {
        result.suppressed.push(email);
        continue;
      }
      if (suppression !== undefined) liftSuppression(store, email);
      if (existing === undefined) {
        s.insert.run(email, name ?? null, stamp, stamp);
        result.added += 1;
        continue;
      }
      // --force is for mailboxes that work again: it lifts a bounce, never an unsubscribe.
      const reactivate = options.force === true && existing.status === 'bounced';
      if (reactivate) s.reactivate.run(stamp, existing.id);
      if (name !== undefined && name !== existing.name) s.updateName.run(name, stamp, existing.id);
      if (reactivate || (name !== undefined && name !== existing.name)) result.updated += 1;
      else result.unchanged += 1;
    }
    if (options.dryRun) throw new DryRun(result);
    return result;
  });
  try {
    return apply();
  } catch (error) {
    if (error instanceof DryRun) return error.result;
    throw error;
  }
}

/** Every subscriber, any status, ordered by id. */
export function listSubscribers(store: Store): Subscriber[] {
  return statements(store).all.all().map(toSubscriber);
}

/** The subscriber with this id, or `undefined`. */
export function getSubscriber(store: Store, id: number): Subscriber | undefined {
  const row = statements(store).byId.get(id);
  return row && toSubscriber(row);
}

/** The subscriber with this opaque id (see {@link Subscriber.uid}), or `undefined`. */
export function getSubscriberByUid(store: Store, uid: string): Subscriber | undefined {
  const row = statements(store).byUid.get(uid);
  return row && toSubscriber(row);
}

/** The subscriber with this email (any case, surrounding spaces ignored), or `undefined`. */
export function findSubscriberByEmail(store: Store, email: string): Subscriber | undefined {
  const row = statements(store).byEmail.get(normalizeEmail(email));
  return row && toSubscriber(row);
}

/**
 * Sets a subscriber's status. `unsubscribed` records when (the first time);
 * any other status clears that date.
 *
 * @throws DigestError STORE_FAILED when there is no such subscriber.
 */
export function setSubscriberStatus(store: Store, id: number, status: SubscriberStatus, now: Date): Subscriber {
  const row = statements(store).setStatus.get({ id, status, now: now.toISOString() });
  if (row === undefined) throw notFound(id);
  return toSubscriber(row);
}

/**
 * Counts a hard bounce; an active subscriber whose count reaches
 * `threshold` becomes `bounced`.
 *
 * @throws DigestError STORE_FAILED when there is no such subscriber.
 */
export function recordHardBounce(store: Store, id: number, now: Date, threshold: number): Subscriber {
  const row = statements(store).bounce.get({ id, now: now.toISOString(), threshold });
  if (row === undefined) throw notFound(id);
  return toSubscriber(row);
}

/**
 * Up to `limit` active subscribers with `id > afterId`, by id. Pass the last
 * id of one page as `afterId` of the next (start at 0); an empty page ends.
 * Keyset paging keeps memory flat and never skips or repeats a row, even
 * when statuses change between pages.
 */
export function pageActiveSubscribers(store: Store, afterId: number, limit: number): Subscriber[] {
  return statements(store).pageActive.all(afterId, limit).map(toSubscriber);
}

/** How many subscribers are active. */
export function countActiveSubscribers(store: Store): number {
  return statements(store).countActive.get() ?? 0;
}
