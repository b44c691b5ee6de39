import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addressHash, liftSuppression, suppress, suppressionOf, suppressionRefusal } from '../../../src/store/suppressions.js';
import { NOW, useTempStores } from './temp-store.js';

const temp = useTempStores();

describe('suppressions', () => {
  it('stores only the sha256 of the lower-cased address and finds it in any case', () => {
    const store = temp.open();
    expect(suppress(store, ' Ana@Example.COM ', 'complaint', NOW)).toBe('complaint');
    expect(suppressionOf(store, 'ana@example.com')).toBe('complaint');
    expect(suppressionOf(store, 'ANA@EXAMPLE.COM')).toBe('complaint');
    expect(suppressionOf(store, 'bo@example.com')).toBeUndefined();
    const rows = store.db.prepare('SELECT * FROM suppressions').all();
    const hash = createHash('sha256').update('ana@example.com').digest('hex');
    expect(rows).toEqual([{ address_hash: hash, reason: 'complaint', created_at: NOW.toISOString() }]);
    expect(addressHash('ANA@example.com')).toBe(hash);
    expect(JSON.stringify(rows)).not.toContain('ana');
  });

  it.each([
    ['hard-bounce', 'complaint', 'complaint'],
    ['complaint', 'hard-bounce', 'complaint'],
    ['forgotten', 'hard-bounce', 'forgotten'],
    ['hard-bounce', 'forgotten', 'forgotten'],
    ['forgotten', 'complaint', 'complaint'],
    ['complaint', 'forgotten', 'complaint'],
  ] as const)('%s then %s keeps %s (one row)', (first, second, kept) => {
    const store = temp.open();
    suppress(store, 'a@example.com', first, NOW);
    expect(suppress(store, 'a@example.com', second, NOW)).toBe(kept);
    expect(suppressionOf(store, 'a@example.com')).toBe(kept);
    expect(store.db.prepare('SELECT count(*) AS n FROM suppressions').get()).toEqual({ n: 1 });
  });

  it('takes the raw connection as well as the store, and lifts a suppression', () => {
    const store = temp.open();
    suppress(store.db, 'a@example.com', 'hard-bounce');
    expect(suppressionOf(store.db, 'a@example.com')).toBe('hard-bounce');
    liftSuppression(store, 'a@example.com');
    expect(suppressionOf(store, 'a@example.com')).toBeUndefined();
  });

  it.each([
    [undefined, false, false],
    ['hard-bounce', false, true],
    ['hard-bounce', true, false],
    ['complaint', true, true],
    ['forgotten', true, true],
  ] as const)('suppressed for %s with force %s: refused %s', (reason, force, refused) => {
    expect(suppressionRefusal('a@example.com', reason, force) !== undefined).toBe(refused);
  });
});
