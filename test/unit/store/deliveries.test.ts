import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  deliveryCounts,
  ensureDeliveries,
  getDelivery,
  isSent,
  listFailures,
  markFailed,
  markSending,
  markSent,
  pageUnsentDeliveries,
  type UnsentDelivery,
} from '../../../src/store/deliveries.js';
import type { Store } from '../../../src/store/db.js';
import { saveIssue } from '../../../src/store/issues.js';
import { setSubscriberStatus, upsertSubscribers } from '../../../src/store/subscribers.js';
import { NOW, useTempStores } from './temp-store.js';

const temp = useTempStores();
const ISSUE = '2026-W48';
const T1 = new Date('2026-11-30T08:01:00.000Z');
const T2 = new Date('2026-11-30T08:02:00.000Z');

/** A store with one built issue and `count` subscribers with ids 1..count. */
function seeded(count: number, dataDir?: string): Store {
  const store = temp.open(dataDir);
  upsertSubscribers(
    store,
    Array.from({ length: count }, (_, i) => ({ email: `user${i + 1}@example.com`, name: `User ${i + 1}` })),
    NOW,
  );
  saveIssue(
    store,
    { id: ISSUE, weekStart: NOW, weekEnd: NOW, subject: 'Weekly', articleCount: 3, htmlBytes: 1000 },
    NOW,
  );
  return store;
}

function allUnsent(store: Store, pageSize: number): UnsentDelivery[] {
  const all: UnsentDelivery[] = [];
  let after = 0;
  for (;;) {
    const page = pageUnsentDeliveries(store, ISSUE, after, pageSize);
    if (page.length === 0) return all;
    all.push(...page);
    after = page[page.length - 1]?.subscriber.id ?? after;
  }
}

describe('ensureDeliveries', () => {
  it('adds pending rows once; existing rows keep their state', () => {
    const store = seeded(3);
    expect(ensureDeliveries(store, ISSUE, [1, 2], NOW)).toBe(2);
    markSending(store, ISSUE, 1, T1);
    markSent(store, ISSUE, 1, '<m1@example.com>', '250 OK', T1);

    expect(ensureDeliveries(store, ISSUE, [1, 2, 3], T2)).toBe(1);
    expect(deliveryCounts(store, ISSUE)).toEqual({ pending: 2, sending: 0, sent: 1, failed: 0, total: 3 });
    expect(getDelivery(store, ISSUE, 3)).toEqual({
      issueId: ISSUE,
      subscriberId: 3,
      status: 'pending',
      messageId: null,
      attempts: 0,
      lastCode: null,
      lastResponse: null,
      updatedAt: T2,
    });
  });

  it('refuses an issue that was never built', () => {
    const store = seeded(1);
    expect(() => ensureDeliveries(store, '2026-W01', [1], NOW)).toThrowError(
      expect.objectContaining({ code: 'ISSUE_NOT_BUILT' }),
    );
  });

  it('rolls back the whole batch when a subscriber id does not exist', () => {
    const store = seeded(2);
    expect(() => ensureDeliveries(store, ISSUE, [1, 2, 99], NOW)).toThrow(/FOREIGN KEY/);
    expect(deliveryCounts(store, ISSUE).total).toBe(0);
  });
});

describe('ledger transitions', () => {
  it('pending -> sending -> sent, counting attempts and keeping the message id', () => {
    const store = seeded(1);
    ensureDeliveries(store, ISSUE, [1], NOW);

    expect(markSending(store, ISSUE, 1, T1)).toBe(true);
    expect(getDelivery(store, ISSUE, 1)).toMatchObject({ status: 'sending', attempts: 1, updatedAt: T1 });
    expect(isSent(store, ISSUE, 1)).toBe(false);

    markSent(store, ISSUE, 1, '<m1@example.com>', '250 2.0.0 OK queued', T2);
    expect(getDelivery(store, ISSUE, 1)).toEqual({
      issueId: ISSUE,
      subscriberId: 1,
      status: 'sent',
      messageId: '<m1@example.com>',
      attempts: 1,
      lastCode: null,
      lastResponse: '250 2.0.0 OK queued',
      updatedAt: T2,
    });
    expect(isSent(store, ISSUE, 1)).toBe(true);
  });

  it('failed -> sending -> sent on retry, clearing the failure code', () => {
    const store = seeded(1);
    ensureDeliveries(store, ISSUE, [1], NOW);
    markSending(store, ISSUE, 1, T1);
    markFailed(store, ISSUE, 1, '421', '421 4.7.0 Try again later', T1);
    expect(getDelivery(store, ISSUE, 1)).toMatchObject({ status: 'failed', attempts: 1, lastCode: '421' });

    expect(markSending(store, ISSUE, 1, T2)).toBe(true);
    expect(getDelivery(store, ISSUE, 1)).toMatchObject({ status: 'sending', attempts: 2 });
    markSent(store, ISSUE, 1, '<m1@example.com>', '250 OK', T2);
    expect(getDelivery(store, ISSUE, 1)).toMatchObject({ status: 'sent', attempts: 2, lastCode: null });
  });

  it('a sent delivery is never marked sending or failed again', () => {
    const store = seeded(1);
    ensureDeliveries(store, ISSUE, [1], NOW);
    markSending(store, ISSUE, 1, T1);
    markSent(store, ISSUE, 1, '<m1@example.com>', '250 OK', T1);

    expect(markSending(store, ISSUE, 1, T2)).toBe(false);
    expect(() => markFailed(store, ISSUE, 1, '550', 'late', T2)).toThrowError(
      expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining('already sent') }),
    );
    expect(getDelivery(store, ISSUE, 1)).toMatchObject({ status: 'sent', attempts: 1, updatedAt: T1 });
  });

  it.each([
    ['markSending', (store: Store) => markSending(store, ISSUE, 1, T1)],
    ['markSent', (store: Store) => markSent(store, ISSUE, 1, null, null, T1)],
    ['markFailed', (store: Store) => markFailed(store, ISSUE, 1, '550', null, T1)],
  ])('%s without a delivery row throws STORE_FAILED', (_name, mark) => {
    const store = seeded(1);
    expect(() => mark(store)).toThrowError(
      expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining('no such delivery') }),
    );
  });

  it('counts by status and lists failures with the subscriber email', () => {
    const store = seeded(5);
    ensureDeliveries(store, ISSUE, [1, 2, 3, 4, 5], NOW);
    markSending(store, ISSUE, 1, T1);
    markSent(store, ISSUE, 1, '<m1@example.com>', '250 OK', T1);
    markSending(store, ISSUE, 2, T1);
    markFailed(store, ISSUE, 2, '550', '550 5.1.1 No such user', T1);
    markSending(store, ISSUE, 4, T1);
    markFailed(store, ISSUE, 4, 'ETIMEDOUT', null, T1);
    markSending(store, ISSUE, 5, T1);

    expect(deliveryCounts(store, ISSUE)).toEqual({ pending: 1, sending: 1, sent: 1, failed: 2, total: 5 });
    expect(deliveryCounts(store, '2026-W49')).toEqual({ pending: 0, sending: 0, sent: 0, failed: 0, total: 0 });
    expect(listFailures(store, ISSUE)).toEqual([
      { email: 'user2@example.com', code: '550', response: '550 5.1.1 No such user' },
      { email: 'user4@example.com', code: 'ETIMEDOUT', response: null },
    ]);
  });
});

describe('pageUnsentDeliveries', () => {
  it('returns every pending delivery exactly once across pages, in subscriber order', () => {
    const store = seeded(23);
    ensureDeliveries(store, ISSUE, Array.from({ length: 23 }, (_, i) => i + 1), NOW);

    const ids = allUnsent(store, 5).map((d) => d.subscriber.id);
    expect(ids).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
  });

  it('stays exact while the caller marks rows during the walk', () => {
    const store = seeded(12);
    ensureDeliveries(store, ISSUE, Array.from({ length: 12 }, (_, i) => i + 1), NOW);

    const seen: number[] = [];
    let after = 0;
    for (;;) {
      const page = pageUnsentDeliveries(store, ISSUE, after, 4);
      if (page.length === 0) break;
      for (const { subscriber } of page) {
        seen.push(subscriber.id);
        markSending(store, ISSUE, subscriber.id, T1);
        markSent(store, ISSUE, subscriber.id, `<m${subscriber.id}@example.com>`, '250 OK', T1);
      }
      after = page[page.length - 1]?.subscriber.id ?? after;
    }

    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(deliveryCounts(store, ISSUE)).toMatchObject({ sent: 12, total: 12 });
    expect(allUnsent(store, 4)).toEqual([]);
  });

  it('skips sent and failed rows and subscribers who are no longer active', () => {
    const store = seeded(6);
    ensureDeliveries(store, ISSUE, [1, 2, 3, 4, 5, 6], NOW);
    markSending(store, ISSUE, 1, T1);
    markSent(store, ISSUE, 1, '<m1@example.com>', '250 OK', T1);
    markSending(store, ISSUE, 2, T1);
    markFailed(store, ISSUE, 2, '550', 'no', T1);
    markSending(store, ISSUE, 3, T1);
    setSubscriberStatus(store, 5, 'unsubscribed', T1);
    setSubscriberStatus(store, 6, 'bounced', T1);

    expect(allUnsent(store, 2)).toEqual([
      {
        subscriber: { id: 3, email: 'user3@example.com', name: 'User 3', status: 'active' },
        status: 'sending',
        attempts: 1,
      },
      {
        subscriber: { id: 4, email: 'user4@example.com', name: 'User 4', status: 'active' },
        status: 'pending',
        attempts: 0,
      },
    ]);
  });

  it('after a restart, a row left in `sending` is still unsent', () => {
    const dataDir = temp.dir();
    const first = seeded(3, dataDir);
    ensureDeliveries(first, ISSUE, [1, 2, 3], NOW);
    markSending(first, ISSUE, 1, T1);
    markSent(first, ISSUE, 1, '<m1@example.com>', '250 OK', T1);
    markSending(first, ISSUE, 2, T1);
    // The process dies here, mid-send: no markSent, no close(). Copying the
    // files while the connection is still open captures exactly what a
    // killed process leaves on disk (committed pages, some only in the WAL).
    const afterCrash = temp.dir();
    for (const name of fs.readdirSync(dataDir).filter((file) => !file.endsWith('-shm'))) {
      fs.copyFileSync(path.join(dataDir, name), path.join(afterCrash, name));
    }
    expect(fs.existsSync(path.join(afterCrash, 'digest.sqlite-wal'))).toBe(true);

    const second = temp.open(afterCrash);
    expect(deliveryCounts(second, ISSUE)).toEqual({ pending: 1, sending: 1, sent: 1, failed: 0, total: 3 });
    expect(allUnsent(second, 10).map((d) => [d.subscriber.id, d.status, d.attempts])).toEqual([
      [2, 'sending', 1],
      [3, 'pending', 0],
    ]);
    expect(isSent(second, ISSUE, 1)).toBe(true);
  });
});
