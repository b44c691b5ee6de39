import { MAX_EMAIL_LENGTH } from '../store/email.js';
import type { OutgoingMessage, RecipientFields, RenderedIssue, Subscriber } from '../types.js';
import { signSubscriberToken, signUnsubscribeToken } from '../util/unsubscribe-token.js';
import { compileMimePart, toCrlf } from './mime-part.js';
import { compileFill } from './template.js';

/** What personalising needs besides the rendered issue. */
export interface PersonalizeOptions {
  from: string;
  replyTo?: string;
  baseUrl: string;
  /** Stable id of the list, e.g. `field-notes.northwind.example`. */
  listId: string;
  listName: string;
  secret: string;
  unsubscribeMailto?: string;
  /** Value of the Feedback-ID header (Gmail's feedback loop); no header when unset. */
  feedbackId?: string;
  /**
   * VERP return path with `{token}` (config `bounces.address`): each message's
   * envelope sender carries its Message-ID's local part, so a bounce names
   * its delivery even when the report lost every other clue.
   */
  bounceAddress?: string;
}

/** One recipient's copy of the digest, as they read it. */
export interface RecipientDocuments {
  html: string;
  text: string;
}

/** Builds each recipient's message from an issue compiled once. */
export interface Personalizer {
  fieldsFor(subscriber: Subscriber): RecipientFields;
  /** The filled HTML and text (for issue files and previews; sending uses the encoded parts of `messageFor`). */
  documentsFor(subscriber: Subscriber): RecipientDocuments;
  messageFor(subscriber: Subscriber, overrides?: MessageOverrides): OutgoingMessage;
}

/** What a caller may change in one message. */
export interface MessageOverrides {
  subjectPrefix?: string;
  messageIdSuffix?: string;
  /**
   * The id in the Message-ID (default: the subscriber's opaque id): the
   * ledger keeps the one an issue started with, so a resumed send repeats it.
   */
  messageKey?: string;
}

/** Longest display name in the To header: RFC 5322 lines stop at 998 characters, and an imported name can be megabytes. */
export const DISPLAY_NAME_MAX_LENGTH = 100;

/** `"Name" <address>`, the name without quotes or backslashes, one line, cut at a word within {@link DISPLAY_NAME_MAX_LENGTH}. */
export function toAddress(subscriber: Pick<Subscriber, 'name' | 'email'>): string {
  const name = (subscriber.name ?? '').slice(0, DISPLAY_NAME_MAX_LENGTH * 4).replace(/["\\]/g, '').replace(/\s+/g, ' ').trim();
  if (!name) return subscriber.email;
  const cut = name.length <= DISPLAY_NAME_MAX_LENGTH ? name : name.slice(0, DISPLAY_NAME_MAX_LENGTH + 1).replace(/\s+\S*$/, '') || name.slice(0, DISPLAY_NAME_MAX_LENGTH);
  return `"${cut.slice(0, DISPLAY_NAME_MAX_LENGTH)}" <${subscriber.email}>`;
}

/** Longest greeting name (UTF-16 units): a name of any size costs the email at most this. */
export const GREETING_NAME_MAX_LENGTH = 64;

/** Longest unsubscribe token: a 24-digit opaque id, a dot and a 43-character HMAC (see util/unsubscribe-token.ts). */
export const UNSUBSCRIBE_TOKEN_MAX_LENGTH = 68;

/**
 * The name in "Hi …,": the first name when known, else `fallback` ("there",
 * in the email's language). A first name
 * over {@link GREETING_NAME_MAX_LENGTH} is cut at its last hyphen or
 * apostrophe within it ("Anna-Maria-…" → "Anna-Maria"), or else replaced by
 * the fallback: an imported name can be megabytes, and the email has a size budget.
 */
export function greetingNameOf(name: string | null | undefined, fallback = 'there'): string {
  // Only the start matters, so a huge name is never split whole.
  const first = name?.trimStart().slice(0, GREETING_NAME_MAX_LENGTH + 1).split(/[\s,]+/)[0];
  if (!first || !/\p{L}/u.test(first)) return fallback;
  if (first.length <= GREETING_NAME_MAX_LENGTH) return first;
  const cut = first.slice(0, GREETING_NAME_MAX_LENGTH + 1).search(/[-'’][^-'’]*$/);
  const kept = cut > 0 ? first.slice(0, cut) : '';
  return /\p{L}/u.test(kept) ? kept : fallback;
}

/**
 * Values of the recipient fields that make the HTML part the longest it can
 * be for anyone: every character of the longest greeting name and address
 * escaping to `&quot;` (6 bytes, more than any UTF-8 character takes per
 * UTF-16 unit), and the longest unsubscribe token.
 */
export function longestFields(baseUrl: string): RecipientFields {
  return {
    greetingName: '"'.repeat(GREETING_NAME_MAX_LENGTH),
    email: '"'.repeat(MAX_EMAIL_LENGTH),
    unsubscribeUrl: `${baseUrl}/unsubscribe/${'x'.repeat(UNSUBSCRIBE_TOKEN_MAX_LENGTH)}`,
    preferencesUrl: `${baseUrl}/preferences/${'x'.repeat(UNSUBSCRIBE_TOKEN_MAX_LENGTH)}`,
  };
}

/**
 * Bytes of the decoded HTML part (CRLF line breaks, as sent) of the
 * recipient with the longest fields possible: no subscriber's copy is larger.
 */
export function largestHtmlBytes(html: string, baseUrl: string, source = 'email.html'): number {
  return Buffer.byteLength(toCrlf(compileFill(html, { escape: true, source })(longestFields(baseUrl))));
}

/** The host part of the newsletter's base URL, for Message-IDs. */
function hostOf(baseUrl: string): string {
  return new URL(baseUrl).hostname || 'localhost';
}

/**
 * Stage entry: precompiles the rendered issue's HTML and text once, as
 * documents and as encoded MIME parts; each recipient then costs a few
 * string joins, the encoding of their own values and one HMAC.
 */
export function createPersonalizer(rendered: RenderedIssue, options: PersonalizeOptions): Personalizer {
  const htmlSource = `email.html of ${rendered.issueId}`;
  const textSource = `email.txt of ${rendered.issueId}`;
  const fillHtml = compileFill(rendered.html, { escape: true, source: htmlSource });
  const fillText = compileFill(rendered.text, { escape: false, source: textSource });
  const htmlPart = compileMimePart(rendered.html, { type: 'text/html', escape: true, source: htmlSource });
  const textPart = compileMimePart(rendered.text, { type: 'text/plain', escape: false, source: textSource });
  const host = hostOf(options.baseUrl);

  const fieldsFor = (subscriber: Subscriber): RecipientFields => {
    const token = subscriber.uid
      ? signSubscriberToken({ uid: subscriber.uid, listId: options.listId }, options.secret)
      : signUnsubscribeToken({ subscriberId: subscriber.id, email: subscriber.email, listId: options.listId }, options.secret);
    return {
      greetingName: greetingNameOf(subscriber.name, rendered.greetingFallback),
      email: subscriber.email,
      unsubscribeUrl: `${options.baseUrl}/unsubscribe/${token}`,
      // The same token: one HMAC per recipient, and the preference centre can unsubscribe too.
      preferencesUrl: `${options.baseUrl}/preferences/${token}`,
    };
  };

  const messageFor: Personalizer['messageFor'] = (subscriber, overrides = {}) => {
    const fields = fieldsFor(subscriber);
    const listUnsubscribe = [`<${fields.unsubscribeUrl}>`];
    if (options.unsubscribeMailto) {
      listUnsubscribe.push(`<mailto:${options.unsubscribeMailto}?subject=unsubscribe>`);
    }
    const messageKey = `${rendered.issueId}.${overrides.messageKey ?? subscriber.uid ?? subscriber.id}${overrides.messageIdSuffix ?? ''}`;
    return {
      from: options.from,
      replyTo: options.replyTo,
      to: toAddress(subscriber),
      subject: `${overrides.subjectPrefix ?? ''}${rendered.subject}`,
      htmlPart: htmlPart(fields),
      textPart: textPart(fields),
      // Stable per (issue, subscriber): a message re-sent after a crash carries the
      // same Message-ID, which lets receiving servers drop the duplicate.
      messageId: `<${messageKey}@${host}>`,
      ...(options.bounceAddress ? { returnPath: verpAddress(options.bounceAddress, messageKey) } : {}),
      headers: {
        'List-Id': `${options.listName.replace(/[<>"]/g, '')} <${options.listId}>`,
        'List-Unsubscribe': listUnsubscribe.join(', '),
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        // RFC 2369: where the list's past issues are read (served by `digest serve`).
        'List-Archive': `<${options.baseUrl}/archive>`,
        ...(options.feedbackId ? { 'Feedback-ID': options.feedbackId } : {}),
      },
    };
  };

  const documentsFor = (subscriber: Subscriber): RecipientDocuments => {
    const fields = fieldsFor(subscriber);
    return { html: fillHtml(fields), text: fillText(fields) };
  };

  return { fieldsFor, documentsFor, messageFor };
}

/**
 * The VERP return path of one message: `pattern`'s `{token}` replaced by the
 * token. Message-ID local parts are dot-atoms (letters, digits, `-`, `.`),
 * valid in an address's local part as they are.
 */
export function verpAddress(pattern: string, token: string): string {
  return pattern.replace('{token}', token);
}
