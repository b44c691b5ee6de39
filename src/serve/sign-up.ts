import type { Config } from '../config/schema.js';
import type { Store } from '../store/db.js';
import { isValidEmail, normalizeEmail } from '../store/email.js';
import { addPendingSubscriber, claimConfirmationSlot, confirmSubscriber, unsubscribedAt } from '../store/sign-ups.js';
import { findSubscriberByEmail, getSubscriberByUid } from '../store/subscribers.js';
import { suppressionOf } from '../store/suppressions.js';
import type { OutgoingMessage } from '../types.js';
import { signConfirmToken, verifyConfirmToken, type ConfirmRefusal } from '../util/confirm-token.js';
import { confirmationMessage, humanDuration } from './confirm-mail.js';

/** At most one confirmation mail per address in this window. */
export const CONFIRMATION_INTERVAL_MS = 3_600_000;
/** The honeypot field of the sign-up form: people leave it empty, form-filling bots do not. */
export const HONEYPOT_FIELD = 'website';

/** Where confirmation mails go (the SMTP server of `SMTP_URL`, or the capture server). */
export interface SignUpMailer {
  send(message: OutgoingMessage): Promise<unknown>;
}

/** A sign-up request as read from a form or JSON body. */
export interface SignUpRequest {
  email: string;
  name?: string;
  sections: string[];
  honeypot: string;
}

/** A request the server refuses with a 400, and why (never about membership). */
export class SignUpInputError extends Error {}

/** Reads `email`, `name`, `sections` (repeated field or JSON array) and the honeypot. */
export function parseSignUp(body: string, contentType: string): SignUpRequest {
  if (/^application\/json/i.test(contentType)) {
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      throw new SignUpInputError('The request body is not valid JSON.');
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SignUpInputError('Send a JSON object with "email".');
    const record = raw as Record<string, unknown>;
    const sections = record.sections ?? [];
    if (!Array.isArray(sections) || !sections.every((s) => typeof s === 'string')) {
      throw new SignUpInputError('"sections" must be an array of section names.');
    }
    return {
      email: typeof record.email === 'string' ? record.email : '',
      name: typeof record.name === 'string' ? record.name : undefined,
      sections: sections as string[],
      honeypot: typeof record[HONEYPOT_FIELD] === 'string' ? (record[HONEYPOT_FIELD] as string) : '',
    };
  }
  const form = new URLSearchParams(body);
  return {
    email: form.get('email') ?? '',
    name: form.get('name') ?? undefined,
    sections: form.getAll('sections'),
    honeypot: form.get(HONEYPOT_FIELD) ?? '',
  };
}

/** What the sign-up and confirmation endpoints need. */
export interface SignUpContext {
  config: Config;
  store: Store;
  secret: string;
  secrets: readonly string[];
  listId: string;
  listIds: readonly string[];
  now(): Date;
  mailer?: SignUpMailer;
  onError(message: string): void;
}

/** Section names checked against config `sections` (when configured), duplicates dropped; `null` for all. */
function chosenSections(config: Config, requested: readonly string[]): string[] | null {
  const names = [...new Set(requested.map((s) => s.trim()).filter(Boolean))];
  if (names.length === 0) return null;
  const known = config.sections;
  if (known) {
    const unknown = names.filter((name) => !known.includes(name));
    if (unknown.length > 0) throw new SignUpInputError(`Unknown section ${unknown.map((s) => `"${s}"`).join(', ')}; choose from ${known.join(', ')}.`);
  }
  return names;
}

/**
 * Handles `POST /subscribe`. The caller answers 202 "check your inbox"
 * whatever happens here, so the answer says nothing about membership: an
 * unknown address becomes `pending`; pending and unsubscribed ones (which
 * stay unsubscribed until they confirm) are sent a confirmation; active,
 * bounced and suppressed ones get nothing. The mail is sent in the
 * background so the response time does not tell either.
 *
 * @throws SignUpInputError for a missing/invalid address or an unknown section.
 */
export function handleSignUp(context: SignUpContext, request: SignUpRequest): void {
  if (request.honeypot.trim() !== '') return;
  const email = normalizeEmail(request.email);
  if (!isValidEmail(email)) throw new SignUpInputError('Give a valid email address, e.g. you@example.com.');
  const sections = chosenSections(context.config, request.sections);
  const { store, config } = context;
  const now = context.now();
  if (suppressionOf(store, email) !== undefined) return;
  let subscriber = findSubscriberByEmail(store, email);
  if (subscriber && subscriber.status !== 'pending' && subscriber.status !== 'unsubscribed') return;
  if (!subscriber) {
    addPendingSubscriber(store, email, request.name, now);
    subscriber = findSubscriberByEmail(store, email);
  }
  if (!subscriber?.uid || !claimConfirmationSlot(store, email, now, CONFIRMATION_INTERVAL_MS)) return;
  const expiry = config.subscribe.confirmExpiry;
  const token = signConfirmToken({ uid: subscriber.uid, email, sections, expires: now.getTime() + expiry, issued: now.getTime() }, context.listId, context.secret);
  const message = confirmationMessage(config, email, `${config.newsletter.baseUrl}/confirm/${token}`, humanDuration(expiry));
  if (!context.mailer) return context.onError(`no mail transport: the confirmation for ${email} was not sent`);
  context.mailer.send(message).catch((error: unknown) => {
    context.onError(`the confirmation mail to ${email} was not sent: ${error instanceof Error ? error.message : String(error)}`);
  });
}

/** Result of checking a confirmation link. */
export type ConfirmCheck = { ok: true; email: string; confirm(): void } | { ok: false; refused: ConfirmRefusal | 'superseded' };

/**
 * Checks a confirmation token; `confirm()` then makes the subscriber
 * `active` with the sections of the sign-up. A link for an address since
 * erased, suppressed, bounced, or unsubscribed after the link was mailed is
 * refused; one for an address already active confirms again (harmless).
 */
export function checkConfirmation(context: SignUpContext, token: string): ConfirmCheck {
  const verified = verifyConfirmToken(token, context.listIds, context.secrets, context.now());
  if ('refused' in verified) return { ok: false, refused: verified.refused };
  const { claim } = verified;
  const subscriber = getSubscriberByUid(context.store, claim.uid);
  if (!subscriber || subscriber.email !== claim.email || suppressionOf(context.store, claim.email) !== undefined) {
    return { ok: false, refused: 'invalid' };
  }
  if (subscriber.status === 'bounced') return { ok: false, refused: 'invalid' };
  if (subscriber.status === 'unsubscribed') {
    const at = unsubscribedAt(context.store, subscriber.id);
    if (at && Date.parse(at) > claim.issued) return { ok: false, refused: 'superseded' };
  }
  return {
    ok: true,
    email: subscriber.email,
    confirm: () => confirmSubscriber(context.store, subscriber.id, claim.sections, context.now()),
  };
}
