import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

describe('digest send --test', () => {
  let sink: SmtpSink;
  let ws: Workspace;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-a', { title: 'Tested article', date: '2026-11-24', author: 'ada' });
    writeSubscribers(ws, ['sub@example.com,Sub']);
    await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir });
  });
  afterAll(async () => {
    await sink.close();
    ws.remove();
  });

  it('sends one copy marked [TEST] to the given address only, and records no delivery', async () => {
    const result = await runCli(['send', '--test', 'Editor@Example.com', '--week', '2026-W48'], {
      cwd: ws.dir,
      env: { SMTP_URL: sink.url },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Sent [TEST] 2026-W48 to editor@example.com');
    expect(sink.messages).toHaveLength(1);
    const [message] = sink.messages;
    expect(message!.envelopeTo).toEqual(['editor@example.com']);
    expect(message!.parsed.subject).toBe('[TEST] Test Weekly · Nov 23 – 29, 2026');
    expect(message!.parsed.html).toContain('Tested article');
    expect(message!.parsed.text).toContain('Hi there,');

    const store = openStore(path.join(ws.dir, 'data'));
    try {
      expect(store.db.prepare('SELECT count(*) AS n FROM deliveries').get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }
  });

  it('rejects an invalid address', async () => {
    const result = await runCli(['send', '--test', 'not-an-address', '--week', '2026-W48'], { cwd: ws.dir, env: { SMTP_URL: sink.url } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: "not-an-address" is not a valid email address/);
  });
});
