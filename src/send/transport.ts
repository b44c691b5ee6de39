import nodemailer from 'nodemailer';
import { DigestError, ErrorCodes } from '../errors.js';
import type { OutgoingMessage } from '../types.js';
import { composeMessage } from './compose.js';
import { createDkimSigner, type DkimSettings } from './dkim.js';

export type { DkimSettings } from './dkim.js';
export { DKIM_OVERSIGNED_HEADERS, DKIM_SIGNED_HEADERS } from './dkim.js';

/** The server's answer to one accepted message. */
export interface SendResult {
  messageId: string;
  response: string;
}

/** Where messages go. One per run; always closed in `finally`. */
export interface Transport {
  /** Human description with credentials masked, e.g. `smtp://mail.example.com:587`. */
  readonly description: string;
  /** `host:port` of the server (what error messages name). */
  readonly endpoint: string;
  /** Connections the transport may use at once. */
  readonly connections: number;
  /** Sends over the pooled connections. */
  send(message: OutgoingMessage): Promise<SendResult>;
  /** Sends over a new connection of its own (for retries: the pooled one may be the problem). */
  sendFresh(message: OutgoingMessage): Promise<SendResult>;
  /** Connects, greets and logs in on a new connection, then closes it; rejects as a send would. */
  verify(): Promise<void>;
  close(): Promise<void>;
}

/** `smtp://user:secret@host:587` → `smtp://user:***@host:587`. */
export function maskSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(unparsable SMTP_URL)';
  }
}

/** Options of {@link createSmtpTransport}. */
export interface SmtpTransportOptions {
  connections: number;
  dkim?: DkimSettings;
  /**
   * Longest wait for any SMTP stage (connecting, the greeting, each reply,
   * including the one after DATA), in ms; default 60 s. A stalled stage
   * fails as a lost connection (a temporary failure, retried).
   */
  timeoutMs?: number;
}

/** Default of {@link SmtpTransportOptions.timeoutMs}: nodemailer's own socket timeout is 10 minutes. */
export const DEFAULT_SMTP_TIMEOUT_MS = 60_000;

/** `host:port` of an SMTP URL, with nodemailer's default ports (465 for smtps://, else 587). */
export function smtpEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'smtps:' ? '465' : '587')}`;
  } catch {
    return '(unparsable SMTP_URL)';
  }
}

/**
 * A pooled nodemailer transport for `smtp://` or `smtps://` URLs: one pool
 * per run, `connections` connections, reused for every message.
 */
export function createSmtpTransport(url: string, options: SmtpTransportOptions): Transport {
  if (!/^smtps?:\/\/[^/]/i.test(url) || !URL.canParse(url)) {
    throw new DigestError(ErrorCodes.CONFIG_INVALID, `SMTP_URL is not an smtp:// or smtps:// URL: ${maskSmtpUrl(url)}`, {
      field: 'SMTP_URL',
      hint: 'set it like smtp://user:password@mail.example.com:587 (percent-encode special characters in the password)',
    });
  }
  // Signed here, not by nodemailer: its signer cannot oversign (see dkim.ts), and it sends
  // a message unsigned when signing fails, where ours throws. The key is parsed once.
  const sign = options.dkim ? createDkimSigner(options.dkim) : (raw: Buffer) => raw;
  const timeout = options.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  const timeouts = { connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout };
  // maxRequeues 0: nodemailer would otherwise resend messages of a dropped connection on its
  // own, unseen by the ledger; retries are ours (counted, backed off, on a fresh connection).
  const pool = nodemailer.createTransport({ url, pool: true, maxConnections: options.connections, maxMessages: Infinity, maxRequeues: 0, ...timeouts });
  const deliver = async (mailer: typeof pool, message: OutgoingMessage): Promise<SendResult> => {
    const { envelope, raw } = await composeMessage(message);
    // A raw message goes out byte for byte: the signature covers exactly what is sent.
    const info = await mailer.sendMail({ envelope, raw: sign(raw) });
    return { messageId: message.messageId, response: info.response };
  };
  return {
    description: maskSmtpUrl(url),
    endpoint: smtpEndpoint(url),
    connections: options.connections,
    send: (message) => deliver(pool, message),
    async sendFresh(message) {
      const single = nodemailer.createTransport({ url, pool: true, maxConnections: 1, maxMessages: 1, maxRequeues: 0, ...timeouts });
      try {
        return await deliver(single, message);
      } finally {
        single.close();
      }
    },
    async verify() {
      const single = nodemailer.createTransport({ url, pool: false, ...timeouts });
      try {
        await single.verify();
      } finally {
        single.close();
      }
    },
    async close() {
      pool.close();
    },
  };
}
