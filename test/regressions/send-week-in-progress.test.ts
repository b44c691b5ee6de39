import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const SECRET = 'progress-secret-0123456789abcdef';
/** Wednesday of ISO week 2026-W49 (Nov 30 – Dec 6), in the workspace's Europe/Berlin. */
const WEDNESDAY = '2026-12-02T10:00:00';

function deliveryCount(ws: Workspace): number {
  if (!fs.existsSync(ws.dataDir)) return 0;
  const store = openStore(ws.dataDir);
  try {
    return store.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM deliveries').get()?.n ?? 0;
  } finally {
    store.close();
  }
}

// On Wednesday, `digest send --week <this week>` sent at once, and an article
// dated Friday of that week was then never sent to anyone.
describe('a week still in progress', () => {
  let sink: SmtpSink;
  let ws: Workspace;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ws = createWorkspace();
    env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
    writeArticle(ws, '2026-11-30-monday', { title: 'Monday news', date: '2026-11-30', author: 'ada' });
    writeSubscribers(ws, ['ana@example.com,Ana', 'bo@example.com,Bo']);
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env })).code).toBe(0);
  });
  afterAll(async () => {
    await sink.close();
    ws.remove();
  });

  it.each([
    ['send --week', ['send', '--week', '2026-W49']],
    ['send --week of a week not yet begun', ['send', '--week', '2026-W50']],
  ])('%s is refused: exit 1, one line naming --force, nothing sent', async (_name, args) => {
    const result = await runCli([...args, '--now', WEDNESDAY], { cwd: ws.dir, env });
    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/has not ended/);
    expect(errors[0]).toContain('--force');
    expect(sink.messages).toHaveLength(0);
    expect(deliveryCount(ws)).toBe(0);
    expect(fs.existsSync(path.join(ws.dataDir, 'issues', '2026-W49', 'email.html'))).toBe(false);
  });

  it('still builds, and says the week is in progress', async () => {
    const result = await runCli(['build', '--week', '2026-W49', '--now', WEDNESDAY], { cwd: ws.dir, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Week 2026-W49 is in progress/);
    const issue = JSON.parse(ws.read('data/issues/2026-W49/issue.json'));
    expect(issue.inProgress).toBe(true);
    expect(issue.sentAt).toBeUndefined();
    expect(sink.messages).toHaveLength(0);
  });

  it('sends with --force', async () => {
    const result = await runCli(['send', '--week', '2026-W49', '--force', '--now', WEDNESDAY], { cwd: ws.dir, env });
    expect(result.code).toBe(0);
    expect([...sink.accepted.keys()].sort()).toEqual(['ana@example.com', 'bo@example.com']);
    expect(JSON.parse(ws.read('data/issues/2026-W49/issue.json')).sentAt).toEqual(expect.any(String));
  });
});

// The refusal names --force, so `digest send --help` must say what --force overrides.
describe('digest send --help', () => {
  it('says that --force also sends a week that has not ended', async () => {
    const result = await runCli(['send', '--help'], { cwd: process.cwd() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--force\s+send even if the week has not ended yet/);
  });
});
