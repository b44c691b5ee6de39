import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { runCli } from '../helpers/cli.js';
import { startDigest } from '../helpers/process.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const SECRET = 'kill-secret-0123456789abcdef';
const NOW = '2026-11-30T08:00:00';
const CONNECTIONS = 4;
const SUBSCRIBERS = 400;

function statusCounts(ws: Workspace): Record<string, number> {
  const store = openStore(path.join(ws.dir, 'data'));
  try {
    const rows = store.db.prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM deliveries GROUP BY status').all();
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  } finally {
    store.close();
  }
}

/** Waits for a child to exit and returns its exit code or signal. */
function exited(run: ReturnType<typeof startDigest>): Promise<number | NodeJS.Signals | null> {
  const { child } = run;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
}

describe('a send killed mid-run and started again', () => {
  let sink: SmtpSink;
  let ws: Workspace;
  let env: NodeJS.ProcessEnv;
  let stopAt: { count: number; act(): void } | undefined;

  beforeAll(async () => {
    sink = await startSmtpSink({
      parse: false,
      onAccept: (_recipient, total) => {
        if (stopAt && total === stopAt.count) stopAt.act();
      },
    });
    ws = createWorkspace({ extraConfig: `sending:\n  connections: ${CONNECTIONS}\n` });
    env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
    writeArticle(ws, '2026-11-24-a', { title: 'Week 48 article', date: '2026-11-24', author: 'ada' });
    writeSubscribers(ws, Array.from({ length: SUBSCRIBERS }, (_, i) => `reader${i}@example.com,Reader ${i}`));
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env })).code).toBe(0);
  });
  afterAll(async () => {
    await sink.close();
    ws.remove();
  });

  it('SIGKILL: every subscriber ends with one accepted message, duplicates at most one per connection', async () => {
    const first = startDigest(['run', '--now', NOW], { cwd: ws.dir, env });
    stopAt = { count: 120, act: () => first.child.kill('SIGKILL') };
    expect(await exited(first)).toBe('SIGKILL');
    stopAt = undefined;
    const afterKill = [...sink.accepted.values()].reduce((a, b) => a + b, 0);
    expect(afterKill).toBeGreaterThanOrEqual(120);
    expect(afterKill).toBeLessThan(SUBSCRIBERS);
    // Only what was in flight can be in doubt.
    expect(statusCounts(ws).sending ?? 0).toBeLessThanOrEqual(CONNECTIONS);

    const second = startDigest(['run', '--now', NOW], { cwd: ws.dir, env });
    expect(await exited(second)).toBe(0);

    expect(sink.accepted.size).toBe(SUBSCRIBERS);
    const duplicates = [...sink.accepted.values()].reduce((sum, count) => sum + (count - 1), 0);
    expect(duplicates).toBeLessThanOrEqual(CONNECTIONS);
    expect(statusCounts(ws)).toEqual({ sent: SUBSCRIBERS });
  });

  it('Ctrl-C: finishes the messages in flight, records them, exits 130, and a rerun completes', async () => {
    writeArticle(ws, '2026-12-01-b', { title: 'Week 49 article', date: '2026-12-01', author: 'ada' });
    // The sink's running total includes the first test's messages; stop 100 messages into this run.
    const base = [...sink.accepted.values()].reduce((a, b) => a + b, 0);
    sink.accepted.clear();
    const now = '2026-12-07T08:00:00';
    const first = startDigest(['run', '--now', now], { cwd: ws.dir, env });
    stopAt = { count: base + 100, act: () => first.child.kill('SIGINT') };
    const code = await exited(first);
    stopAt = undefined;
    expect(code).toBe(130);
    expect(first.output()).toMatch(/Interrupted: \d+ sent/);
    const counts = statusCounts(ws);
    // Nothing is left "maybe sent" after a clean stop.
    expect(counts.sending ?? 0).toBe(0);
    expect(counts.sent).toBeLessThan(2 * SUBSCRIBERS);

    const second = startDigest(['run', '--now', now], { cwd: ws.dir, env });
    expect(await exited(second)).toBe(0);
    expect(sink.accepted.size).toBe(SUBSCRIBERS);
    for (const count of sink.accepted.values()) expect(count).toBe(1);
  });
});
