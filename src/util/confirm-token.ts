import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a sign-up confirmation link is signed over. */
export interface ConfirmClaim {
  /** The subscriber's opaque id. */
  uid: string;
  /** The address the sign-up was for: a link stops working once the row has another address. */
  email: string;
  /** Sections asked for; `null` for all. */
  sections: string[] | null;
  /** Epoch ms after which the link is refused. */
  expires: number;
  /** Epoch ms the link was made: an unsubscribe after it wins over the link. */
  issued: number;
}

/** Why a confirmation token was refused. */
export type ConfirmRefusal = 'invalid' | 'expired';

function mac(payload: string, listId: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`confirm\n${listId}\n${payload}`).digest();
}

/** `<claim as base64url JSON>.<HMAC-SHA256 base64url>`: verifiable without storing anything. */
export function signConfirmToken(claim: ConfirmClaim, listId: string, secret: string): string {
  const payload = Buffer.from(JSON.stringify({ u: claim.uid, a: claim.email, s: claim.sections, e: claim.expires, i: claim.issued })).toString('base64url');
  return `${payload}.${mac(payload, listId, secret).toString('base64url')}`;
}

function parse(payload: string): ConfirmClaim | undefined {
  try {
    const raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const sections = raw.s === null ? null : Array.isArray(raw.s) && raw.s.every((s) => typeof s === 'string') ? (raw.s as string[]) : undefined;
    if (typeof raw.u !== 'string' || typeof raw.a !== 'string' || typeof raw.e !== 'number' || typeof raw.i !== 'number' || sections === undefined) return undefined;
    return { uid: raw.u, email: raw.a, sections, expires: raw.e, issued: raw.i };
  } catch {
    return undefined;
  }
}

/**
 * Checks a confirmation token against every list id and secret given (a
 * rotation in progress), in constant time per pair; then its expiry.
 */
export function verifyConfirmToken(
  token: string,
  listIds: readonly string[],
  secrets: readonly string[],
  now: Date,
): { claim: ConfirmClaim } | { refused: ConfirmRefusal } {
  const match = /^([A-Za-z0-9_-]{1,1500})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) return { refused: 'invalid' };
  const given = Buffer.from(match[2]);
  let valid = false;
  for (const listId of listIds) {
    for (const secret of secrets) {
      const expected = Buffer.from(mac(match[1], listId, secret).toString('base64url'));
      if (expected.length === given.length && timingSafeEqual(expected, given)) valid = true;
    }
  }
  const claim = valid ? parse(match[1]) : undefined;
  if (!claim) return { refused: 'invalid' };
  return now.getTime() > claim.expires ? { refused: 'expired' } : { claim };
}
