/** What to do about a failed send. */
export type FailureKind =
  /** A 4xx answer or a dropped/timed-out connection: try again later. */
  | 'temporary'
  /** A 5xx answer: this message will not be accepted. */
  | 'permanent'
  /** The run itself cannot work (bad credentials, bad config): stop, do not burn through the list. */
  | 'fatal';

/** A send failure with what the server said. */
export interface ClassifiedFailure {
  kind: FailureKind;
  /** SMTP reply code (e.g. "550") or the client's error code (e.g. "ECONNECTION"). */
  code: string;
  response: string;
  /** The server refused the recipient's address (a hard bounce). */
  recipientRejected: boolean;
  /** The server answered with an SMTP reply (so it is reachable, whatever it said). */
  replied: boolean;
  /** No SMTP reply: the connection could not be made or broke (the server may be down). */
  connectionLost: boolean;
}

const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'EPIPE', 'ECONNREFUSED']);
const TEMPORARY_CODES = new Set([...CONNECTION_CODES, 'EPROTOCOL']);
const FATAL_CODES = new Set(['EAUTH', 'ECONFIG', 'EREQUIRETLS']);

/** Reads a nodemailer error: SMTP reply code first, then the client's error code. */
export function classifyFailure(error: unknown): ClassifiedFailure {
  const details = (error ?? {}) as { responseCode?: number; response?: string; code?: string; command?: string; message?: string };
  const response = (details.response ?? details.message ?? String(error)).trim();
  const reply = details.responseCode;
  if (reply && reply >= 400 && reply < 600) {
    const permanent = reply >= 500;
    const atRecipient = details.command === 'RCPT TO' || (details.code === 'EENVELOPE' && /recipient|rcpt/i.test(details.message ?? ''));
    const kind: FailureKind = details.code === 'EAUTH' ? 'fatal' : permanent ? 'permanent' : 'temporary';
    return { kind, code: String(reply), response, recipientRejected: permanent && atRecipient, replied: true, connectionLost: false };
  }
  const code = details.code ?? 'ERROR';
  const connectionLost = CONNECTION_CODES.has(code);
  const kind: FailureKind = FATAL_CODES.has(code) ? 'fatal' : TEMPORARY_CODES.has(code) ? 'temporary' : 'permanent';
  return { kind, code, response, recipientRejected: false, replied: false, connectionLost };
}

/**
 * Delay before retry number `attempt` (1-based): exponential from `baseMs`,
 * capped at `maxMs`, with full jitter so retries of many recipients spread out.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
