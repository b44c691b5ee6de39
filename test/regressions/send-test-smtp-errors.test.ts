import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

// Issue #9, item 10: an SMTP auth failure in `digest send --test` (and a refused connection,
// a TLS mismatch) ended in "unexpected error … report it". Each now ends in one catalogued
// line naming the server's host:port, never the password, with a hint.

const PASSWORD = 'hunter2-very-secret';
const SECRET = 'send-test-errors-secret-0123456789';
const NOW = '2026-11-30T08:00:00';

/** A real SMTP server that wants a login and refuses every one. */
async function startRefusingServer() {
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(_auth, _session, callback) {
      callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('regression: SMTP failures of `digest send --test` and `digest send` are catalogued errors', () => {
  let ws: Workspace;
  let server: Awaited<ReturnType<typeof startRefusingServer>>;
  let closedPort = 0;
  beforeAll(async () => {
    server = await startRefusingServer();
    closedPort = await freePort();
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-a', { title: 'Week 48 article', date: '2026-11-24', author: 'ada' });
    writeSubscribers(ws, ['ana@example.com,Ana']);
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir })).code).toBe(0);
  });
  afterAll(async () => {
    await server.close();
    ws.remove();
  });

  const errorLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('error:'));

  it.each([
    [
      'a refused login',
      async () => `smtp://editor:${PASSWORD}@127.0.0.1:${server.port}`,
      async () => `127.0.0.1:${server.port}`,
      /the SMTP server at 127\.0\.0\.1:\d+ refused the login: .*535.* — check the user name and password in SMTP_URL/,
    ],
    [
      'a refused connection',
      async () => `smtp://editor:${PASSWORD}@127.0.0.1:${closedPort}`,
      async () => `127.0.0.1:${closedPort}`,
      /nothing accepts SMTP connections at 127\.0\.0\.1:\d+ \(connection refused\) — check the host and port in SMTP_URL/,
    ],
    [
      'TLS spoken to a plain-text server',
      async () => `smtps://editor:${PASSWORD}@127.0.0.1:${server.port}`,
      async () => `127.0.0.1:${server.port}`,
      /TLS with the SMTP server at 127\.0\.0\.1:\d+ failed: .* — use smtps:\/\/ for implicit TLS/,
    ],
  ])('send --test: %s', async (_label, urlOf, endpointOf, expected) => {
    const result = await runCli(['send', '--test', 'editor@example.com', '--week', '2026-W48', '--now', NOW], {
      cwd: ws.dir,
      env: { SMTP_URL: await urlOf() },
    });
    expect(result.code).toBe(1);
    const errors = errorLines(result.stderr);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(expected);
    expect(errors[0]).toContain(await endpointOf());
    expect(result.stderr).not.toContain(PASSWORD);
    expect(result.stderr).not.toMatch(/unexpected error|report it/);
  });

  it('send: a refused login stops the run with the same kind of line, and nothing is sent', async () => {
    const result = await runCli(['send', '--week', '2026-W48', '--now', NOW, '--force'], {
      cwd: ws.dir,
      env: { SMTP_URL: `smtp://editor:${PASSWORD}@127.0.0.1:${server.port}`, DIGEST_SECRET: SECRET },
    });
    expect(result.code).toBe(1);
    const errors = errorLines(result.stderr);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/the SMTP server at 127\.0\.0\.1:\d+ refused the login: .*535.* — check the user name and password in SMTP_URL.*a rerun resumes/);
    expect(result.stderr).not.toContain(PASSWORD);
    const report = JSON.parse((await runCli(['report', '--week', '2026-W48', '--json'], { cwd: ws.dir })).stdout) as { sent: number; pending: number };
    expect(report).toMatchObject({ sent: 0, pending: 1 });
  });
});
