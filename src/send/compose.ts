import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMessage } from '../types.js';

/** A message as it goes over SMTP: the envelope and the exact bytes of DATA. */
export interface ComposedMessage {
  envelope: { from: string; to: string[] };
  raw: Buffer;
}

/**
 * Composes the RFC 5322 message of one recipient (multipart/alternative of
 * the text and HTML parts, which stay as they were pre-encoded), so that it
 * can be signed byte for byte before it is sent.
 */
export async function composeMessage(message: OutgoingMessage, date: Date = new Date()): Promise<ComposedMessage> {
  const node = new MailComposer({
    from: message.from,
    replyTo: message.replyTo,
    to: message.to,
    subject: message.subject,
    text: { raw: message.textPart },
    html: { raw: message.htmlPart },
    messageId: message.messageId,
    date,
    headers: message.headers,
  }).compile();
  const envelope = node.getEnvelope();
  return { envelope: { from: message.returnPath ?? (envelope.from || ''), to: envelope.to }, raw: await node.build() };
}
