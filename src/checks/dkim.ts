/**
 * DKIM self-verification: the sample message, signed as it would be sent,
 * verified by mailauth against the public key of the configured private key.
 * mailauth looks the key up in DNS; its resolver option answers that lookup
 * from the key itself, so the check needs no network and tests what we sign,
 * not what is published (the hint says to compare with the DNS record).
 */
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import type { Check } from './check.js';

/** Which key signed the message, and the TXT record that publishes its public half. */
export interface DkimKey {
  domain: string;
  selector: string;
  /** `v=DKIM1; k=…; p=…`, derived from the configured private key. */
  record: string;
}

/** Verifies a signed message; one finding: info when it passes, an error otherwise. */
export async function checkDkim(signed: Buffer, key: DkimKey): Promise<Check[]> {
  const { record } = key;
  const name = `${key.selector}._domainkey.${key.domain}`.toLowerCase();
  const resolver = async (query: string, type: string): Promise<string[][]> => {
    if (query.toLowerCase() === name && type === 'TXT') return [[record]];
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${query}`), { code: 'ENOTFOUND' });
  };
  const { results } = await dkimVerify(signed, { resolver });
  const ours = results.find((result) => result.signingDomain?.toLowerCase() === key.domain.toLowerCase()) ?? results[0];
  if (ours?.status.result === 'pass') {
    return [{ severity: 'info', check: 'dkim', message: `DKIM: the sample message signed for ${key.domain} (selector ${key.selector}) verifies; publish ${name} TXT "${record.slice(0, 40)}…" if it is not in DNS yet` }];
  }
  const why = ours ? `${ours.status.result}${ours.status.comment ? ` (${ours.status.comment})` : ''}` : 'no signature found';
  return [{ severity: 'error', check: 'dkim', message: `DKIM: the sample message signed for ${key.domain} does not verify: ${why}; check dkim.domain, dkim.selector and dkim.privateKeyFile` }];
}
