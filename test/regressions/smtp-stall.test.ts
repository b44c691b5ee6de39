import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

// Issue #9, item 9: an SMTP server that stalls after DATA held the run for nodemailer's
// 10-minute default socket timeout. `sending.timeout` now bounds every SMTP stage, and a
// stalled message is a temporary failure, retried like the others.

const SECRET = 'stall-secret-0123456789abcdef';
const NOW = '2026-11-30T08:00:00';

/** A real SMTP server that never answers the end of DATA for the given recipient's first attempt. */
async function startStallingServer(stallFor: string) {
  const accepted = new Map<string, number>();
  const attempts = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const recipient = session.envelope.rcptTo[0]?.address ?? '';
      const attempt = (attempts.get(recipient) ?? 0) + 1;
      attempts.set(recipient, attempt);
      stream.resume();
      stream.on('end', () => {
        // Stall: the message is read to its end, the reply never comes.
        if (recipient === stallFor && attempt === 1) return;
        accepted.set(recipient, (accepted.get(recipient) ?? 0) + 1);
        callback();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('regression: an SMTP server that stalls after DATA', () => {
  let ws: Workspace;
  let server: Awaited<ReturnType<typeof startStallingServer>> | undefined;
  beforeEach(async () => {
    ws = createWorkspace({ extraConfig: 'sending:\n  connections: 2\n  retries: 2\n  retryDelay: 0.01\n  timeout: 1\n' });
    writeArticle(ws, '2026-11-24-a', { title: 'Week 48 article', date: '2026-11-24', author: 'ada' });
    writeSubscribers(ws, ['ana@example.com,Ana', 'stuck@example.com,Stuck', 'cy@example.org,Cy']);
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir })).code).toBe(0);
  });
  afterEach(async () => {
    await server?.close();
    ws.remove();
  });

  it('times the stalled message out after sending.timeout, retries it, and sends everyone once', async () => {
    server = await startStallingServer('stuck@example.com');
    const result = await runCli(['send', '--week', '2026-W48', '--now', NOW, '--json'], {
      cwd: ws.dir,
      env: { SMTP_URL: server.url, DIGEST_SECRET: SECRET },
    });
    expect(result.stderr).not.toMatch(/^error:/m);
    expect(result.code).toBe(0);
    const events = result.stdout.split('\n').map((line) => JSON.parse(line) as { event: string; email?: string; code?: string });
    const stuck = events.filter((event) => event.email === 'stuck@example.com');
    expect(stuck.map((event) => event.event)).toEqual(['retry', 'sent']);
    expect(stuck[0]?.code).toMatch(/^E(TIMEDOUT|SOCKET|CONNECTION)$/);
    expect(events.at(-1)).toMatchObject({ event: 'report', sent: 3, failed: 0, pending: 0 });
    expect([...server.accepted.entries()].sort()).toEqual([
      ['ana@example.com', 1],
      ['cy@example.org', 1],
      ['stuck@example.com', 1],
    ]);
    expect(server.attempts.get('stuck@example.com')).toBe(2);
  });

  it('a server that accepts the connection but never greets ends send --test with the timeout named', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const result = await runCli(['send', '--test', 'editor@example.com', '--week', '2026-W48', '--now', NOW], {
        cwd: ws.dir,
        env: { SMTP_URL: `smtp://127.0.0.1:${port}` },
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(`^error: the SMTP server at 127\\.0\\.0\\.1:${port} did not answer within sending\\.timeout \\(1 s\\) — .*raise sending\\.timeout`, 'm'),
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('defaults sending.timeout to 60 seconds', () => {
    const plain = createWorkspace();
    try {
      expect(loadConfig(plain.configFile).sending.timeout).toBe(60);
    } finally {
      plain.remove();
    }
  });
});
