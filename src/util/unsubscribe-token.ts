import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What a token of the first format (row id, email) is bound to. New tokens
 * carry the subscriber's opaque id instead ({@link signSubscriberToken});
 * these are still verified so links already in inboxes keep working.
 */
export interface TokenSubject {
  subscriberId: number;
  email: string;
  /** Identifies the list, so a token of one newsletter does not work for another. */
  listId: string;
}

/** What a token names, read without trusting it. */
export type TokenClaim = { kind: 'uid'; uid: string } | { kind: 'row'; subscriberId: number };

/** A subscriber as tokens are checked against it. */
export interface TokenHolder {
  id: number;
  uid?: string;
  email: string;
}

const MAC = '[A-Za-z0-9_-]{43}';
const UID_TOKEN = new RegExp(`^([0-9a-f]{24})\\.${MAC}$`);
const ROW_TOKEN = new RegExp(`^([0-9a-z]{1,12})\\.${MAC}$`);

function mac(subject: TokenSubject, secret: string): Buffer {
  return createHmac('sha256', secret)
    .update(`unsubscribe\n${subject.listId}\n${subject.subscriberId}\n${subject.email.toLowerCase()}`)
    .digest();
}

function uidMac(uid: string, listId: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`unsubscribe-uid\n${listId}\n${uid}`).digest();
}

/** `<subscriber id>.<HMAC-SHA256>` in base64url: the first format, kept for subscribers without an opaque id. */
export function signUnsubscribeToken(subject: TokenSubject, secret: string): string {
  return `${subject.subscriberId.toString(36)}.${mac(subject, secret).toString('base64url')}`;
}

/**
 * `<opaque id>.<HMAC-SHA256>` in base64url: unguessable, verifiable without a
 * lookup table, and saying nothing about the row id (how many people
 * subscribed before).
 */
export function signSubscriberToken(subject: { uid: string; listId: string }, secret: string): string {
  return `${subject.uid}.${uidMac(subject.uid, subject.listId, secret).toString('base64url')}`;
}

/** Reads the subscriber id out of a token of the first format without trusting it; undefined when malformed. */
export function tokenSubscriberId(token: string): number | undefined {
  const match = ROW_TOKEN.exec(token);
  if (!match?.[1]) return undefined;
  const id = parseInt(match[1], 36);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** Whom a token names (either format), without trusting it; undefined when malformed. */
export function readTokenClaim(token: string): TokenClaim | undefined {
  const uid = UID_TOKEN.exec(token)?.[1];
  if (uid) return { kind: 'uid', uid };
  const subscriberId = tokenSubscriberId(token);
  return subscriberId === undefined ? undefined : { kind: 'row', subscriberId };
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks a token of the first format against the subscriber it names, in constant time. */
export function verifyUnsubscribeToken(token: string, subject: TokenSubject, secret: string): boolean {
  return sameString(signUnsubscribeToken(subject, secret), token);
}

/**
 * Checks a token (either format) against a subscriber, accepting any of the
 * list ids and secrets given: the list id stored at first use and a
 * configured one, the current secret and those of a rotation in progress.
 */
export function verifyTokenFor(
  token: string,
  holder: TokenHolder,
  listIds: readonly string[],
  secrets: readonly string[],
): boolean {
  const claim = readTokenClaim(token);
  if (!claim) return false;
  if (claim.kind === 'uid' && claim.uid !== holder.uid) return false;
  if (claim.kind === 'row' && claim.subscriberId !== holder.id) return false;
  let valid = false;
  // Every combination is checked (no early exit), so timing says nothing about which one matched.
  for (const listId of listIds) {
    for (const secret of secrets) {
      const expected =
        claim.kind === 'uid'
          ? signSubscriberToken({ uid: claim.uid, listId }, secret)
          : signUnsubscribeToken({ subscriberId: holder.id, email: holder.email, listId }, secret);
      if (sameString(expected, token)) valid = true;
    }
  }
  return valid;
}
