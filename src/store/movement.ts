/**
 * The list's movement: how many people joined, confirmed, came back, left,
 * bounced or complained in each ISO week, read from `subscriber_events`
 * (written by triggers on `subscribers`, see migration 7), and where the
 * list stands now.
 */
import { shiftWeek, weekIdOf } from '../util/week.js';
import { statementCache, type Store } from './db.js';

/** The kinds of `subscriber_events`, in the order reports show them. */
export const EVENT_KINDS = ['new', 'confirmed', 'resubscribed', 'unsubscribed', 'bounced', 'complained'] as const;

/** One kind of change to the list. */
export type EventKind = (typeof EVENT_KINDS)[number];

/** One ISO week's counts. */
export type WeekMovement = { week: string } & Record<EventKind, number>;

/** Subscribers by status now, and how many active ones are paused. */
export interface ListTotals {
  pending: number;
  active: number;
  unsubscribed: number;
  bounced: number;
  /** Active subscribers whose `paused_until` is later than now. */
  paused: number;
}

/** What {@link listMovement} returns. */
export interface ListMovement {
  totals: ListTotals;
  /** Oldest week first, the current week last; weeks without events are there with zeros. */
  movement: WeekMovement[];
}

const statements = statementCache((db) => ({
  // Times are stored as toISOString() everywhere, so text order is time order and the index serves.
  inRange: db.prepare<{ from: string; to: string }, { kind: EventKind; n: number }>(
    `SELECT kind, count(*) AS n FROM subscriber_events WHERE at >= :from AND at < :to GROUP BY kind`,
  ),
  // Erased stubs are not on the list any more (`subscribers list` hides them too); their events still count.
  byStatus: db.prepare<[], { status: keyof Omit<ListTotals, 'paused'>; n: number }>(
    `SELECT status, count(*) AS n FROM subscribers WHERE erased_at IS NULL GROUP BY status`,
  ),
  paused: db
    .prepare<[string], number>(
      `SELECT count(*) FROM subscribers WHERE erased_at IS NULL AND status = 'active' AND paused_until > ?`,
    )
    .pluck(),
}));

const zeroCounts = (): Record<EventKind, number> => ({
  new: 0,
  confirmed: 0,
  resubscribed: 0,
  unsubscribed: 0,
  bounced: 0,
  complained: 0,
});

/** Subscribers by status now (erased stubs left out) and the paused count. */
export function listTotals(store: Store, now: Date): ListTotals {
  const s = statements(store);
  const totals: ListTotals = { pending: 0, active: 0, unsubscribed: 0, bounced: 0, paused: 0 };
  for (const row of s.byStatus.all()) totals[row.status] = row.n;
  totals.paused = s.paused.get(now.toISOString()) ?? 0;
  return totals;
}

/**
 * Counts per ISO week (weeks in `timeZone`) of each event kind for the
 * `weeks` weeks up to and including the one holding `now`. The current week
 * counts what happened up to `now`, so a report run with an earlier `--now`
 * shows the weeks as they stood then. Events of forgotten subscribers count:
 * they outlive the row.
 */
export function weeklyMovement(store: Store, now: Date, timeZone: string, weeks: number): WeekMovement[] {
  if (!Number.isInteger(weeks) || weeks < 1) throw new RangeError(`weeklyMovement needs at least one week, got ${weeks}`);
  const s = statements(store);
  const current = weekIdOf(now, timeZone);
  const result: WeekMovement[] = [];
  for (let back = weeks - 1; back >= 0; back--) {
    const window = shiftWeek(current, -back, timeZone);
    const to = back === 0 && now.getTime() < window.end.getTime() ? new Date(now.getTime() + 1) : window.end;
    const counts = zeroCounts();
    for (const row of s.inRange.all({ from: window.start.toISOString(), to: to.toISOString() })) counts[row.kind] = row.n;
    result.push({ week: window.id, ...counts });
  }
  return result;
}

/** {@link listTotals} and {@link weeklyMovement} read in one transaction, so they agree. */
export function listMovement(store: Store, now: Date, timeZone: string, weeks: number): ListMovement {
  return store.db.transaction(() => ({ totals: listTotals(store, now), movement: weeklyMovement(store, now, timeZone, weeks) }))();
}
