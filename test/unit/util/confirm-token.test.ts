import { describe, expect, it } from 'vitest';
import { signConfirmToken, verifyConfirmToken, type ConfirmClaim } from '../../../src/util/confirm-token.js';

const NOW = new Date('2026-11-30T09:00:00Z');
const CLAIM: ConfirmClaim = {
  uid: '0123456789abcdef01234567',
  email: 'ana@example.com',
  sections: ['Culture'],
  issued: NOW.getTime(),
  expires: NOW.getTime() + 86_400_000,
};

describe('confirmation tokens', () => {
  const token = signConfirmToken(CLAIM, 'list.test', 'secret-a');

  it('verify with the secret and list id they were signed with, returning the claim', () => {
    expect(verifyConfirmToken(token, ['list.test'], ['secret-a'], NOW)).toEqual({ claim: CLAIM });
    expect(verifyConfirmToken(token, ['other.list', 'list.test'], ['secret-b', 'secret-a'], NOW)).toEqual({ claim: CLAIM });
  });

  it('are refused with another secret or list id, when tampered with or malformed', () => {
    expect(verifyConfirmToken(token, ['list.test'], ['secret-b'], NOW)).toEqual({ refused: 'invalid' });
    expect(verifyConfirmToken(token, ['other.list'], ['secret-a'], NOW)).toEqual({ refused: 'invalid' });
    const [payload, mac] = token.split('.');
    const forged = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('Culture', 'Science')).toString('base64url');
    expect(verifyConfirmToken(`${forged}.${mac}`, ['list.test'], ['secret-a'], NOW)).toEqual({ refused: 'invalid' });
    for (const bad of ['', 'abc', `${payload}.`, `${payload}.${mac}x`]) {
      expect(verifyConfirmToken(bad, ['list.test'], ['secret-a'], NOW)).toEqual({ refused: 'invalid' });
    }
  });

  it('expire after their expiry time, not before', () => {
    expect(verifyConfirmToken(token, ['list.test'], ['secret-a'], new Date(CLAIM.expires))).toEqual({ claim: CLAIM });
    expect(verifyConfirmToken(token, ['list.test'], ['secret-a'], new Date(CLAIM.expires + 1))).toEqual({ refused: 'expired' });
  });
});
