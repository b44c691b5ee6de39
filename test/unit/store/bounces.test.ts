import { describe, expect, it } from 'vitest';
import { applyReport, type BounceEvent, type BounceReport } from '../../../src/bounces/index.js';
import { createBounceStore } from '../../../src/store/bounces.js';
import { suppressionOf } from '../../../src/store/suppressions.js';
import { enqueueAudience } from '../../../src/store/deliveries.js';
import { claimDeliveries, recordOutcomes } from '../../../src/store/ledger.js';
import { deliveryRow, ISSUE, seedLedger, subscriberRow, T1, T2 } from './ledger-fixtures.js';
import { NOW, useTempStores } from './temp-store.js';

const event = (kind: BounceEvent['kind'], address: string | null, status: string | null): BounceEvent => ({
  kind,
  address,
  originalRecipient: null,
  status,
  action: kind === 'complaint' ? 'abuse' : 'failed',
  diagnostic: status === null ? null : `550 ${status} user unknown`,
});

const report = (events: BounceEvent[], originalMessageId: string | null = null, verpToken: string | null = null): BounceReport => ({
  type: 'dsn',
  format: 'rfc3464',
  events,
  originalMessageId,
  originalTo: null,
  listId: null,
  verpToken,
});

describe('bounce store', () => {
  const stores = useTempStores();

  /** Two subscribers, both sent the issue with Message-ID <2026-W48.user<i>@news.test.example>. */
  const sentTo = () => {
    const store = seedLedger(stores.open(), 2);
    enqueueAudience(store, ISSUE, NOW);
    claimDeliveries(store, ISSUE, [1, 2], T1);
    recordOutcomes(
      store,
      ISSUE,
      [1, 2].map((id) => ({ subscriberId: id, status: 'sent' as const, messageId: `<${ISSUE}.user${id}@news.test.example>`, response: '250 ok' })),
      T1,
      1,
    );
    return store;
  };

  it('suppresses a complaining address at once, and a bounced one when the threshold is reached', () => {
    const store = sentTo();
    const bounceStore = createBounceStore(store, { now: T2, bounceThreshold: 2 });
    applyReport(report([event('complaint', 'user1@example.com', null)], `<${ISSUE}.user1@news.test.example>`), bounceStore);
    expect(suppressionOf(store, 'User1@Example.com')).toBe('complaint');
    const hard = report([event('hard', 'user2@example.com', '5.1.1')], `<${ISSUE}.user2@news.test.example>`);
    applyReport(hard, bounceStore);
    expect(suppressionOf(store, 'user2@example.com')).toBeUndefined();
    applyReport(hard, bounceStore);
    expect(subscriberRow(store, 2)).toMatchObject({ status: 'bounced' });
    expect(suppressionOf(store, 'user2@example.com')).toBe('hard-bounce');
  });

  it('keeps a soft bounce on the delivery without touching the subscriber', () => {
    const store = sentTo();
    const outcome = applyReport(report([event('soft', 'user1@example.com', '4.2.2')], `<${ISSUE}.user1@news.test.example>`), createBounceStore(store, { now: T2, bounceThreshold: 1 }));
    expect(outcome).toBe('soft');
    expect(deliveryRow(store, 1)).toMatchObject({ status: 'sent', last_code: '4.2.2', last_response: 'soft bounce: failed: 550 4.2.2 user unknown' });
    expect(subscriberRow(store, 1)).toEqual({ status: 'active', bounce_count: 0 });
  });

  it('counts hard bounces up to sending.bounceThreshold', () => {
    const store = sentTo();
    const bounceStore = createBounceStore(store, { now: T2, bounceThreshold: 2 });
    const hard = report([event('hard', 'user2@example.com', '5.1.1')], null, `${ISSUE}.user2`);
    expect(applyReport(hard, bounceStore)).toBe('hard');
    expect(subscriberRow(store, 2)).toEqual({ status: 'active', bounce_count: 1 });
    expect(applyReport(hard, bounceStore)).toBe('hard');
    expect(subscriberRow(store, 2)).toEqual({ status: 'bounced', bounce_count: 2 });
    expect(subscriberRow(store, 1)).toEqual({ status: 'active', bounce_count: 0 });
  });

  it('prefers the delivery the Message-ID names over the address in the report', () => {
    const store = sentTo();
    applyReport(report([event('hard', 'user1@example.com', '5.1.1')], `<${ISSUE}.user2@news.test.example>`), createBounceStore(store, { now: T2, bounceThreshold: 1 }));
    expect(subscriberRow(store, 2)?.status).toBe('bounced');
    expect(subscriberRow(store, 1)?.status).toBe('active');
  });

  it('unsubscribes on a complaint, even a bounced subscriber, and matches by address without a delivery', () => {
    const store = seedLedger(stores.open(), 1);
    const bounceStore = createBounceStore(store, { now: T2, bounceThreshold: 1 });
    expect(applyReport(report([event('hard', 'USER1@example.com', '5.1.1')]), bounceStore)).toBe('hard');
    expect(subscriberRow(store, 1)?.status).toBe('bounced');
    expect(applyReport(report([event('complaint', 'user1@example.com', null)]), bounceStore)).toBe('complaint');
    expect(subscriberRow(store, 1)?.status).toBe('unsubscribed');
  });

  it('says unmatched for an unknown address and not-a-bounce for a report without events', () => {
    const store = seedLedger(stores.open(), 1);
    const bounceStore = createBounceStore(store, { now: T2, bounceThreshold: 1 });
    expect(applyReport(report([event('hard', 'nobody@example.com', '5.1.1')], '<unknown@x>'), bounceStore)).toBe('unmatched');
    expect(applyReport(report([]), bounceStore)).toBe('not-a-bounce');
    expect(subscriberRow(store, 1)).toEqual({ status: 'active', bounce_count: 0 });
  });
});
