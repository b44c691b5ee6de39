import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { findSubscriberByEmail, setSubscriberStatus } from '../../src/store/subscribers.js';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const SECRET = 'pending-secret-0123456789abcdef';
const NOW = '2026-11-30T08:00:00';

describe('pending (unconfirmed) subscribers', () => {
  let ws: Workspace;
  let sink: SmtpSink | undefined;
  beforeEach(async () => {
    ws = createWorkspace({ extraConfig: 'sending:\n  connections: 1\n  retries: 0\n' });
    writeArticle(ws, '2026-11-24-a', { title: 'Week 48 article', date: '2026-11-24', author: 'ada' });
    writeSubscribers(ws, ['ana@example.com,Ana', 'bo@example.com,Bo', 'cy@example.org,Cy']);
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir })).code).toBe(0);
  });
  afterEach(async () => {
    await sink?.close();
    sink = undefined;
    ws.remove();
  });

  const makePending = (email: string): void => {
    const store = openStore(ws.dataDir);
    try {
      setSubscriberStatus(store, findSubscriberByEmail(store, email)!.id, 'pending', new Date(NOW));
    } finally {
      store.close();
    }
  };

  it('are listed as pending and receive no issue over SMTP', async () => {
    makePending('bo@example.com');
    const list = JSON.parse((await runCli(['subscribers', 'list', '--json'], { cwd: ws.dir })).stdout) as { email: string; status: string }[];
    expect(list.find((s) => s.email === 'bo@example.com')?.status).toBe('pending');

    sink = await startSmtpSink();
    const run = await runCli(['send', '--week', '2026-W48', '--now', NOW], { cwd: ws.dir, env: { SMTP_URL: sink.url, DIGEST_SECRET: SECRET } });
    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.code).toBe(0);
    expect([...sink.accepted.keys()].sort()).toEqual(['ana@example.com', 'cy@example.org']);
    const report = JSON.parse((await runCli(['report', '--week', '2026-W48', '--json'], { cwd: ws.dir })).stdout);
    expect(report).toMatchObject({ sent: 2, failed: 0, skipped: 0, pending: 0 });
  });

  it('who become pending after the audience was fixed are skipped', async () => {
    sink = await startSmtpSink({
      onAccept: (recipient) => {
        if (recipient === 'ana@example.com') makePending('bo@example.com');
      },
    });
    const run = await runCli(['send', '--week', '2026-W48', '--now', NOW], { cwd: ws.dir, env: { SMTP_URL: sink.url, DIGEST_SECRET: SECRET } });
    expect(run.code).toBe(0);
    expect([...sink.accepted.keys()].sort()).toEqual(['ana@example.com', 'cy@example.org']);
    expect(run.stdout).toMatch(/issue total: 2 sent, 0 failed, 1 skipped, 0 pending/);
  });
});
