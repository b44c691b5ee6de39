import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { findSubscriberByEmail, setSubscriberStatus } from '../../src/store/subscribers.js';
import type { SubscriberStatus } from '../../src/types.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

// Issue #9, item 5: someone who unsubscribed or bounced after the audience was fixed stayed
// `pending` forever: the issue never completed, the report said "1 pending", and a rerun after
// maxDelay failed as stale. Such a delivery is now `skipped` when it is claimed, and done.

const SECRET = 'audience-secret-0123456789abcdef';
const NOW = '2026-11-30T08:00:00';
/** Three days later: well past sending.maxDelay (24h). */
const LATER = '2026-12-03T08:00:00';

interface Report {
  sent: number;
  failed: number;
  skipped: number;
  pending: number;
}

describe('regression: subscribers who leave mid-issue', () => {
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

  const report = async (): Promise<Report> =>
    JSON.parse((await runCli(['report', '--week', '2026-W48', '--json'], { cwd: ws.dir })).stdout) as Report;

  it.each<SubscriberStatus>(['unsubscribed', 'bounced'])(
    'one who is %s after the audience was fixed is skipped; the issue completes and stays done',
    async (status) => {
      // The first run fixes the audience, then finds the server down: everyone but the first stays pending.
      const closed = `smtp://127.0.0.1:${await freePort()}`;
      const down = await runCli(['send', '--week', '2026-W48', '--now', NOW], { cwd: ws.dir, env: { SMTP_URL: closed, DIGEST_SECRET: SECRET } });
      expect(down.code).toBe(1);
      expect(await report()).toMatchObject({ sent: 0, pending: 2, skipped: 0 });

      const store = openStore(ws.dataDir);
      try {
        setSubscriberStatus(store, findSubscriberByEmail(store, 'cy@example.org')!.id, status, new Date(NOW));
      } finally {
        store.close();
      }

      sink = await startSmtpSink();
      const up = await runCli(['send', '--week', '2026-W48', '--now', NOW, '--json'], { cwd: ws.dir, env: { SMTP_URL: sink.url, DIGEST_SECRET: SECRET } });
      expect(up.stderr).not.toMatch(/^error:/m);
      expect(up.code).toBe(0);
      const events = up.stdout.split('\n').map((line) => JSON.parse(line) as { event: string; email?: string });
      expect(events.filter((event) => event.event === 'skipped')).toEqual([expect.objectContaining({ email: 'cy@example.org' })]);
      expect(events.at(-1)).toMatchObject({ event: 'report', sent: 2, skipped: 1, pending: 0 });
      expect([...sink.accepted.keys()].sort()).toEqual(['ana@example.com', 'bo@example.com']);

      expect(await report()).toEqual(expect.objectContaining({ sent: 2, failed: 0, skipped: 1, pending: 0 }));
      const text = await runCli(['report', '--week', '2026-W48'], { cwd: ws.dir });
      expect(text.stdout).toContain('Issue 2026-W48: 2 sent, 0 failed, 1 skipped, 0 pending');

      // Done, not stale: a rerun long after maxDelay sends nothing and exits 0.
      const again = await runCli(['send', '--week', '2026-W48', '--now', LATER], { cwd: ws.dir, env: { SMTP_URL: sink.url, DIGEST_SECRET: SECRET } });
      expect(again.stderr).not.toMatch(/^error:/m);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('nothing more to send');
      expect(sink.accepted.size).toBe(2);
    },
  );

  it('the run log of a text run says how many were skipped', async () => {
    sink = await startSmtpSink({
      // Bo unsubscribes while Ana's message is being accepted: after the audience was fixed.
      onAccept: (recipient) => {
        if (recipient !== 'ana@example.com') return;
        const store = openStore(ws.dataDir);
        try {
          setSubscriberStatus(store, findSubscriberByEmail(store, 'bo@example.com')!.id, 'unsubscribed', new Date(NOW));
        } finally {
          store.close();
        }
      },
    });
    const run = await runCli(['send', '--week', '2026-W48', '--now', NOW], { cwd: ws.dir, env: { SMTP_URL: sink.url, DIGEST_SECRET: SECRET } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/2 sent and 0 failed \(1 skipped: they left after the audience was fixed\) in this run/);
    expect(run.stdout).toMatch(/issue total: 2 sent, 0 failed, 1 skipped, 0 pending/);
    expect([...sink.accepted.keys()].sort()).toEqual(['ana@example.com', 'cy@example.org']);
  });
});
