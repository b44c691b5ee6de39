import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** One message as it arrived at the sink. */
export interface ReceivedMessage {
  /** MAIL FROM: where bounces of this message go ('' for the null sender). */
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
}

/** What the sink does with one attempt to deliver to a recipient. */
export type SinkBehaviour =
  | 'accept'
  /** Cut the connection in the middle of DATA: the message is not accepted. */
  | 'drop'
  /** Answer RCPT TO with this SMTP reply (e.g. 451, 550). */
  | { code: number; message: string };

/** Options of {@link startSmtpSink}. */
export interface SmtpSinkOptions {
  /** Decides per recipient and attempt (1-based) what happens; default: accept everything. */
  behave?(recipient: string, attempt: number): SinkBehaviour;
  /** Skip parsing (load tests): only count and keep raw sizes. */
  parse?: boolean;
  /** Called after each accepted message. */
  onAccept?(recipient: string, count: number): void;
}

/** A real SMTP server on 127.0.0.1 that keeps every message it accepts. */
export interface SmtpSink {
  url: string;
  port: number;
  messages: ReceivedMessage[];
  /** Accepted messages per recipient. */
  accepted: Map<string, number>;
  /** Delivery attempts (RCPT TO) per recipient. */
  attempts: Map<string, number>;
  /** Connection errors the server saw (e.g. a killed client's reset). */
  errors: Error[];
  close(): Promise<void>;
}

/**
 * Starts an in-process smtp-server on a random loopback port; messages are
 * parsed with mailparser so tests check what a mail client would see. It can
 * answer with 4xx/5xx replies or drop connections, per recipient and attempt.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMessage[] = [];
  const accepted = new Map<string, number>();
  const attempts = new Map<string, number>();
  const behaviourOf = (session: SMTPServerSession): SinkBehaviour => {
    const recipient = session.envelope.rcptTo[0]?.address ?? '';
    return options.behave?.(recipient, attempts.get(recipient) ?? 1) ?? 'accept';
  };
  let total = 0;
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    maxClients: 200,
    onRcptTo(address, session, callback) {
      const recipient = address.address;
      const attempt = (attempts.get(recipient) ?? 0) + 1;
      attempts.set(recipient, attempt);
      const behaviour = options.behave?.(recipient, attempt) ?? 'accept';
      if (typeof behaviour === 'object') {
        callback(Object.assign(new Error(behaviour.message), { responseCode: behaviour.code }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const recipient = session.envelope.rcptTo[0]?.address ?? '';
      if (behaviourOf(session) === 'drop') {
        stream.resume();
        const connection = [...(server as unknown as { connections: Set<{ session: SMTPServerSession; _socket: { destroy(): void } }> }).connections].find(
          (candidate) => candidate.session === session,
        );
        connection?._socket.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const done = () => {
          accepted.set(recipient, (accepted.get(recipient) ?? 0) + 1);
          total++;
          options.onAccept?.(recipient, total);
          callback();
        };
        if (options.parse === false) return done();
        simpleParser(raw)
          .then((parsed) => {
            messages.push({ envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw, parsed });
            done();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  // A client killed mid-session (the SIGKILL tests) resets its connection; that is expected
  // here, so it is recorded instead of surfacing as an uncaught error.
  const errors: Error[] = [];
  server.on('error', (error: Error) => errors.push(error));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    accepted,
    attempts,
    errors,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
