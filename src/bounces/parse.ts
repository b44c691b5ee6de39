import { simpleParser, type ParsedMail } from 'mailparser';
import { addressValue, field, fieldGroups, messageIdIn, statusCode, type FieldGroup } from './fields.js';
import { textBounce } from './text-bounces.js';
import type { BounceEvent, BounceReport, ParseOptions } from './types.js';
import { verpToken } from './verp.js';

/** Headers a bounce's own recipient (our return path) can be read from. */
const RECIPIENT_HEADERS = ['delivered-to', 'x-original-to', 'envelope-to', 'x-envelope-to', 'to'];

/**
 * Reads one raw message and says whether it is a delivery status
 * notification (RFC 3464), a complaint (ARF, RFC 5965), a bounce in one of
 * the common non-standard texts, or none of them.
 */
export async function parseBounce(raw: Buffer, options: ParseOptions = {}): Promise<BounceReport> {
  const mail = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true });
  const reportType = reportTypeOf(mail);
  const returned = returnedHeaders(mail) ?? headersInBody(raw);
  const base: BounceReport = {
    type: 'none',
    format: null,
    events: [],
    originalMessageId: returned === null ? null : messageIdIn(returned),
    originalTo: returned === null ? null : headerIn(returned, 'to'),
    listId: returned === null ? null : headerIn(returned, 'list-id'),
    verpToken: options.verpPattern === undefined ? null : verpOf(mail, options.verpPattern),
  };
  const body = mail.text ?? '';
  const groups = fieldGroups([body, ...reportParts(mail)].join('\n\n'));
  if (reportType === 'feedback-report') return { ...base, type: 'arf', format: 'rfc5965', events: complaintEvents(groups, base) };
  if (reportType === 'delivery-status' || reportType === 'global-delivery-status') {
    const events = dsnEvents(groups);
    if (events !== null) return { ...base, type: 'dsn', format: 'rfc3464', events };
  }
  const text = textBounce(mail.subject ?? '', body, ownAddresses(mail));
  if (text === null) return base;
  return {
    ...base,
    type: 'text',
    format: text.format,
    events: text.events,
  };
}

/** The bounce's own sender and recipients (MAILER-DAEMON, our return path), never a failed recipient. */
function ownAddresses(mail: ParsedMail): Set<string> {
  const lists = [mail.from, ...(Array.isArray(mail.to) ? mail.to : [mail.to])];
  return new Set(lists.flatMap((list) => list?.value ?? []).flatMap((entry) => (entry.address ? [entry.address.toLowerCase()] : [])));
}

function reportTypeOf(mail: ParsedMail): string | null {
  const contentType = mail.headers.get('content-type');
  if (typeof contentType !== 'object' || contentType === null || !('value' in contentType)) return null;
  const { value, params } = contentType as { value: string; params: Record<string, string> };
  return value.toLowerCase() === 'multipart/report' ? (params['report-type']?.toLowerCase() ?? null) : null;
}

/** The returned message's header block: a text/rfc822-headers or message/rfc822 part. */
function returnedHeaders(mail: ParsedMail): string | null {
  for (const part of mail.attachments) {
    const type = part.contentType.toLowerCase();
    if (type === 'text/rfc822-headers' || type === 'message/rfc822' || type === 'message/rfc822-headers') {
      const text = part.content.toString('utf8').replace(/\r\n?/g, '\n');
      const end = text.indexOf('\n\n');
      return end === -1 ? text : text.slice(0, end);
    }
  }
  return null;
}

/** Text of the machine-readable report parts mailparser keeps as attachments. */
function reportParts(mail: ParsedMail): string[] {
  return mail.attachments
    .filter((part) => /^message\/(?:global-)?(?:delivery-status|feedback-report)$/i.test(part.contentType))
    .map((part) => part.content.toString('utf8'));
}

/**
 * The header block holding a Message-ID in the raw body: mailparser turns
 * an inline message/rfc822 part into text without its headers, and bounce
 * texts quote the original's headers inline.
 */
function headersInBody(raw: Buffer): string | null {
  const text = raw.toString('utf8').replace(/\r\n?/g, '\n');
  const bodyStart = text.indexOf('\n\n');
  if (bodyStart === -1) return null;
  const body = text.slice(bodyStart);
  const at = /^Message-ID:/im.exec(body)?.index;
  if (at === undefined) return null;
  const start = body.lastIndexOf('\n\n', at);
  const end = body.indexOf('\n\n', at);
  return body.slice(start === -1 ? 0 : start + 2, end === -1 ? undefined : end);
}

function headerIn(headers: string, name: string): string | null {
  const unfolded = headers.replace(/\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.+)$`, 'im').exec(unfolded);
  return match?.[1]?.trim() ?? null;
}

function verpOf(mail: ParsedMail, pattern: string): string | null {
  for (const name of RECIPIENT_HEADERS) {
    const value = mail.headers.get(name);
    const texts = value === undefined ? [] : typeof value === 'string' ? [value] : 'text' in (value as object) ? [(value as { text: string }).text] : [];
    for (const text of texts) {
      for (const address of text.match(/[^\s<>,"]+@[^\s<>,"]+/g) ?? []) {
        const token = verpToken(address, pattern);
        if (token !== null) return token;
      }
    }
  }
  return null;
}

/** Per-recipient groups of a delivery-status body; null when it has none. */
function dsnEvents(groups: FieldGroup[]): BounceEvent[] | null {
  const perRecipient = groups.filter((group) => group.has('final-recipient') || group.has('action'));
  if (perRecipient.length === 0) return null;
  const events: BounceEvent[] = [];
  const seen = new Set<string>();
  for (const group of perRecipient) {
    const action = field(group, 'action')?.toLowerCase() ?? null;
    const diagnostic = field(group, 'diagnostic-code');
    const status = statusCode(field(group, 'status')) ?? statusCode(diagnostic);
    const kind = severity(action, status);
    // The same group can reach us twice: in the text and as a report part.
    const key = [field(group, 'final-recipient'), action, status].join('|');
    if (kind === null || seen.has(key)) continue;
    seen.add(key);
    events.push({
      kind,
      address: addressValue(field(group, 'final-recipient')),
      originalRecipient: addressValue(field(group, 'original-recipient')),
      status,
      action,
      diagnostic: diagnostic === null ? null : diagnostic.replace(/^[a-z-]+;\s*/i, ''),
    });
  }
  return events;
}

/** Hard or soft from a DSN's Action and Status; null for delivered / relayed / expanded. */
function severity(action: string | null, status: string | null): 'hard' | 'soft' | null {
  if (action === 'delayed') return 'soft';
  if (action !== null && action !== 'failed') return null;
  if (status?.startsWith('5.')) return 'hard';
  if (status?.startsWith('4.')) return 'soft';
  // "failed" without a usable status is still permanent (RFC 3464 §2.3.3).
  return action === 'failed' ? 'hard' : null;
}

function complaintEvents(groups: FieldGroup[], base: BounceReport): BounceEvent[] {
  const report = groups.find((group) => group.has('feedback-type')) ?? new Map<string, string[]>();
  const feedbackType = field(report, 'feedback-type')?.toLowerCase() ?? 'abuse';
  const recipients = report.get('original-rcpt-to') ?? [];
  const addresses = recipients.map(addressValue).filter((address): address is string => address !== null);
  const fallback = addressValue(base.originalTo?.match(/[^\s<>,"]+@[^\s<>,"]+/)?.[0] ?? null);
  const list = addresses.length > 0 ? addresses : [fallback];
  return list.map((address) => ({
    kind: 'complaint' as const,
    address,
    originalRecipient: null,
    status: null,
    action: feedbackType,
    diagnostic: null,
  }));
}
