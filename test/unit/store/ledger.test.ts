import { describe, expect, it } from 'vitest';
import { enqueueAudience, hasRetryableFailures, pageUnsentDeliveries } from '../../../src/store/deliveries.js';
import type { Store } from '../../../src/store/db.js';
import { claimDeliveries, countSentSince, recordOutcomes, type DeliveryOutcome } from '../../../src/store/ledger.js';
import { setSubscriberStatus } from '../../../src/store/subscribers.js';
import type { SubscriberStatus } from '../../../src/types.js';
import {
  ISSUE,
  T1,
  T2,
  THRESHOLD,
  attempt,
  deliveryRow,
  failedOutcome,
  seedLedger,
  sentOutcome,
  subscriberRow,
} from './ledger-fixtures.js';
import { NOW, useTempStores } from './temp-store.js';

const temp = useTempStores();
const NEXT_ISSUE = '2026-W49';

/** A store with `count` subscribers (ids 1..count) and every active one enqueued for {@link ISSUE}. */
function enqueued(count: number, issues: readonly string[] = [ISSUE]): Store {
  const store = seedLedger(temp.open(), count, issues);
  for (const issue of issues) enqueueAudience(store, issue, NOW);
  return store;
}

const unsentIds = (store: Store): number[] => pageUnsentDeliveries(store, ISSUE, 0, 100).map((d) => d.subscriber.id);

describe('claimDeliveries', () => {
  it.each<[string, DeliveryOutcome[], number]>([
    ['pending', [], 0],
    ['temporarily failed', [failedOutcome(1, '421', 'try again later')], 1],
    ['permanently failed', [failedOutcome(1, '550', 'no such user', { permanent: true })], 1],
  ])('moves a %s delivery to sending with one more attempt', (_state, before, attempts) => {
    const store = enqueued(1);
    for (const outcome of before) attempt(store, outcome, T1);

    expect(claimDeliveries(store, ISSUE, [1], T2)).toEqual([1]);
    expect(deliveryRow(store, 1)).toMatchObject({ status: 'sending', attempts: attempts + 1, updated_at: T2.toISOString() });
  });

  it('claims a row left sending again (a resumed run), counting the attempt', () => {
    const store = enqueued(1);
    claimDeliveries(store, ISSUE, [1], T1);
    expect(claimDeliveries(store, ISSUE, [1], T2)).toEqual([1]);
    expect(deliveryRow(store, 1)).toMatchObject({ status: 'sending', attempts: 2, updated_at: T2.toISOString() });
  });

  it('never claims a sent delivery again and returns only the ids it claimed', () => {
    const store = enqueued(3);
    attempt(store, sentOutcome(2, '250 2.0.0 OK queued'), T1);
    const sent = deliveryRow(store, 2);

    expect(claimDeliveries(store, ISSUE, [1, 2, 3, 99], T2)).toEqual([1, 3]);
    expect(deliveryRow(store, 2)).toEqual(sent);
    expect(deliveryRow(store, 2)).toMatchObject({ status: 'sent', attempts: 1, updated_at: T1.toISOString() });
    expect(deliveryRow(store, 99)).toBeUndefined();
  });

  it('only touches the given issue', () => {
    const store = enqueued(1, [ISSUE, NEXT_ISSUE]);
    claimDeliveries(store, ISSUE, [1], T1);
    expect(deliveryRow(store, 1, NEXT_ISSUE)).toMatchObject({ status: 'pending', attempts: 0 });
  });
});

describe('recordOutcomes', () => {
  it('sent stores the message id and response and clears an earlier failure', () => {
    const store = enqueued(1);
    attempt(store, failedOutcome(1, '421', '421 4.7.0 Try again later'), T1);
    attempt(store, sentOutcome(1, '250 2.0.0 OK queued'), T2);

    expect(deliveryRow(store, 1)).toEqual({
      status: 'sent',
      message_id: '<m1@example.com>',
      attempts: 2,
      last_code: null,
      last_response: '250 2.0.0 OK queued',
      permanent: 0,
      updated_at: T2.toISOString(),
    });
    expect(unsentIds(store)).toEqual([]);
  });

  it.each<[string, string | null, string | null, boolean]>([
    ['a 5xx answer', '550', '550 5.1.1 No such user', true],
    ['a 4xx answer', '421', '421 4.7.0 Try again later', false],
    ['a dropped connection', 'ETIMEDOUT', null, false],
  ])('failed after %s keeps code %s and response %s (permanent: %s)', (_case, code, response, permanent) => {
    const store = enqueued(2);
    attempt(store, failedOutcome(1, code, response, { permanent }), T1);

    expect(deliveryRow(store, 1)).toEqual({
      status: 'failed',
      message_id: null,
      attempts: 1,
      last_code: code,
      last_response: response,
      permanent: permanent ? 1 : 0,
      updated_at: T1.toISOString(),
    });
    // A permanent failure is left out of later runs; a temporary one is tried again.
    expect(unsentIds(store)).toEqual(permanent ? [2] : [1, 2]);
    expect(hasRetryableFailures(store, ISSUE)).toBe(!permanent);
  });

  it('a failed outcome never overwrites a sent delivery', () => {
    const store = enqueued(1);
    attempt(store, sentOutcome(1), T1);
    const sent = deliveryRow(store, 1);

    recordOutcomes(store, ISSUE, [failedOutcome(1, '550', 'late', { permanent: true })], T2, THRESHOLD);
    expect(deliveryRow(store, 1)).toEqual(sent);
    expect(deliveryRow(store, 1)).toMatchObject({ status: 'sent', last_code: null, permanent: 0 });
  });

  it('records a mixed batch, each row by its own outcome', () => {
    const store = enqueued(3);
    claimDeliveries(store, ISSUE, [1, 2, 3], T1);
    recordOutcomes(
      store,
      ISSUE,
      [sentOutcome(1), failedOutcome(2, '421', 'later'), failedOutcome(3, '554', 'rejected', { permanent: true })],
      T2,
      THRESHOLD,
    );

    expect([1, 2, 3].map((id) => deliveryRow(store, id)?.status)).toEqual(['sent', 'failed', 'failed']);
    expect(unsentIds(store)).toEqual([2]);
  });

  it('an empty batch changes nothing', () => {
    const store = enqueued(1);
    recordOutcomes(store, ISSUE, [], T1, THRESHOLD);
    expect(deliveryRow(store, 1)).toMatchObject({ status: 'pending', updated_at: NOW.toISOString() });
  });
});

describe('recordOutcomes: hard bounces', () => {
  const bounce = (id: number): DeliveryOutcome =>
    failedOutcome(id, '550', '550 5.1.1 No such user', { permanent: true, hardBounce: true });

  it.each<[number, number, string]>([
    [1, 1, 'bounced'],
    [2, 1, 'active'],
    [2, 2, 'bounced'],
    [3, 2, 'active'],
  ])('with threshold %i, %i hard bounce(s) leave the subscriber %s', (threshold, bounces, status) => {
    const store = enqueued(1);
    for (let i = 0; i < bounces; i++) {
      claimDeliveries(store, ISSUE, [1], T1);
      recordOutcomes(store, ISSUE, [bounce(1)], T1, threshold);
    }
    expect(subscriberRow(store, 1)).toEqual({ status, bounce_count: bounces });
  });

  it('counts bounces across issues', () => {
    const store = enqueued(1, [ISSUE, NEXT_ISSUE]);
    for (const issue of [ISSUE, NEXT_ISSUE]) {
      claimDeliveries(store, issue, [1], T1);
      recordOutcomes(store, issue, [bounce(1)], T1, 2);
    }
    expect(subscriberRow(store, 1)).toEqual({ status: 'bounced', bounce_count: 2 });
  });

  it('a permanent failure that is not a hard bounce does not count', () => {
    const store = enqueued(1);
    attempt(store, failedOutcome(1, '552', 'message too large', { permanent: true }), T1);
    expect(subscriberRow(store, 1)).toEqual({ status: 'active', bounce_count: 0 });
  });

  it.each<SubscriberStatus>(['unsubscribed', 'bounced'])('never changes a subscriber who is %s', (status) => {
    const store = enqueued(1);
    claimDeliveries(store, ISSUE, [1], T1);
    // They left while their message was in flight.
    setSubscriberStatus(store, 1, status, T1);
    recordOutcomes(store, ISSUE, [bounce(1)], T2, 1);
    expect(subscriberRow(store, 1)).toEqual({ status, bounce_count: 1 });
  });
});

describe('countSentSince', () => {
  it('counts accepted messages over all issues from `since` on, inclusive', () => {
    const store = enqueued(3, [ISSUE, NEXT_ISSUE]);
    attempt(store, sentOutcome(1), T1);
    attempt(store, sentOutcome(2), T2);
    attempt(store, sentOutcome(1), T2, NEXT_ISSUE);
    attempt(store, failedOutcome(3, '421', 'later'), T2);
    claimDeliveries(store, NEXT_ISSUE, [2], T2);

    expect(countSentSince(store, NOW)).toBe(3);
    expect(countSentSince(store, T1)).toBe(3);
    expect(countSentSince(store, new Date(T1.getTime() + 1))).toBe(2);
    expect(countSentSince(store, T2)).toBe(2);
    expect(countSentSince(store, new Date(T2.getTime() + 1))).toBe(0);
  });
});
