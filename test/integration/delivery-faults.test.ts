import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SinkBehaviour, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const SECRET = 'fault-secret-0123456789abcdef';
const NOW = '2026-11-30T08:00:00';
const SENDING = 'sending:\n  connections: 3\n  retries: 3\n  retryDelay: 0.01\n';

describe('delivery against a server that answers 451, 550 and drops connections', () => {
  let sink: SmtpSink;
  let ws: Workspace;
  let env: NodeJS.ProcessEnv;
  let acceptAlwaysTemp = false;

  const behave = (recipient: string, attempt: number): SinkBehaviour => {
    if (recipient === 'greylisted@example.com' && attempt <= 2) return { code: 451, message: '4.7.1 Greylisted, try again later' };
    if (recipient === 'gone@example.com') return { code: 550, message: '5.1.1 No such user here' };
    if (recipient === 'flaky@example.com' && attempt === 1) return 'drop';
    if (recipient === 'busy@example.com' && !acceptAlwaysTemp) return { code: 421, message: '4.3.2 Too busy, come back later' };
    return 'accept';
  };

  beforeAll(async () => {
    sink = await startSmtpSink({ behave });
    ws = createWorkspace({ extraConfig: SENDING });
    env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
    writeArticle(ws, '2026-11-24-a', { title: 'Week 48 article', date: '2026-11-24', author: 'ada' });
    writeSubscribers(ws, [
      'ok1@example.com,One',
      'greylisted@example.com,Grey',
      'ok2@example.com,Two',
      'gone@example.com,Gone',
      'flaky@example.com,Flaky',
      'busy@example.com,Busy',
      'ok3@example.com,Three',
    ]);
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env })).code).toBe(0);
  });
  afterAll(async () => {
    await sink.close();
    ws.remove();
  });

  it('retries temporary failures, gives up on permanent ones, and exits 0 when every delivery is sent or failed', async () => {
    const result = await runCli(['run', '--json', '--now', NOW], { cwd: ws.dir, env });
    expect(result.code).toBe(0);
    for (const address of ['ok1@example.com', 'ok2@example.com', 'ok3@example.com', 'greylisted@example.com', 'flaky@example.com']) {
      expect(sink.accepted.get(address), address).toBe(1);
    }
    expect(sink.attempts.get('greylisted@example.com')).toBe(3);
    expect(sink.accepted.get('gone@example.com')).toBeUndefined();
    expect(sink.attempts.get('gone@example.com')).toBe(1);
    expect(sink.attempts.get('busy@example.com')).toBe(4);

    const events = result.stdout.split('\n').map((line) => JSON.parse(line) as { event: string; email?: string; code?: string });
    expect(events[0]).toMatchObject({ event: 'start', total: 7, remaining: 7 });
    expect(events.filter((event) => event.event === 'retry' && event.email === 'greylisted@example.com').map((event) => event.code)).toEqual(['451', '451']);
    expect(events.find((event) => event.event === 'failed' && event.email === 'gone@example.com')).toMatchObject({ code: '550', permanent: true, bounced: true });
    expect(events.find((event) => event.event === 'failed' && event.email === 'busy@example.com')).toMatchObject({ code: '421', permanent: false });
    expect(events.at(-1)).toMatchObject({ event: 'report', sent: 5, failed: 2, pending: 0 });
  });

  it('reports every failure with the server reply', async () => {
    const result = await runCli(['report', '--json', '--now', NOW], { cwd: ws.dir, env });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ issue: '2026-W48', sent: 5, failed: 2, pending: 0 });
    expect(report.failures).toEqual([
      { email: 'gone@example.com', code: '550', response: expect.stringContaining('No such user here') },
      { email: 'busy@example.com', code: '421', response: expect.stringContaining('Too busy') },
    ]);
  });

  it('marks the hard-bounced subscriber bounced', async () => {
    const list = JSON.parse((await runCli(['subscribers', 'list', '--json'], { cwd: ws.dir, env })).stdout);
    expect(list.find((subscriber: { email: string }) => subscriber.email === 'gone@example.com').status).toBe('bounced');
    expect(list.filter((subscriber: { status: string }) => subscriber.status === 'active')).toHaveLength(6);
  });

  it('a rerun retries only the temporary failure, and never resends to anyone already sent', async () => {
    acceptAlwaysTemp = true;
    const result = await runCli(['run', '--now', NOW], { cwd: ws.dir, env });
    expect(result.code).toBe(0);
    expect(sink.accepted.get('busy@example.com')).toBe(1);
    expect(sink.attempts.get('gone@example.com')).toBe(1);
    for (const count of sink.accepted.values()) expect(count).toBe(1);
    const report = JSON.parse((await runCli(['report', '--json', '--now', NOW], { cwd: ws.dir, env })).stdout);
    expect(report).toMatchObject({ sent: 6, failed: 1, pending: 0 });
  });

  it('skips the bounced subscriber in later issues', async () => {
    writeArticle(ws, '2026-12-01-b', { title: 'Week 49 article', date: '2026-12-01', author: 'ada' });
    const result = await runCli(['run', '--now', '2026-12-07T08:00:00'], { cwd: ws.dir, env });
    expect(result.code).toBe(0);
    const week49 = sink.messages.filter((message) => message.parsed.subject?.includes('Nov 30'));
    expect(week49.map((message) => message.envelopeTo[0]).sort()).toEqual(
      ['busy', 'flaky', 'greylisted', 'ok1', 'ok2', 'ok3'].map((name) => `${name}@example.com`),
    );
  });
});
