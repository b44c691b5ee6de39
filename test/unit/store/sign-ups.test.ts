import { describe, expect, it } from 'vitest';
import { addPendingSubscriber, claimConfirmationSlot, confirmSubscriber } from '../../../src/store/sign-ups.js';
import { findSubscriberByEmail, pageActiveSubscribers } from '../../../src/store/subscribers.js';
import { NOW, useTempStores } from './temp-store.js';

const temp = useTempStores();
const HOUR = 3_600_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe('sign-ups in the store', () => {
  it('adds a pending subscriber that is not among the active ones until confirmed, with its sections', () => {
    const store = temp.open();
    addPendingSubscriber(store, ' Nia@Example.com ', ' Nia ', NOW);
    const pending = findSubscriberByEmail(store, 'nia@example.com');
    expect(pending).toMatchObject({ email: 'nia@example.com', name: 'Nia', status: 'pending' });
    expect(pageActiveSubscribers(store, 0, 10)).toEqual([]);
    confirmSubscriber(store, pending!.id, ['Culture'], at(1000));
    expect(findSubscriberByEmail(store, 'nia@example.com')).toMatchObject({ status: 'active', sections: ['Culture'] });
    expect(pageActiveSubscribers(store, 0, 10).map((s) => s.email)).toEqual(['nia@example.com']);
  });

  it('grants one confirmation mail per address per interval', () => {
    const store = temp.open();
    addPendingSubscriber(store, 'nia@example.com', undefined, NOW);
    addPendingSubscriber(store, 'bo@example.com', undefined, NOW);
    expect(claimConfirmationSlot(store, 'nia@example.com', NOW, HOUR)).toBe(true);
    expect(claimConfirmationSlot(store, 'NIA@example.com', at(HOUR - 1), HOUR)).toBe(false);
    expect(claimConfirmationSlot(store, 'bo@example.com', at(HOUR - 1), HOUR)).toBe(true);
    expect(claimConfirmationSlot(store, 'nia@example.com', at(HOUR), HOUR)).toBe(true);
    expect(claimConfirmationSlot(store, 'nia@example.com', at(HOUR + 1), HOUR)).toBe(false);
  });
});
