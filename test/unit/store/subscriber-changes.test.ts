import { describe, expect, it } from 'vitest';
import { DigestError } from '../../../src/errors.js';
import { enqueueAudience } from '../../../src/store/deliveries.js';
import { claimDeliveries } from '../../../src/store/ledger.js';
import { addSubscriber, forgetSubscriber, removeSubscriber, resubscribe, unsubscribe } from '../../../src/store/subscriber-changes.js';
import { findSubscriberByEmail, listSubscribers, upsertSubscribers } from '../../../src/store/subscribers.js';
import { addressHash, suppress, suppressionOf } from '../../../src/store/suppressions.js';
import { ISSUE, seedLedger } from './ledger-fixtures.js';
import { NOW, useTempStores } from './temp-store.js';

const temp = useTempStores();

const codeOf = (action: () => unknown): string | undefined => {
  try {
    action();
  } catch (error) {
    if (error instanceof DigestError) return error.code;
    throw error;
  }
  return undefined;
};

describe('addSubscriber', () => {
  it('adds an active subscriber, lower-cased, and refuses a second add of the same address', () => {
    const store = temp.open();
    expect(addSubscriber(store, { email: 'Ana@Example.com', name: ' Ana ' }, NOW)).toMatchObject({ email: 'ana@example.com', name: 'Ana', status: 'active' });
    expect(codeOf(() => addSubscriber(store, { email: 'ana@example.com' }, NOW))).toBe('INPUT_INVALID');
    expect(codeOf(() => addSubscriber(store, { email: 'not-an-address' }, NOW))).toBe('INPUT_INVALID');
    expect(listSubscribers(store)).toHaveLength(1);
  });

  it('refuses a complained or forgotten address even with force, and lets a hard bounce back only with force', () => {
    const store = temp.open();
    suppress(store, 'c@example.com', 'complaint', NOW);
    suppress(store, 'f@example.com', 'forgotten', NOW);
    suppress(store, 'h@example.com', 'hard-bounce', NOW);
    expect(codeOf(() => addSubscriber(store, { email: 'c@example.com' }, NOW, true))).toBe('ADDRESS_SUPPRESSED');
    expect(codeOf(() => addSubscriber(store, { email: 'f@example.com' }, NOW, true))).toBe('ADDRESS_SUPPRESSED');
    expect(codeOf(() => addSubscriber(store, { email: 'h@example.com' }, NOW))).toBe('ADDRESS_SUPPRESSED');
    expect(addSubscriber(store, { email: 'h@example.com' }, NOW, true).status).toBe('active');
    expect(suppressionOf(store, 'h@example.com')).toBeUndefined();
    expect(listSubscribers(store).map((s) => s.email)).toEqual(['h@example.com']);
  });
});

describe('unsubscribe and resubscribe', () => {
  it('round-trips the status, names an unknown address, and keeps a complaint unsubscribed', () => {
    const store = temp.open();
    addSubscriber(store, { email: 'a@example.com' }, NOW);
    expect(unsubscribe(store, 'a@example.com', NOW).status).toBe('unsubscribed');
    expect(resubscribe(store, 'A@example.com', NOW).status).toBe('active');
    expect(() => unsubscribe(store, 'nobody@example.com', NOW)).toThrow(/nobody@example\.com is not on the list/);
    unsubscribe(store, 'a@example.com', NOW);
    suppress(store, 'a@example.com', 'complaint', NOW);
    expect(codeOf(() => resubscribe(store, 'a@example.com', NOW, true))).toBe('ADDRESS_SUPPRESSED');
    expect(findSubscriberByEmail(store, 'a@example.com')?.status).toBe('unsubscribed');
  });
});

describe('removeSubscriber and forgetSubscriber', () => {
  it('deletes a subscriber without deliveries; the address may come back', () => {
    const store = temp.open();
    addSubscriber(store, { email: 'a@example.com', name: 'A' }, NOW);
    expect(removeSubscriber(store, 'a@example.com', NOW)).toBe('deleted');
    expect(store.db.prepare('SELECT count(*) AS n FROM subscribers').get()).toEqual({ n: 0 });
    expect(addSubscriber(store, { email: 'a@example.com' }, NOW).status).toBe('active');
  });

  it('keeps deliveries of a removed subscriber on an anonymous stub that no audience or lookup includes', () => {
    const store = seedLedger(temp.open(), 2);
    enqueueAudience(store, ISSUE, NOW);
    expect(removeSubscriber(store, 'user1@example.com', NOW)).toBe('erased');
    const stub = store.db.prepare('SELECT email, name, status, erased_at FROM subscribers WHERE id = 1').get() as Record<string, unknown>;
    expect(stub).toMatchObject({ name: null, status: 'unsubscribed', erased_at: NOW.toISOString() });
    expect(String(stub.email)).not.toContain('user1');
    expect(store.db.prepare('SELECT count(*) AS n FROM deliveries').get()).toEqual({ n: 2 });
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    expect(listSubscribers(store).map((s) => s.email)).toEqual(['user2@example.com']);
    expect(findSubscriberByEmail(store, 'user1@example.com')).toBeUndefined();
    // The unfinished delivery is not claimed: it is skipped.
    expect(claimDeliveries(store, ISSUE, [1, 2], NOW)).toEqual([2]);
  });

  it('forget deletes the data and suppresses the hash, so an import leaves the address out', () => {
    const store = seedLedger(temp.open(), 2);
    enqueueAudience(store, ISSUE, NOW);
    forgetSubscriber(store, 'user1@example.com', NOW);
    forgetSubscriber(store, 'USER2@example.com', NOW);
    expect(store.db.prepare('SELECT reason FROM suppressions WHERE address_hash = ?').get(addressHash('user1@example.com'))).toEqual({ reason: 'forgotten' });
    const dump = JSON.stringify(store.db.prepare('SELECT * FROM subscribers').all());
    expect(dump).not.toMatch(/user[12]@example|User [12]/);
    expect(upsertSubscribers(store, [{ email: 'user1@example.com', name: 'Again' }], NOW, { force: true })).toMatchObject({ added: 0, suppressed: ['user1@example.com'] });
    expect(listSubscribers(store)).toEqual([]);
    expect(() => forgetSubscriber(store, 'user1@example.com', NOW)).toThrow(/not on the list/);
  });
});

describe('pending subscribers', () => {
  it('are never in an issue\'s audience', () => {
    const store = seedLedger(temp.open(), 3);
    store.db.prepare(`UPDATE subscribers SET status = 'pending' WHERE id = 2`).run();
    expect(enqueueAudience(store, ISSUE, NOW)).toBe(2);
    expect(store.db.prepare<[], number>('SELECT subscriber_id FROM deliveries ORDER BY 1').pluck().all()).toEqual([1, 3]);
  });

  it('who became pending after the audience was fixed are skipped, not sent', () => {
    const store = seedLedger(temp.open(), 2);
    enqueueAudience(store, ISSUE, NOW);
    store.db.prepare(`UPDATE subscribers SET status = 'pending' WHERE id = 1`).run();
    expect(claimDeliveries(store, ISSUE, [1, 2], NOW)).toEqual([2]);
  });
});

describe('upsertSubscribers and suppressions', () => {
  it('lists suppressed addresses, re-activates a hard bounce only with force, and changes nothing on a dry run', () => {
    const store = temp.open();
    upsertSubscribers(store, [{ email: 'c@example.com' }, { email: 'h@example.com' }], NOW);
    store.db.prepare(`UPDATE subscribers SET status = 'unsubscribed' WHERE email = 'c@example.com'`).run();
    store.db.prepare(`UPDATE subscribers SET status = 'bounced' WHERE email = 'h@example.com'`).run();
    suppress(store, 'c@example.com', 'complaint', NOW);
    suppress(store, 'h@example.com', 'hard-bounce', NOW);
    const rows = [{ email: 'c@example.com' }, { email: 'h@example.com' }, { email: 'new@example.com' }];

    expect(upsertSubscribers(store, rows, NOW)).toEqual({ added: 1, updated: 0, unchanged: 0, suppressed: ['c@example.com', 'h@example.com'] });
    expect(upsertSubscribers(store, rows, NOW, { force: true, dryRun: true })).toEqual({ added: 0, updated: 1, unchanged: 1, suppressed: ['c@example.com'] });
    expect(suppressionOf(store, 'h@example.com')).toBe('hard-bounce');
    expect(findSubscriberByEmail(store, 'h@example.com')?.status).toBe('bounced');

    expect(upsertSubscribers(store, rows, NOW, { force: true })).toEqual({ added: 0, updated: 1, unchanged: 1, suppressed: ['c@example.com'] });
    expect(listSubscribers(store).map(({ email, status }) => [email, status])).toEqual([
      ['c@example.com', 'unsubscribed'],
      ['h@example.com', 'active'],
      ['new@example.com', 'active'],
    ]);
  });

  it('a dry run adds nobody', () => {
    const store = temp.open();
    expect(upsertSubscribers(store, [{ email: 'a@example.com' }], NOW, { dryRun: true })).toMatchObject({ added: 1 });
    expect(listSubscribers(store)).toEqual([]);
  });
});

describe('bounced subscribers without a suppression entry', () => {
  it('resubscribe and a forced import re-activate them only with force', () => {
    const store = temp.open();
    upsertSubscribers(store, [{ email: 'b@example.com' }, { email: 'u@example.com' }], NOW);
    store.db.prepare(`UPDATE subscribers SET status = 'bounced', bounce_count = 3 WHERE email = 'b@example.com'`).run();
    store.db.prepare(`UPDATE subscribers SET status = 'unsubscribed' WHERE email = 'u@example.com'`).run();
    expect(codeOf(() => resubscribe(store, 'b@example.com', NOW))).toBe('ADDRESS_SUPPRESSED');
    expect(upsertSubscribers(store, [{ email: 'b@example.com' }, { email: 'u@example.com' }], NOW)).toMatchObject({ updated: 0, unchanged: 2 });
    // force never touches an unsubscribe: that was the person's choice.
    expect(upsertSubscribers(store, [{ email: 'b@example.com' }, { email: 'u@example.com' }], NOW, { force: true })).toMatchObject({ updated: 1, unchanged: 1 });
    expect(store.db.prepare(`SELECT email, status, bounce_count FROM subscribers ORDER BY id`).all()).toEqual([
      { email: 'b@example.com', status: 'active', bounce_count: 0 },
      { email: 'u@example.com', status: 'unsubscribed', bounce_count: 0 },
    ]);
  });
});

describe('removing a bounced subscriber', () => {
  it('suppresses the address as a hard bounce, so an import does not bring the dead mailbox back', () => {
    const store = temp.open();
    upsertSubscribers(store, [{ email: 'b@example.com' }], NOW);
    store.db.prepare(`UPDATE subscribers SET status = 'bounced'`).run();
    expect(removeSubscriber(store, 'b@example.com', NOW)).toBe('deleted');
    expect(suppressionOf(store, 'b@example.com')).toBe('hard-bounce');
    expect(upsertSubscribers(store, [{ email: 'b@example.com' }], NOW)).toMatchObject({ added: 0, suppressed: ['b@example.com'] });
    expect(upsertSubscribers(store, [{ email: 'b@example.com' }], NOW, { force: true })).toMatchObject({ added: 1, suppressed: [] });
  });
});
