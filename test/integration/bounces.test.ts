import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/bounces');
const FIXTURE_ADDRESS = 'dana@example.net';
const FIXTURE_MESSAGE_ID = '<2026-W48.0123456789abcdef01234567@news.test.example>';
const PEOPLE = ['ana', 'bo', 'cy', 'dee', 'eve', 'fay', 'gus', 'hal', 'ivy'].map((name) => `${name}@example.com`);

describe('digest bounces', () => {
  let sink: SmtpSink;
  let ws: Workspace;
  let env: NodeJS.ProcessEnv;
  const messageIds = new Map<string, string>();

  /** A fixture rewritten for one delivered recipient: its address and real Message-ID. */
  const fixtureFor = (file: string, email: string, options: { finalRecipient?: string } = {}): string =>
    fs
      .readFileSync(path.join(FIXTURES, file), 'utf8')
      .replaceAll(FIXTURE_MESSAGE_ID, messageIds.get(email)!)
      .replaceAll(`Final-Recipient: rfc822; ${FIXTURE_ADDRESS}`, `Final-Recipient: rfc822; ${options.finalRecipient ?? email}`)
      .replaceAll(FIXTURE_ADDRESS, options.finalRecipient ?? email);

  const statuses = async (): Promise<Record<string, string>> => {
    const listed = await runCli(['subscribers', 'list', '--json'], { cwd: ws.dir, env });
    expect(listed.code).toBe(0);
    return Object.fromEntries((JSON.parse(listed.stdout) as { email: string; status: string }[]).map((s) => [s.email, s.status]));
  };

  const bounces = (...args: string[]) => runCli(['bounces', ...args], { cwd: ws.dir, env });

  beforeAll(async () => {
    sink = await startSmtpSink();
    ws = createWorkspace();
    env = { SMTP_URL: sink.url, DIGEST_SECRET: 'test-secret-0123456789abcdef' };
    writeArticle(ws, '2026-11-24-streaming', { title: 'Streaming the nightly batch', date: '2026-11-24T09:30', author: 'ada' });
    writeSubscribers(ws, PEOPLE.map((email) => `${email},`));
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env })).code).toBe(0);
    const run = await runCli(['run', '--now', '2026-11-30T08:00:00'], { cwd: ws.dir, env });
    expect(run.code, run.stderr).toBe(0);
    for (const message of sink.messages) messageIds.set(message.envelopeTo[0]!, message.parsed.messageId!);
    expect([...messageIds.keys()].sort()).toEqual([...PEOPLE].sort());
  });

  afterAll(async () => {
    await sink.close();
    ws.remove();
  });

  it('makes a subscriber bounced from a 5.1.1 DSN for their delivery (threshold 1)', async () => {
    const file = ws.write('in/ana.eml', fixtureFor('postfix-dsn.eml', 'ana@example.com'));
    const result = await bounces(file);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Read 1 message: 1 hard bounced, 0 soft bounced, 0 complained, 0 unmatched, 0 not a bounce');
    const now = await statuses();
    expect(now['ana@example.com']).toBe('bounced');
    expect(now['bo@example.com']).toBe('active');
  });

  it('maps a DSN by the original Message-ID when the recipient was forwarded', async () => {
    const file = ws.write('in/bo.eml', fixtureFor('ses-dsn.eml', 'bo@example.com', { finalRecipient: 'bo@forwarded.example' }));
    expect(fs.readFileSync(file, 'utf8')).not.toContain('bo@example.com');
    const result = await bounces(file);
    expect(result.stdout).toContain('1 hard bounced');
    expect((await statuses())['bo@example.com']).toBe('bounced');
  });

  it('unsubscribes at once the recipient an ARF report names', async () => {
    const file = ws.write('in/cy.eml', fixtureFor('arf-abuse.eml', 'cy@example.com'));
    const result = await bounces(file);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 complained');
    expect((await statuses())['cy@example.com']).toBe('unsubscribed');
    ws.write('again.csv', 'email,name\nCY@example.com,Cy\n');
    expect((await runCli(['subscribers', 'import', 'again.csv'], { cwd: ws.dir, env })).code).toBe(0);
    expect((await statuses())['cy@example.com']).toBe('unsubscribed');
  });

  it('records a soft bounce without changing the status', async () => {
    const file = ws.write('in/gus.eml', fixtureFor('postfix-delayed-dsn.eml', 'gus@example.com'));
    const result = await bounces(file);
    expect(result.stdout).toBe('Read 1 message: 0 hard bounced, 1 soft bounced, 0 complained, 0 unmatched, 0 not a bounce');
    expect((await statuses())['gus@example.com']).toBe('active');
  });

  it('reads mbox files, >From-quoted, and Maildir folders', async () => {
    const mbox = [
      `From MAILER-DAEMON Mon Nov 30 09:01:02 2026\n${fixtureFor('exim-text.eml', 'dee@example.com')}`,
      `From dana@example.net Mon Nov 30 12:00:00 2026\n${fs.readFileSync(path.join(FIXTURES, 'not-a-bounce.eml'), 'utf8').replace('Thanks', '>From me: thanks')}`,
    ].join('\n');
    const mboxFile = ws.write('in/bounces.mbox', mbox);
    ws.write('in/Maildir/cur/1764489662.M1P2.mail:2,S', fixtureFor('qmail-text.eml', 'eve@example.com'));
    ws.write('in/Maildir/new/1764489663.M2P2.mail', fixtureFor('gmail-dsn.eml', 'fay@example.com'));
    fs.mkdirSync(path.join(ws.dir, 'in/Maildir/tmp'), { recursive: true });
    const result = await bounces(mboxFile, path.join(ws.dir, 'in/Maildir'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Read 4 messages: 3 hard bounced, 0 soft bounced, 0 complained, 0 unmatched, 1 not a bounce');
    const now = await statuses();
    expect([now['dee@example.com'], now['eve@example.com'], now['fay@example.com']]).toEqual(['bounced', 'bounced', 'bounced']);
  });

  it('maps a bounce by its VERP token', async () => {
    const token = /^<([^@]+)@/.exec(messageIds.get('hal@example.com')!)![1]!;
    const text = fs.readFileSync(path.join(FIXTURES, 'dsn-verp-only.eml'), 'utf8').replaceAll('2026-W48.0123456789abcdef01234567', token);
    const file = ws.write('in/hal.eml', text);
    const without = await bounces(file);
    expect(without.stdout).toContain('1 unmatched');
    expect((await statuses())['hal@example.com']).toBe('active');
    const result = await bounces('--verp', 'bounces+{token}@test.example', file);
    expect(result.stdout).toContain('1 hard bounced');
    expect((await statuses())['hal@example.com']).toBe('bounced');
  });

  it('counts a bounce for an address not on the list as unmatched', async () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'qmail-no-mailbox-text.eml'), 'utf8');
    const result = await bounces(ws.write('in/stranger.eml', text));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 hard bounced, 0 soft bounced, 0 complained, 1 unmatched');
    expect((await statuses())['ivy@example.com']).toBe('active');
  });

  it('exits 1 naming a path it cannot read, and changes nothing', async () => {
    const good = ws.write('in/ivy.eml', fixtureFor('postfix-dsn.eml', 'ivy@example.com'));
    const result = await bounces(good, 'in/missing.mbox');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('in/missing.mbox');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect((await statuses())['ivy@example.com']).toBe('active');
  });
});
