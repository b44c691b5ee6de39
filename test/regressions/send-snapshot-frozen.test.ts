import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { clockFrom } from '../../src/pipeline/clock.js';
import { send } from '../../src/pipeline/index.js';
import { silentLog } from '../../src/pipeline/log.js';
import { startPublicServer } from '../../src/serve/index.js';
import { openStore } from '../../src/store/db.js';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const SECRET = 'snapshot-secret-0123456789abcdef';
const NOW = '2026-11-30T08:00:00';
const FILES = ['email.html', 'email.txt', 'email.mjml', 'issue.json', 'compiled.json'];

// After a partial send, `digest build` of the same week rewrote the compiled
// issue: the resumed send sent the edited email to the rest, and the archive
// showed content that was never sent.
describe('the email frozen at the first send', () => {
  let sink: SmtpSink;
  let ws: Workspace;
  let env: NodeJS.ProcessEnv;
  let stop: AbortController | undefined;

  beforeAll(async () => {
    sink = await startSmtpSink({ onAccept: (_recipient, total) => total === 2 && stop?.abort() });
    ws = createWorkspace({ extraConfig: 'sending:\n  connections: 1\n' });
    env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
    writeArticle(ws, '2026-11-24-a', { title: 'As first written', date: '2026-11-24', author: 'ada' });
    writeSubscribers(ws, Array.from({ length: 6 }, (_, i) => `reader${i}@example.com,Reader ${i}`));
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env })).code).toBe(0);
  });
  afterAll(async () => {
    await sink.close();
    ws.remove();
  });

  const snapshotDir = () => path.join(ws.dataDir, 'issues', '2026-W48');
  const readSnapshot = () => Object.fromEntries(FILES.map((name) => [name, fs.readFileSync(path.join(snapshotDir(), name), 'utf8')]));

  it('keeps every snapshot file, resumes with it and archives it, whatever is built in between', async () => {
    // A first send stopped after two messages.
    stop = new AbortController();
    const config = loadConfig(ws.configFile, ws.dir);
    const context = { config, clock: clockFrom(new Date('2026-11-30T07:00:00Z')), env, log: silentLog };
    const first = await send(context, '2026-W48', { signal: stop.signal });
    stop = undefined;
    expect(first.report?.interrupted).toBe(true);
    expect(first.report?.pending).toBeGreaterThan(0);
    const frozen = readSnapshot();
    const issueJson = JSON.parse(frozen['issue.json'] ?? '{}');
    expect(new Date(issueJson.sentAt).toISOString()).toBe(issueJson.sentAt);

    // The editor changes the article and builds the week again.
    writeArticle(ws, '2026-11-24-a', { title: 'Edited after the send', date: '2026-11-24', author: 'ada' });
    const rebuilt = await runCli(['build', '--week', '2026-W48', '--now', NOW], { cwd: ws.dir, env });
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/already sent.*stay as sent; this build is a preview copy/);
    expect(rebuilt.stdout).toContain('data/previews/2026-W48/');
    expect(readSnapshot()).toEqual(frozen);
    expect(fs.readFileSync(path.join(ws.dataDir, 'previews', '2026-W48', 'email.html'), 'utf8')).toContain('Edited after the send');

    // The resumed send sends the email as first sent to everyone left.
    const resumed = await runCli(['send', '--week', '2026-W48', '--now', NOW], { cwd: ws.dir, env });
    expect(resumed.code).toBe(0);
    expect(sink.accepted.size).toBe(6);
    for (const message of sink.messages) {
      expect(message.parsed.html).toContain('As first written');
      expect(message.parsed.html).not.toContain('Edited after the send');
    }
    expect(readSnapshot()).toEqual(frozen);

    // The archive shows what was sent.
    const store = openStore(ws.dataDir);
    const server = await startPublicServer({ config, store, secret: SECRET, clock: context.clock, host: '127.0.0.1', port: 0 });
    try {
      const page = await (await fetch(new URL('archive/2026-W48', server.url))).text();
      expect(page).toContain('As first written');
      expect(page).not.toContain('Edited after the send');
    } finally {
      await server.close();
      store.close();
    }
  });
});
