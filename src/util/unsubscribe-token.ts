import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an unsubscribe token is bound to. */
export interface TokenSubject {
  subscriberId: number;
  email: string;
  /** Identifies the list, so a token of one newsletter does not work for another. */
  listId: string;
}

function mac(subject: TokenSubject, secret: string): Buffer {
  return createHmac('sha256', secret)
    .update(`unsubscribe\n${subject.listId}\n${subject.subscriberId}\n${subject.email.toLowerCase()}`)
    .digest();
}

/** `<subscriber id>.<HMAC-SHA256>` in base64url: unguessable, and verifiable without a lookup table. */
export function signUnsubscribeToken(subject: TokenSubject, secret: string): string {
  return `${subject.subscriberId.toString(36)}.${mac(subject, secret).toString('base64url')}`;
}

/** Reads the subscriber id out of a token without trusting it; undefined when malformed. */
export function tokenSubscriberId(token: string): number | undefined {
  const match = /^([0-9a-z]{1,12})\.[A-Za-z0-9_-]{43}$/.exec(token);
  if (!match?.[1]) return undefined;
  const id = parseInt(match[1], 36);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** Checks a token against the subscriber it names, in constant time. */
export function verifyUnsubscribeToken(token: string, subject: TokenSubject, secret: string): boolean {
  const expected = Buffer.from(signUnsubscribeToken(subject, secret));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
