/** What a bounce or complaint says about one recipient. */
export interface BounceEvent {
  /** `hard`: 5.x.x, the address is dead; `soft`: 4.x.x or a delay; `complaint`: a spam report. */
  kind: 'hard' | 'soft' | 'complaint';
  /** Final-Recipient (DSN), Original-Rcpt-To (ARF) or the address a bounce text names. */
  address: string | null;
  /** Original-Recipient (DSN): the address as we sent it, before forwarding. */
  originalRecipient: string | null;
  /** Enhanced status code `x.y.z` (RFC 3463), when the report gives one. */
  status: string | null;
  /** DSN Action (`failed`, `delayed`, …) or ARF Feedback-Type (`abuse`, …). */
  action: string | null;
  /** Diagnostic-Code or the remote server's words. */
  diagnostic: string | null;
}

/** Which kind of message it was. */
export type ReportType = 'dsn' | 'arf' | 'text' | 'none';

/** A parsed bounce or complaint message. */
export interface BounceReport {
  type: ReportType;
  /** `rfc3464`, `rfc5965`, or the MTA whose bounce text was recognised (`qmail`, `exim`, …). */
  format: string | null;
  events: BounceEvent[];
  /** Message-ID of the message that bounced, from the returned headers. */
  originalMessageId: string | null;
  /** To of the returned headers (ARF reports often carry only that). */
  originalTo: string | null;
  /** List-Id of the returned headers. */
  listId: string | null;
  /** The token of a VERP return path the bounce was addressed to. */
  verpToken: string | null;
}

/** Options of {@link parseBounce}. */
export interface ParseOptions {
  /** The VERP return path, e.g. `bounces+{token}@example.com`. */
  verpPattern?: string;
}
