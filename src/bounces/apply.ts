import type { BounceEvent, BounceReport } from './types.js';

/** The subscriber (and delivery, when one matched) a report is about. */
export interface BounceTarget {
  subscriberId: number;
  /** The issue whose delivery matched, or null when only the address matched. */
  issueId: string | null;
}

/**
 * Where bounces and complaints are recorded; the store implements it
 * (see store/bounces.ts) so the parser stays free of SQL.
 */
export interface BounceStore {
  /** A delivery whose return path carried this VERP token. */
  byVerpToken(token: string): BounceTarget | undefined;
  /** The delivery sent with this Message-ID (`<…>`). */
  byMessageId(messageId: string): BounceTarget | undefined;
  /** A subscriber with this address. */
  byAddress(address: string): BounceTarget | undefined;
  /** A 5.x.x bounce: counts toward `sending.bounceThreshold`. */
  recordHardBounce(target: BounceTarget, event: BounceEvent): void;
  /** A 4.x.x bounce or a delay: recorded only. */
  recordSoftBounce(target: BounceTarget, event: BounceEvent): void;
  /** A spam complaint: unsubscribes at once. */
  recordComplaint(target: BounceTarget, event: BounceEvent): void;
}

/** What one report did. */
export type Outcome = 'hard' | 'soft' | 'complaint' | 'unmatched' | 'not-a-bounce';

/**
 * Applies a parsed report: maps it to a delivery by VERP token, else by the
 * original Message-ID, else each event by Final-Recipient /
 * Original-Recipient, and records it. One report counts once, by its most
 * serious event that matched.
 */
export function applyReport(report: BounceReport, store: BounceStore): Outcome {
  if (report.type === 'none' || report.events.length === 0) return 'not-a-bounce';
  const delivery =
    (report.verpToken === null ? undefined : store.byVerpToken(report.verpToken)) ??
    (report.originalMessageId === null ? undefined : store.byMessageId(report.originalMessageId));
  let outcome: Outcome = 'unmatched';
  const done = new Set<number>();
  for (const event of report.events) {
    const target = delivery ?? byAddress(store, event);
    if (target === undefined || done.has(target.subscriberId)) continue;
    done.add(target.subscriberId);
    if (event.kind === 'complaint') store.recordComplaint(target, event);
    else if (event.kind === 'hard') store.recordHardBounce(target, event);
    else store.recordSoftBounce(target, event);
    outcome = moreSerious(outcome, event.kind);
  }
  return outcome;
}

function byAddress(store: BounceStore, event: BounceEvent): BounceTarget | undefined {
  for (const address of [event.originalRecipient, event.address]) {
    const target = address === null ? undefined : store.byAddress(address);
    if (target !== undefined) return target;
  }
  return undefined;
}

const RANK: Record<Outcome, number> = { 'not-a-bounce': 0, unmatched: 1, soft: 2, hard: 3, complaint: 4 };

function moreSerious(current: Outcome, kind: BounceEvent['kind']): Outcome {
  return RANK[kind] > RANK[current] ? kind : current;
}
