import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deliveryCounts,
  enqueueAudience,
  hasRetryableFailures,
  listFailures,
  pageUnsentDeliveries,
  type UnsentDelivery,
} from '../../../src/store/deliveries.js';
import type { Store } from '../../../src/store/db.js';
import { claimDeliveries, type DeliveryOutcome } from '../../../src/store/ledger.js';
import { setSubscriberStatus, upsertSubscribers } from '../../../src/store/subscribers.js';
import { ISSUE, T1, T2, attempt, deliveryRow, failedOutcome, seedLedger, sentOutcome } from './ledger-fixtures.js';
import { NOW, useTempStores } from './temp-store.js';

const temp = useTempStores();

/** A store with one built issue and `count` subscribers with ids 1..count. */
const seeded = (count: number, dataDir?: string): Store => seedLedger(temp.open(dataDir), count);

function allUnsent(store: Store, pageSize: number): UnsentDelivery[] {
  const all: UnsentDelivery[] = [];
  let after = 0;
  for (;;) {
    const page = pageUnsentDeliveries(store, ISSUE, after, pageSize);
    if (page.length === 0) return all;
    all.push(...page);
    const last = page[page.length - 1]?.subscriber.id ?? after;
    // A page that does not move forward would loop for ever: fail instead.
    if (last <= after) throw new Error(`page after ${after} did not advance`);
    after = last;
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('enqueueAudience', () => {
  it('adds one pending row per active subscriber, stamped `now`', () => {
    const store = seeded(5);
    setSubscriberStatus(store, 2, 'unsubscribed', NOW);
    setSubscriberStatus(store, 4, 'bounced', NOW);

    expect(enqueueAudience(store, ISSUE, T1)).toBe(3);
    expect(deliveryCounts(store, ISSUE)).toEqual({ pending: 3, sending: 0, sent: 0, failed: 0, skipped: 0, total: 3 });
    expect(deliveryRow(store, 1)).toEqual({
      status: 'pending',
      message_id: null,
      attempts: 0,
      last_code: null,
      last_response: null,
      permanent: 0,
      updated_at: T1.toISOString(),
    });
    expect(deliveryRow(store, 2)).toBeUndefined();
    expect(deliveryRow(store, 4)).toBeUndefined();
  });

  it('is idempotent: a second call adds only missing subscribers and keeps existing rows', () => {
    const store = seeded(2);
    expect(enqueueAudience(store, ISSUE, NOW)).toBe(2);
    attempt(store, sentOutcome(1), T1);

    expect(enqueueAudience(store, ISSUE, T2)).toBe(0);
    expect(deliveryCounts(store, ISSUE)).toEqual({ pending: 1, sending: 0, sent: 1, failed: 0, skipped: 0, total: 2 });
    expect(deliveryRow(store, 1)).toMatchObject({ status: 'sent', attempts: 1, updated_at: T1.toISOString() });

    upsertSubscribers(store, [{ email: 'late@example.com' }], T2);
    expect(enqueueAudience(store, ISSUE, T2)).toBe(1);
    expect(deliveryRow(store, 3)).toMatchObject({ status: 'pending', attempts: 0, updated_at: T2.toISOString() });
    expect(deliveryRow(store, 1)).toMatchObject({ status: 'sent', updated_at: T1.toISOString() });
  });

  it('refuses an issue that was never built and writes nothing', () => {
    const store = seeded(1);
    expect(() => enqueueAudience(store, '2026-W01', NOW)).toThrowError(
      expect.objectContaining({ code: 'ISSUE_NOT_BUILT', message: 'issue 2026-W01 has not been built' }),
    );
    expect(deliveryCounts(store, '2026-W01').total).toBe(0);
  });
});

describe('deliveryCounts, listFailures and hasRetryableFailures', () => {
  it('counts by status and lists failures with the subscriber email, by subscriber id', () => {
    const store = seeded(5);
    enqueueAudience(store, ISSUE, NOW);
    attempt(store, failedOutcome(4, 'ETIMEDOUT', null), T1);
    attempt(store, sentOutcome(1), T1);
    attempt(store, failedOutcome(2, '550', '550 5.1.1 No such user', { permanent: true }), T1);
    claimDeliveries(store, ISSUE, [5], T1);

    expect(deliveryCounts(store, ISSUE)).toEqual({ pending: 1, sending: 1, sent: 1, failed: 2, skipped: 0, total: 5 });
    expect(deliveryCounts(store, '2026-W49')).toEqual({ pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0, total: 0 });
    expect(listFailures(store, ISSUE)).toEqual([
      { email: 'user2@example.com', code: '550', response: '550 5.1.1 No such user' },
      { email: 'user4@example.com', code: 'ETIMEDOUT', response: null },
    ]);
    expect(listFailures(store, '2026-W49')).toEqual([]);
  });

  it.each<[string, boolean, DeliveryOutcome[]]>([
    ['no failure', false, []],
    ['only a permanent failure', false, [failedOutcome(1, '550', 'no such user', { permanent: true })]],
    ['a temporary failure', true, [failedOutcome(1, '421', 'try again later')]],
    ['a dropped connection', true, [failedOutcome(1, 'ECONNRESET', null)]],
    ['a temporary failure that later went out', false, [failedOutcome(1, '421', 'later'), sentOutcome(1)]],
  ])('with %s, hasRetryableFailures is %s', (_case, expected, outcomes) => {
    const store = seeded(2);
    enqueueAudience(store, ISSUE, NOW);
    for (const outcome of outcomes) attempt(store, outcome, T1);
    expect(hasRetryableFailures(store, ISSUE)).toBe(expected);
    expect(hasRetryableFailures(store, '2026-W49')).toBe(false);
  });
});

describe('pageUnsentDeliveries', () => {
  it.each([1, 5, 22, 23, 100])('returns every pending delivery exactly once with pages of %i, in subscriber order', (size) => {
    const store = seeded(23);
    enqueueAudience(store, ISSUE, NOW);
    expect(allUnsent(store, size).map((d) => d.subscriber.id)).toEqual(range(23));
  });

  it('stays exact while the caller claims and records rows during the walk', () => {
    const store = seeded(12);
    enqueueAudience(store, ISSUE, NOW);

    const seen: number[] = [];
    let after = 0;
    for (;;) {
      const page = pageUnsentDeliveries(store, ISSUE, after, 4);
      if (page.length === 0) break;
      for (const { subscriber } of page) {
        seen.push(subscriber.id);
        attempt(store, sentOutcome(subscriber.id), T1);
      }
      after = page[page.length - 1]?.subscriber.id ?? after;
    }

    expect(seen).toEqual(range(12));
    expect(deliveryCounts(store, ISSUE)).toMatchObject({ sent: 12, total: 12 });
    expect(allUnsent(store, 4)).toEqual([]);
  });

  it('skips sent rows and permanent failures; pages subscribers who left (claiming skips them) and temporary failures again', () => {
    const store = seeded(7);
    enqueueAudience(store, ISSUE, NOW);
    attempt(store, sentOutcome(1), T1);
    attempt(store, failedOutcome(2, '550', '550 5.1.1 No such user', { permanent: true }), T1);
    claimDeliveries(store, ISSUE, [3], T1);
    setSubscriberStatus(store, 5, 'unsubscribed', T1);
    setSubscriberStatus(store, 6, 'bounced', T1);
    attempt(store, failedOutcome(7, '421', '421 4.7.0 Try again later'), T1);

    expect(allUnsent(store, 2).map((d) => [d.subscriber.id, d.subscriber.status, d.status, d.attempts])).toEqual([
      [3, 'active', 'sending', 1],
      [4, 'active', 'pending', 0],
      [5, 'unsubscribed', 'pending', 0],
      [6, 'bounced', 'pending', 0],
      [7, 'active', 'failed', 1],
    ]);
    expect(allUnsent(store, 2).every((d) => d.messageKey === d.subscriber.uid && /^[0-9a-f]{24}$/.test(d.messageKey))).toBe(true);
  });

  it('after a restart, a row left in `sending` is still unsent', () => {
    const dataDir = temp.dir();
    const first = seeded(3, dataDir);
    enqueueAudience(first, ISSUE, NOW);
    attempt(first, sentOutcome(1), T1);
    claimDeliveries(first, ISSUE, [2], T1);
    // The process dies here, mid-send: no outcome, no close(). Copying the
    // files while the connection is still open captures exactly what a
    // killed process leaves on disk (committed pages, some only in the WAL).
    const afterCrash = temp.dir();
    for (const name of fs.readdirSync(dataDir).filter((file) => !file.endsWith('-shm'))) {
      fs.copyFileSync(path.join(dataDir, name), path.join(afterCrash, name));
    }
    expect(fs.existsSync(path.join(afterCrash, 'digest.sqlite-wal'))).toBe(true);

    const second = temp.open(afterCrash);
    expect(deliveryCounts(second, ISSUE)).toEqual({ pending: 1, sending: 1, sent: 1, failed: 0, skipped: 0, total: 3 });
    expect(allUnsent(second, 10).map((d) => [d.subscriber.id, d.status, d.attempts])).toEqual([
      [2, 'sending', 1],
      [3, 'pending', 0],
    ]);
    expect(deliveryRow(second, 1)).toMatchObject({ status: 'sent', message_id: '<m1@example.com>' });
  });
});
