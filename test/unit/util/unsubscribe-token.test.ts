import { describe, expect, it } from 'vitest';
import {
  readTokenClaim,
  signSubscriberToken,
  signUnsubscribeToken,
  tokenSubscriberId,
  verifyTokenFor,
  verifyUnsubscribeToken,
  type TokenSubject,
} from '../../../src/util/unsubscribe-token.js';

const SECRET = 'a-test-secret-of-reasonable-length';
const ANA: TokenSubject = { subscriberId: 42, email: 'ana@example.com', listId: 'field-notes.example.com' };

/** Replaces the character at `index` with a different one of the base64url alphabet. */
function flip(token: string, index: number): string {
  const char = token[index] === 'A' ? 'B' : 'A';
  return token.slice(0, index) + char + token.slice(index + 1);
}

describe('signUnsubscribeToken / verifyUnsubscribeToken', () => {
  const token = signUnsubscribeToken(ANA, SECRET);

  it('has the shape <id in base 36>.<43 base64url characters>', () => {
    expect(token).toMatch(/^16\.[A-Za-z0-9_-]{43}$/);
  });

  it('is deterministic', () => {
    expect(signUnsubscribeToken({ ...ANA }, SECRET)).toBe(token);
  });

  it('verifies for the subject it was signed for', () => {
    expect(verifyUnsubscribeToken(token, ANA, SECRET)).toBe(true);
  });

  it('ignores the case of the email address', () => {
    expect(verifyUnsubscribeToken(token, { ...ANA, email: 'Ana@Example.COM' }, SECRET)).toBe(true);
    expect(signUnsubscribeToken({ ...ANA, email: 'ANA@EXAMPLE.COM' }, SECRET)).toBe(token);
  });

  it.each([
    ['another subscriber id', { ...ANA, subscriberId: 43 }, SECRET],
    ['another email', { ...ANA, email: 'eve@example.com' }, SECRET],
    ['another list id', { ...ANA, listId: 'other-list.example.com' }, SECRET],
    ['another secret', ANA, 'another-secret'],
  ])('does not verify with %s', (_label, subject, secret) => {
    expect(verifyUnsubscribeToken(token, subject, secret)).toBe(false);
  });

  it.each([
    ['a flipped MAC character', (t: string) => flip(t, t.length - 5)],
    ['a flipped first MAC character', (t: string) => flip(t, t.indexOf('.') + 1)],
    ['another id prefix', (t: string) => `17${t.slice(2)}`],
    ['a truncated MAC', (t: string) => t.slice(0, -1)],
    ['an extra character', (t: string) => `${t}A`],
    ['whitespace around it', (t: string) => ` ${t} `],
    ['upper case', (t: string) => t.toUpperCase()],
    ['the empty string', () => ''],
    ['non-ASCII characters of the same length', (t: string) => `${t.slice(0, -2)}é`],
  ])('rejects a tampered token: %s', (_label, tamper) => {
    const tampered = tamper(token);
    expect(tampered).not.toBe(token);
    expect(verifyUnsubscribeToken(tampered, ANA, SECRET)).toBe(false);
  });

  it('gives different tokens to different subscribers and lists', () => {
    const tokens = new Set([
      token,
      signUnsubscribeToken({ ...ANA, subscriberId: 43 }, SECRET),
      signUnsubscribeToken({ ...ANA, listId: 'other' }, SECRET),
      signUnsubscribeToken(ANA, 'other-secret'),
    ]);
    expect(tokens.size).toBe(4);
  });
});

describe('tokenSubscriberId', () => {
  const mac = 'A'.repeat(43);

  it('reads the id out of a signed token', () => {
    for (const id of [1, 42, 36 ** 5, Number.MAX_SAFE_INTEGER]) {
      expect(tokenSubscriberId(signUnsubscribeToken({ ...ANA, subscriberId: id }, SECRET))).toBe(id);
    }
  });

  it.each([
    ['', undefined],
    ['16', undefined],
    ['16.', undefined],
    [`.${mac}`, undefined],
    [`16.${mac.slice(1)}`, undefined],
    [`16.${mac}A`, undefined],
    [`16.${mac.slice(1)}=`, undefined],
    [`16.${mac.slice(1)}+`, undefined],
    [`0.${mac}`, undefined],
    [`-1.${mac}`, undefined],
    [`G.${mac}`, undefined],
    [`1z.${mac}`, 71],
    [`zzzzzzzzzzzzz.${mac}`, undefined],
    [`zzzzzzzzzzzz.${mac}`, undefined],
    [` 16.${mac}`, undefined],
    [`16.${mac}\n`, undefined],
    [`16.${mac}`, 42],
  ])('%j → %j', (token, id) => {
    expect(tokenSubscriberId(token)).toBe(id);
  });
});

describe('signSubscriberToken / readTokenClaim / verifyTokenFor', () => {
  const UID = '0123456789abcdef01234567';
  const LIST = 'field-notes.example.com';
  const HOLDER = { id: 42, uid: UID, email: 'ana@example.com' };
  const token = signSubscriberToken({ uid: UID, listId: LIST }, SECRET);
  const legacy = signUnsubscribeToken(ANA, SECRET);

  it('has the shape <opaque id>.<43 base64url characters>, without the row id', () => {
    expect(token).toMatch(/^0123456789abcdef01234567\.[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    [token, { kind: 'uid', uid: UID }],
    [legacy, { kind: 'row', subscriberId: 42 }],
    [`${UID.toUpperCase()}.${'A'.repeat(43)}`, undefined],
    [`${UID}0.${'A'.repeat(43)}`, undefined],
    ['garbage', undefined],
  ])('reads %j as %j', (value, claim) => {
    expect(readTokenClaim(value)).toEqual(claim);
  });

  it.each([
    ['a new token, current secret', () => token, [LIST], [SECRET], true],
    ['a new token, list id stored at first use among others', () => token, ['configured.example.com', LIST], [SECRET], true],
    ['a new token, secret of a rotation in progress', () => token, [LIST], ['the-new-secret-0123456789', SECRET], true],
    ['a token of the first format (row id)', () => legacy, [LIST], [SECRET], true],
    ['a token of the first format, previous secret', () => legacy, [LIST], ['the-new-secret-0123456789', SECRET], true],
    ['a new token, another list id', () => token, ['other.example.com'], [SECRET], false],
    ['a new token, another secret', () => token, [LIST], ['the-new-secret-0123456789'], false],
    ['a new token of another subscriber', () => signSubscriberToken({ uid: 'f'.repeat(24), listId: LIST }, SECRET), [LIST], [SECRET], false],
    ['a first-format token of another row', () => signUnsubscribeToken({ ...ANA, subscriberId: 7 }, SECRET), [LIST], [SECRET], false],
    ['a tampered MAC', () => flip(token, token.length - 3), [LIST], [SECRET], false],
    ['no list id at all', () => token, [], [SECRET], false],
  ])('%s → %s', (_label, tokenOf, listIds, secrets, valid) => {
    expect(verifyTokenFor(tokenOf(), HOLDER, listIds, secrets)).toBe(valid);
  });

  it('a subscriber without an opaque id verifies first-format tokens only', () => {
    expect(verifyTokenFor(legacy, { id: 42, email: 'ana@example.com' }, [LIST], [SECRET])).toBe(true);
    expect(verifyTokenFor(token, { id: 42, email: 'ana@example.com' }, [LIST], [SECRET])).toBe(false);
  });
});
