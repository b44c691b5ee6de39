import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

// Rerunning an issue that was completely sent, later than sending.maxDelay,
// failed as "stale" instead of reporting that there was nothing left to do.
describe('rerunning a finished issue after the freshness window', () => {
  let ws: Workspace;
  let sink: SmtpSink;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    sink = await startSmtpSink();
    env = { SMTP_URL: sink.url, DIGEST_SECRET: 'regression-secret-0123456789' };
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-a', { title: 'A', date: '2026-11-24', author: 'ada' });
    writeSubscribers(ws, ['a@example.com,A']);
    await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env });
  });
  afterAll(async () => {
    await sink.close();
    ws.remove();
  });

  it('exits 0 and sends nothing more', async () => {
    expect((await runCli(['run', '--now', '2026-11-30T08:00:00'], { cwd: ws.dir, env })).code).toBe(0);
    const later = await runCli(['run', '--now', '2026-12-01T09:00:00'], { cwd: ws.dir, env });
    expect(later.stderr).not.toMatch(/error/);
    expect(later.code).toBe(0);
    expect(later.stdout).toContain('nothing more to send');
    expect(sink.messages).toHaveLength(1);
  });
});
