import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { statementCache, type Store } from './db.js';
import { normalizeEmail } from './email.js';

/**
 * Why an address may not be re-activated. `complaint`: the person reported
 * a message as spam (never re-activated); `hard-bounce`: the mailbox does
 * not exist (an operator may re-activate it with `--force`); `forgotten`:
 * the person's data was deleted at their request.
 */
export type SuppressionReason = 'complaint' | 'hard-bounce' | 'forgotten';

/** Reasons by strength: a stronger one replaces a weaker one, never the reverse. */
const RANK: Record<SuppressionReason, number> = { 'hard-bounce': 1, forgotten: 2, complaint: 3 };

/** Either a store or its raw connection. */
export type StoreLike = Store | Database;

const connectionOf = (target: StoreLike): Store =>
  'db' in target ? target : { db: target, file: target.name, close: () => target.close() };

const statements = statementCache((db) => ({
  get: db.prepare<[string], SuppressionReason>(`SELECT reason FROM suppressions WHERE address_hash = ?`).pluck(),
  put: db.prepare<[string, SuppressionReason, string]>(
    `INSERT INTO suppressions (address_hash, reason, created_at) VALUES (?, ?, ?)
       ON CONFLICT (address_hash) DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at`,
  ),
  remove: db.prepare<[string]>(`DELETE FROM suppressions WHERE address_hash = ?`),
}));

/** The key an address is suppressed under: sha256 (hex) of the trimmed, lower-cased address. */
export function addressHash(email: string): string {
  return createHash('sha256').update(normalizeEmail(email)).digest('hex');
}

/**
 * Records that `email` must not be re-activated, for `reason`. Only the
 * hash of the address is stored. An address already suppressed for a
 * stronger reason keeps it (complaint > forgotten > hard-bounce), so a late
 * bounce never weakens a complaint. Takes a {@link Store} or its connection.
 *
 * @returns the reason now on record.
 */
export function suppress(target: StoreLike, email: string, reason: SuppressionReason, now: Date = new Date()): SuppressionReason {
  const s = statements(connectionOf(target));
  const hash = addressHash(email);
  const current = s.get.get(hash);
  if (current !== undefined && RANK[current] >= RANK[reason]) return current;
  s.put.run(hash, reason, now.toISOString());
  return reason;
}

/** Why `email` is suppressed, or `undefined` when it is not. Takes a {@link Store} or its connection. */
export function suppressionOf(target: StoreLike, email: string): SuppressionReason | undefined {
  return statements(connectionOf(target)).get.get(addressHash(email));
}

/** Removes the suppression of `email` (used when a hard bounce is re-activated with `--force`). */
export function liftSuppression(target: StoreLike, email: string): void {
  statements(connectionOf(target)).remove.run(addressHash(email));
}

/**
 * Why `email`, suppressed for `reason`, may not be activated, or
 * `undefined` when it may: only a hard bounce gives way, and only to `force`.
 */
export function suppressionRefusal(email: string, reason: SuppressionReason | undefined, force: boolean): string | undefined {
  if (reason === undefined || (reason === 'hard-bounce' && force)) return undefined;
  if (reason === 'complaint') return `${email} reported our mail as spam and is suppressed for good`;
  if (reason === 'forgotten') return `${email} asked to be forgotten and is suppressed`;
  return `${email} bounced hard (the mailbox does not exist) and is suppressed`;
}
