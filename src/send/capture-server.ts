import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

/** A running local SMTP server that stores every message as an `.eml` file. */
export interface CaptureServer {
  port: number;
  url: string;
  /** Folder the messages of this run are written to. */
  dir: string;
  /** Files written so far, in arrival order. */
  files: string[];
  /** Connection errors seen (a client that went away mid-message). */
  errors: Error[];
  close(): Promise<void>;
}

/** File-name-safe form of an address: `Ana@Example.com` → `ana@example.com`. */
function safeName(address: string): string {
  return address.toLowerCase().replace(/[^a-z0-9@._+-]/g, '_').slice(0, 120) || 'unknown';
}

/** First free `<name>.eml`, then `<name>.2.eml`…: a duplicate send stays visible. */
function freeFile(dir: string, base: string): string {
  let file = path.join(dir, `${base}.eml`);
  for (let n = 2; fs.existsSync(file); n++) file = path.join(dir, `${base}.${n}.eml`);
  return file;
}

/**
 * Starts the built-in capture server on 127.0.0.1 at a random port. Nothing
 * leaves the machine: each message lands in `dir/<recipient>.eml`.
 */
export async function startCaptureServer(dir: string, options: { filePrefix?: string } = {}): Promise<CaptureServer> {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    banner: 'newsletter-digest capture',
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, session, callback) {
      const recipient = session.envelope.rcptTo[0]?.address ?? 'unknown';
      const file = freeFile(dir, `${options.filePrefix ?? ''}${safeName(recipient)}`);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        try {
          fs.writeFileSync(file, Buffer.concat(chunks));
          files.push(file);
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  // smtp-server reports connection errors (a client that resets, e.g. a killed run) as
  // 'error' events; without a listener Node would end the process over one connection.
  const errors: Error[] = [];
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      server.on('error', (error: Error) => errors.push(error));
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    dir,
    files,
    errors,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
