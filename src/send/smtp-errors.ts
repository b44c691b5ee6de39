import { DigestError, ErrorCodes } from '../errors.js';
import { classifyFailure } from './classify.js';

/** What went wrong talking to the SMTP server, as a user can act on it. */
export type SmtpProblem = 'login' | 'refused' | 'tls' | 'timeout' | 'dns' | 'reply' | 'other';

interface ErrorDetails {
  code?: string;
  responseCode?: number;
  command?: string;
  message?: string;
  cause?: unknown;
}

const TLS_PATTERN = /\bssl|\btls|ERR_SSL_|ERR_TLS_|certificate|CERT_|self[- ]signed|wrong version number|handshake/i;

/** Every message of an error and its causes, for matching (never shown whole: it may be long). */
function messagesOf(error: unknown, depth = 0): string {
  if (depth > 5 || typeof error !== 'object' || error === null) return String(error ?? '');
  const details = error as ErrorDetails;
  return `${details.code ?? ''} ${details.message ?? ''} ${messagesOf(details.cause, depth + 1)}`;
}

/** Sorts a nodemailer error into what the user has to fix. */
export function smtpProblemOf(error: unknown): SmtpProblem {
  const details = (error ?? {}) as ErrorDetails;
  const text = messagesOf(error);
  if (details.code === 'EAUTH' || details.command === 'AUTH PLAIN' || details.command === 'AUTH LOGIN') return 'login';
  if (details.code === 'ETLS' || TLS_PATTERN.test(text)) return 'tls';
  if (/ECONNREFUSED/.test(text)) return 'refused';
  if (details.code === 'ETIMEDOUT' || /ETIMEDOUT|timed? ?out/i.test(text)) return 'timeout';
  if (details.code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(text)) return 'dns';
  if (details.responseCode) return 'reply';
  return 'other';
}

const HINTS: Record<SmtpProblem, string> = {
  login: 'check the user name and password in SMTP_URL (percent-encode characters such as @ : / in them)',
  refused: 'check the host and port in SMTP_URL and that the SMTP server is running and reachable from here',
  tls: 'use smtps:// for implicit TLS (usually port 465) and smtp:// for STARTTLS (usually 587); the server certificate must be valid for its host name',
  timeout: 'check that the server is healthy, or raise sending.timeout',
  dns: 'check the host name in SMTP_URL',
  reply: "the server's reply says why; check that the account may send from newsletter.from",
  other: 'check SMTP_URL and the server',
};

/**
 * The one-line error for a failed exchange with the SMTP server at
 * `endpoint` (`host:port`; the URL's password is never part of it).
 */
export function smtpFailureError(error: unknown, endpoint: string, options: { timeoutSeconds?: number; hintSuffix?: string } = {}): DigestError {
  const problem = smtpProblemOf(error);
  const { code, response } = classifyFailure(error);
  const said = (response.startsWith(code) ? response : `${code} ${response}`).replace(/\s+/g, ' ').trim().slice(0, 300);
  const message = {
    login: `the SMTP server at ${endpoint} refused the login: ${said}`,
    refused: `nothing accepts SMTP connections at ${endpoint} (connection refused)`,
    tls: `TLS with the SMTP server at ${endpoint} failed: ${said}`,
    timeout: `the SMTP server at ${endpoint} did not answer${options.timeoutSeconds ? ` within sending.timeout (${options.timeoutSeconds} s)` : ' in time'}`,
    dns: `cannot find the SMTP host of ${endpoint}: ${said}`,
    reply: `the SMTP server at ${endpoint} refused the message: ${said}`,
    other: `sending through the SMTP server at ${endpoint} failed: ${said}`,
  }[problem];
  return new DigestError(ErrorCodes.SMTP_FAILED, message, {
    field: 'SMTP_URL',
    hint: options.hintSuffix ? `${HINTS[problem]}; ${options.hintSuffix}` : HINTS[problem],
    cause: error,
  });
}
