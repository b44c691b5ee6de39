import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

describe('digest run without SMTP_URL (built-in capture server)', () => {
  let ws: Workspace;

  beforeAll(async () => {
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-a', { title: 'First article', date: '2026-11-24', author: 'ada' });
    writeSubscribers(ws, ['one@example.com,One', 'two@example.com,Two']);
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir })).code).toBe(0);
  });
  afterAll(() => ws.remove());

  it('stores every message as an .eml file under dataDir/outbox/<issue>/ and says so loudly', async () => {
    const result = await runCli(['run', '--now', '2026-11-30T08:00:00+01:00'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/SMTP_URL is not set: using the built-in capture server on smtp:\/\/127\.0\.0\.1:\d+\. Nothing is delivered/);
    expect(result.stdout).toContain(`Captured messages: `);
    const outbox = path.join(ws.dataDir, 'outbox', '2026-W48');
    const files = fs.readdirSync(outbox).sort();
    expect(files).toEqual(['one@example.com.eml', 'two@example.com.eml']);
    const mail = await simpleParser(fs.readFileSync(path.join(outbox, files[0]!)));
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('one@example.com');
    expect(mail.html).toContain('First article');
    expect(mail.text).toContain('Hi One,');
  });

  it('signs unsubscribe links with a generated local secret kept in the data folder', () => {
    const secret = fs.readFileSync(path.join(ws.dataDir, 'secret'), 'utf8');
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(path.join(ws.dataDir, 'secret')).mode & 0o777).toBe(0o600);
  });

  it('a second run captures nothing more', async () => {
    const result = await runCli(['run', '--now', '2026-11-30T08:00:00+01:00'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(fs.readdirSync(path.join(ws.dataDir, 'outbox', '2026-W48'))).toHaveLength(2);
  });
});
