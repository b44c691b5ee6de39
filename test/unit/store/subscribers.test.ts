import { describe, expect, it } from 'vitest';
import {
  countActiveSubscribers,
  findSubscriberByEmail,
  getSubscriberByUid,
  getSubscriber,
  listSubscribers,
  pageActiveSubscribers,
  recordHardBounce,
  setSubscriberStatus,
  upsertSubscribers,
} from '../../../src/store/subscribers.js';
import type { Store } from '../../../src/store/db.js';
import type { Subscriber } from '../../../src/types.js';
import { NOW, useTempStores } from './temp-store.js';

const temp = useTempStores();
const LATER = new Date('2026-12-07T08:00:00.000Z');

const rowOf = (store: Store, id: number): Record<string, unknown> | undefined =>
  store.db.prepare<[number], Record<string, unknown>>('SELECT * FROM subscribers WHERE id = ?').get(id);

describe('upsertSubscribers', () => {
  it('adds new subscribers trimmed and lower-cased, active, with timestamps from `now`', () => {
    const store = temp.open();
    expect(upsertSubscribers(store, [{ email: '  Ada@Example.COM ', name: 'Ada' }, { email: 'bob@example.com' }], NOW)).toEqual({
      added: 2,
      updated: 0,
      unchanged: 0,
      suppressed: [],
    });
    expect(listSubscribers(store)).toEqual([
      { id: 1, uid: expect.any(String), email: 'ada@example.com', name: 'Ada', status: 'active' },
      { id: 2, uid: expect.any(String), email: 'bob@example.com', name: null, status: 'active' },
    ]);
    expect(rowOf(store, 1)).toMatchObject({
      bounce_count: 0,
      created_at: '2026-11-30T08:00:00.000Z',
      updated_at: '2026-11-30T08:00:00.000Z',
      unsubscribed_at: null,
    });
  });

  it('dedupes case-insensitively, updates a changed name and counts the rest as unchanged', () => {
    const store = temp.open();
    upsertSubscribers(store, [{ email: 'ada@example.com', name: 'Ada' }, { email: 'bob@example.com', name: 'Bob' }], NOW);

    const result = upsertSubscribers(
      store,
      [
        { email: 'ADA@example.com', name: 'Ada Lovelace' },
        { email: 'Bob@Example.com', name: 'Bob' },
        { email: 'bob@example.com' },
      ],
      LATER,
    );

    expect(result).toEqual({ added: 0, updated: 1, unchanged: 2, suppressed: [] });
    expect(listSubscribers(store)).toEqual([
      { id: 1, uid: expect.any(String), email: 'ada@example.com', name: 'Ada Lovelace', status: 'active' },
      { id: 2, uid: expect.any(String), email: 'bob@example.com', name: 'Bob', status: 'active' },
    ]);
    expect(rowOf(store, 1)).toMatchObject({ created_at: NOW.toISOString(), updated_at: LATER.toISOString() });
    expect(rowOf(store, 2)).toMatchObject({ updated_at: NOW.toISOString() });
  });

  it.each<[string, 'unsubscribed' | 'bounced']>([
    ['an unsubscribed', 'unsubscribed'],
    ['a bounced', 'bounced'],
  ])('never re-activates %s subscriber, but still updates the name', (_label, status) => {
    const store = temp.open();
    upsertSubscribers(store, [{ email: 'ada@example.com', name: 'Ada' }], NOW);
    setSubscriberStatus(store, 1, status, NOW);

    expect(upsertSubscribers(store, [{ email: 'Ada@Example.com', name: 'Ada L.' }], LATER)).toEqual({
      added: 0,
      updated: 1,
      unchanged: 0,
      suppressed: [],
    });
    expect(getSubscriber(store, 1)).toEqual({ id: 1, uid: expect.any(String), email: 'ada@example.com', name: 'Ada L.', status });
    expect(countActiveSubscribers(store)).toBe(0);
  });

  it('is all-or-nothing: a failing row rolls back the whole import', () => {
    const store = temp.open();
    store.db.exec(`CREATE TRIGGER boom BEFORE INSERT ON subscribers WHEN NEW.email = 'boom@example.com'
                   BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    expect(() =>
      upsertSubscribers(store, [{ email: 'ada@example.com' }, { email: 'boom@example.com' }], NOW),
    ).toThrow('disk on fire');
    expect(listSubscribers(store)).toEqual([]);
  });
});

describe('lookups', () => {
  it('finds by id and by email in any case, undefined when unknown', () => {
    const store = temp.open();
    upsertSubscribers(store, [{ email: 'ada@example.com', name: 'Ada' }], NOW);
    const ada: Subscriber = { id: 1, uid: expect.stringMatching(/^[0-9a-f]{24}$/) as unknown as string, email: 'ada@example.com', name: 'Ada', status: 'active' };

    expect(getSubscriber(store, 1)).toEqual(ada);
    expect(getSubscriberByUid(store, getSubscriber(store, 1)?.uid ?? '')).toEqual(ada);
    expect(getSubscriberByUid(store, '0'.repeat(24))).toBeUndefined();
    expect(findSubscriberByEmail(store, ' ADA@example.com')).toEqual(ada);
    expect(getSubscriber(store, 99)).toBeUndefined();
    expect(findSubscriberByEmail(store, 'nobody@example.com')).toBeUndefined();
  });
});

describe('setSubscriberStatus', () => {
  it('records the first unsubscribe date and clears it on re-activation', () => {
    const store = temp.open();
    upsertSubscribers(store, [{ email: 'ada@example.com' }], NOW);

    expect(setSubscriberStatus(store, 1, 'unsubscribed', NOW).status).toBe('unsubscribed');
    setSubscriberStatus(store, 1, 'unsubscribed', LATER);
    expect(rowOf(store, 1)).toMatchObject({ unsubscribed_at: NOW.toISOString(), updated_at: LATER.toISOString() });

    expect(setSubscriberStatus(store, 1, 'active', LATER).status).toBe('active');
    expect(rowOf(store, 1)).toMatchObject({ unsubscribed_at: null });
  });

  it('throws STORE_FAILED for an unknown id', () => {
    const store = temp.open();
    expect(() => setSubscriberStatus(store, 7, 'active', NOW)).toThrowError(
      expect.objectContaining({ code: 'STORE_FAILED', message: 'no subscriber with id 7' }),
    );
  });
});

describe('recordHardBounce', () => {
  it('counts bounces and marks the subscriber bounced at the threshold', () => {
    const store = temp.open();
    upsertSubscribers(store, [{ email: 'ada@example.com' }], NOW);

    expect(recordHardBounce(store, 1, NOW, 2).status).toBe('active');
    expect(rowOf(store, 1)).toMatchObject({ bounce_count: 1 });
    expect(recordHardBounce(store, 1, LATER, 2).status).toBe('bounced');
    expect(rowOf(store, 1)).toMatchObject({ bounce_count: 2, updated_at: LATER.toISOString() });
    expect(countActiveSubscribers(store)).toBe(0);
  });

  it('keeps an unsubscribed subscriber unsubscribed', () => {
    const store = temp.open();
    upsertSubscribers(store, [{ email: 'ada@example.com' }], NOW);
    setSubscriberStatus(store, 1, 'unsubscribed', NOW);

    expect(recordHardBounce(store, 1, NOW, 1).status).toBe('unsubscribed');
    expect(rowOf(store, 1)).toMatchObject({ bounce_count: 1 });
  });

  it('throws STORE_FAILED for an unknown id', () => {
    const store = temp.open();
    expect(() => recordHardBounce(store, 3, NOW, 1)).toThrowError(expect.objectContaining({ code: 'STORE_FAILED' }));
  });
});

describe('pageActiveSubscribers', () => {
  it('returns every active subscriber exactly once across pages, in id order, skipping inactive ones', () => {
    const store = temp.open();
    const emails = Array.from({ length: 25 }, (_, i) => ({ email: `user${i}@example.com` }));
    upsertSubscribers(store, emails, NOW);
    for (const id of [3, 10, 11, 25]) setSubscriberStatus(store, id, id % 2 ? 'bounced' : 'unsubscribed', NOW);

    const seen: number[] = [];
    const pageSizes: number[] = [];
    let after = 0;
    for (;;) {
      const page = pageActiveSubscribers(store, after, 4);
      if (page.length === 0) break;
      pageSizes.push(page.length);
      seen.push(...page.map((s) => s.id));
      after = page[page.length - 1]?.id ?? after;
    }

    const expected = Array.from({ length: 25 }, (_, i) => i + 1).filter((id) => ![3, 10, 11, 25].includes(id));
    expect(seen).toEqual(expected);
    expect(pageSizes).toEqual([4, 4, 4, 4, 4, 1]);
    expect(countActiveSubscribers(store)).toBe(21);
  });
});
