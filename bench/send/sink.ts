/**
 * The SMTP sink of the send benchmark, run as its own process so it never
 * shares the sender's event loop: accepts every message on 127.0.0.1 and
 * discards it, counting messages and bytes (no parsing).
 *
 *   node --import tsx bench/send/sink.ts
 *
 * Prints one JSON line `{ "port": N }` when listening. Over the IPC channel
 * it answers `{ type: 'stats' }` with {@link SinkStats} and stops on
 * `{ type: 'stop' }`; it also stops on SIGTERM or when its parent goes away.
 */
import { SMTPServer } from 'smtp-server';

/** What the sink has seen since it started. */
export interface SinkStats {
  /** Messages accepted (DATA finished, 250 sent). */
  messages: number;
  /** Bytes of message data received. */
  bytes: number;
  /** CPU time of the sink process (user + system), so a run can tell whether the sink was the bottleneck. */
  cpuMs: number;
}

/** A request from the parent over IPC. */
export type SinkRequest = { type: 'stats' } | { type: 'stop' };

let messages = 0;
let bytes = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    stream.on('end', () => {
      messages++;
      callback();
    });
  },
});

const stats = (): SinkStats => {
  const cpu = process.cpuUsage();
  return { messages, bytes, cpuMs: (cpu.user + cpu.system) / 1000 };
};

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  // Pooled clients keep their connections open; do not wait for them to say QUIT.
  setTimeout(() => process.exit(0), 500).unref();
};

process.on('SIGTERM', stop);
process.on('disconnect', stop);
process.on('message', (request: SinkRequest) => {
  if (request.type === 'stats') process.send?.({ type: 'stats', ...stats() });
  else if (request.type === 'stop') stop();
});

server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
