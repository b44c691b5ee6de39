import { statusCode } from './fields.js';
import type { BounceEvent } from './types.js';

/** A bounce recognised from its wording. */
export interface TextBounce {
  format: string;
  events: BounceEvent[];
}

interface Family {
  format: string;
  /** Whether the message is this family's bounce. */
  marker: RegExp;
  /** Wording that makes it a delay warning (soft) rather than a failure. */
  delay?: RegExp;
  /** Finds the failed addresses; group 1 is the address. */
  recipient: RegExp;
}

const ADDRESS = "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}";

// Each MTA words its bounce its own way; these follow the published texts
// of qmail (bounce format "QSBMF"), Exim, Postfix, Exchange / Outlook.com and Gmail.
const FAMILIES: readonly Family[] = [
  {
    format: 'qmail',
    marker: /This is the qmail-send program/i,
    delay: /This is a warning message|has not been delivered yet/i,
    recipient: new RegExp(`^<(${ADDRESS})>:`, 'gm'),
  },
  {
    format: 'exim',
    marker: /created automatically by mail delivery software/i,
    delay: /has not yet been delivered|message delayed|still trying|will continue trying/i,
    recipient: new RegExp(`^[ \\t]+<?(${ADDRESS})>?[ \\t]*$`, 'gm'),
  },
  {
    format: 'postfix',
    marker: /This is the mail system at host|THIS IS A WARNING ONLY/i,
    delay: /THIS IS A WARNING ONLY|Delayed Mail/i,
    recipient: new RegExp(`^<(${ADDRESS})>(?: \\(expanded from [^)]*\\))?:`, 'gm'),
  },
  {
    format: 'exchange',
    marker: /Delivery has failed to these recipients or groups|Your message to \S+ couldn't be delivered|Delivery to these recipients or groups is complete|Diagnostic information for administrators/i,
    delay: /Delivery is delayed to these recipients|hasn't been delivered yet/i,
    recipient: new RegExp(`(?:^|Your message to |recipients or groups:\\s+)<?(${ADDRESS})`, 'gm'),
  },
  {
    format: 'gmail',
    marker: /Delivery Status Notification \((?:Failure|Delay)\)|\*\* (?:Address not found|Message not delivered|Message blocked) \*\*|Delivery to the following recipients? (?:failed|has been delayed)/i,
    delay: /\(Delay\)|has been delayed|not delivered yet|will retry/i,
    recipient: new RegExp(`(?:wasn't delivered to |couldn't be delivered to |hasn't been delivered to |failed permanently:\\s+|has been delayed:\\s+)<?(${ADDRESS})`, 'gim'),
  },
];

/**
 * Recognises a bounce written for people, without a machine-readable
 * report part, and extracts each failed address with its status. Returns
 * null when no known wording matches. Addresses in `own` (the bounce's
 * sender and recipients) are never taken for a failed recipient.
 */
export function textBounce(subject: string, body: string, own: ReadonlySet<string> = new Set()): TextBounce | null {
  const text = `${subject}\n${body.replace(/\r\n?/g, '\n')}`;
  for (const family of FAMILIES) {
    if (!family.marker.test(text)) continue;
    const delayed = family.delay?.test(text) ?? false;
    const found = [...body.replace(/\r\n?/g, '\n').matchAll(family.recipient)];
    const seen = new Set<string>();
    const events: BounceEvent[] = [];
    for (const match of found) {
      const address = match[1]!.toLowerCase();
      if (seen.has(address) || own.has(address)) continue;
      seen.add(address);
      const diagnostic = diagnosticAfter(body, match.index ?? 0);
      // Some texts give the code far from the address (Exchange's administrator block, Gmail).
      const status =
        statusCode(diagnostic) ?? basicStatus(diagnostic) ?? statusCode(body) ?? basicStatus(body) ?? (delayed ? '4.0.0' : '5.0.0');
      events.push({
        kind: status.startsWith('4') || delayed ? 'soft' : 'hard',
        address,
        originalRecipient: null,
        status,
        action: delayed ? 'delayed' : 'failed',
        diagnostic,
      });
    }
    if (events.length > 0) return { format: family.format, events };
  }
  return null;
}

/** The server's words after an address: up to the next blank line or address, at most 600 characters. */
function diagnosticAfter(body: string, index: number): string | null {
  const rest = body.slice(index).replace(/\r\n?/g, '\n');
  const firstLineEnd = rest.indexOf('\n');
  const after = firstLineEnd === -1 ? '' : rest.slice(firstLineEnd + 1, firstLineEnd + 1 + 600);
  const firstLine = firstLineEnd === -1 ? rest : rest.slice(0, firstLineEnd);
  // Some texts put the reason on the address line (Postfix), others below it (qmail, Exim, Gmail).
  const block = `${firstLine}\n${after.split(/\n[ \t]*\n(?=\S)/)[0] ?? ''}`.replace(/\s+/g, ' ').trim();
  return block === '' ? null : block;
}

/** A status from a basic SMTP reply code (550 → 5.0.0) when no enhanced code is given. */
function basicStatus(text: string | null): string | null {
  const code = text === null ? undefined : /\b([45])\d\d[ -]/.exec(text)?.[1];
  return code === undefined ? null : `${code}.0.0`;
}
