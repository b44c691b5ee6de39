import { describe, expect, it } from 'vitest';
import {
  signUnsubscribeToken,
  tokenSubscriberId,
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
