import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const SECRET = 'unreachable-secret-0123456789abcdef';
const NOW = '2026-11-30T08:00:00';
const SUBSCRIBERS = 40;
const CONNECTIONS = 3;

interface Report {
  sent: number;
  failed: number;
  pending: number;
  failures: { email: string; code: string }[];
}

describe('an SMTP server that cannot be reached', () => {
  let ws: Workspace;
  let sink: SmtpSink | undefined;
  beforeEach(async () => {
    ws = createWorkspace({ extraConfig: `sending:\n  connections: ${CONNECTIONS}\n  retries: 2\n  retryDelay: 0.01\n` });
    writeArticle(ws, '2026-11-24-a', { title: 'Week 48 article', date: '2026-11-24', author: 'ada' });
    writeSubscribers(ws, Array.from({ length: SUBSCRIBERS }, (_, i) => `reader${i + 1}@example.com,Reader ${i + 1}`));
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir })).code).toBe(0);
  });
  afterEach(async () => {
    await sink?.close();
    sink = undefined;
    ws.remove();
  });

  it('stops the run with one clear error instead of failing the whole list, and a rerun sends to everyone once', async () => {
    const closed = `smtp://127.0.0.1:${await freePort()}`;
    const down = await runCli(['run', '--now', NOW], { cwd: ws.dir, env: { SMTP_URL: closed, DIGEST_SECRET: SECRET } });
    expect(down.code).toBe(1);
    const errors = down.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/cannot reach the SMTP server \(smtp:\/\/127\.0\.0\.1:\d+\): \S+ .*ECONNREFUSED.* — check that the server in SMTP_URL is up/);
    // Only the messages that were trying when the server was found down failed; the rest wait.
    expect(down.stderr.split('\n').filter((line) => line.startsWith('failed:')).length).toBeLessThanOrEqual(CONNECTIONS);

    const report = JSON.parse((await runCli(['report', '--week', '2026-W48', '--json'], { cwd: ws.dir })).stdout) as Report;
    expect(report.sent).toBe(0);
    expect(report.failed).toBeLessThanOrEqual(CONNECTIONS);
    expect(report.pending).toBeGreaterThanOrEqual(SUBSCRIBERS - CONNECTIONS);

    sink = await startSmtpSink();
    const up = await runCli(['run', '--now', NOW], { cwd: ws.dir, env: { SMTP_URL: sink.url, DIGEST_SECRET: SECRET } });
    expect(up.stderr).not.toMatch(/^error:/m);
    expect(up.code).toBe(0);
    expect(sink.accepted.size).toBe(SUBSCRIBERS);
    expect([...sink.accepted.values()].every((count) => count === 1)).toBe(true);
  });

  it('fails a message whose connection always breaks, without stopping the run, when the server still answers', async () => {
    // The last reader's message breaks its connection every time; by then everyone else is sent,
    // so only a bare connection to the server can tell that it is up.
    sink = await startSmtpSink({ behave: (recipient) => (recipient === `reader${SUBSCRIBERS}@example.com` ? 'drop' : 'accept') });
    const result = await runCli(['run', '--now', NOW], { cwd: ws.dir, env: { SMTP_URL: sink.url, DIGEST_SECRET: SECRET } });
    expect(result.stderr).not.toMatch(/^error:/m);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('failed:'))).toEqual([
      expect.stringMatching(new RegExp(`^failed: reader${SUBSCRIBERS}@example\\.com: E[A-Z]+ `)),
    ]);
    expect(sink.accepted.size).toBe(SUBSCRIBERS - 1);
    expect(sink.attempts.get(`reader${SUBSCRIBERS}@example.com`)).toBe(3);
  });

  it('rides out a short outage: fresh messages wait while retries probe, and everyone gets one copy', async () => {
    let outageUntil = 0;
    sink = await startSmtpSink({
      behave: (recipient) => {
        // The server goes down for 150 ms when the tenth reader's message arrives: shorter than
        // two backoffs (100–200 ms, then 200–400 ms), so every message gets through by its third attempt.
        if (recipient === 'reader10@example.com' && outageUntil === 0) outageUntil = Date.now() + 150;
        return Date.now() < outageUntil ? 'drop' : 'accept';
      },
    });
    ws.write('digest.config.yaml', ws.read('digest.config.yaml').replace('retryDelay: 0.01', 'retryDelay: 0.2'));
    const result = await runCli(['run', '--now', NOW], { cwd: ws.dir, env: { SMTP_URL: sink.url, DIGEST_SECRET: SECRET } });
    expect(result.stderr).not.toMatch(/^(error|failed):/m);
    expect(result.code).toBe(0);
    expect(sink.accepted.size).toBe(SUBSCRIBERS);
    expect([...sink.accepted.values()].every((count) => count === 1)).toBe(true);
    // Without holding fresh messages back, every reader after the tenth would have been tried during the outage.
    const dropped = [...sink.attempts.values()].reduce((sum, attempts) => sum + attempts, 0) - SUBSCRIBERS;
    expect(dropped).toBeGreaterThan(0);
    expect(dropped).toBeLessThanOrEqual(CONNECTIONS * 2);
  });
});
