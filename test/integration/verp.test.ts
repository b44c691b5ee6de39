import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/bounces');
const SECRET = 'verp-test-secret-0123456789abcdef0123';

let sink: SmtpSink;

function workspace(extraConfig = ''): Workspace {
  const ws = createWorkspace({ extraConfig });
  writeArticle(ws, '2026-11-24-streaming', { title: 'Streaming the nightly batch', date: '2026-11-24T09:30', author: 'ada' });
  writeSubscribers(ws, ['kim@example.com,Kim', 'lee@example.com,Lee']);
  return ws;
}

async function sendIssue(ws: Workspace): Promise<void> {
  const env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
  expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env })).code).toBe(0);
  const sent = await runCli(['run', '--now', '2026-11-30T08:00:00'], { cwd: ws.dir, env });
  expect(sent.code, sent.stderr).toBe(0);
}

const messagesTo = (email: string) => sink.messages.filter((message) => message.envelopeTo.includes(email));

beforeAll(async () => {
  sink = await startSmtpSink();
});

afterAll(async () => {
  await sink.close();
});

describe('VERP return path (bounces.address)', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = workspace('bounces:\n  address: "bounces+{token}@test.example"');
    await sendIssue(ws);
  });
  afterAll(() => ws.remove());

  it("gives every message an envelope sender carrying its own Message-ID's local part; From is unchanged", () => {
    const senders = new Set<string>();
    for (const email of ['kim@example.com', 'lee@example.com']) {
      const [message] = messagesTo(email);
      const local = /^<([^@]+)@/.exec(message!.parsed.messageId ?? '')?.[1];
      expect(local).toMatch(/^2026-W48\./);
      expect(message!.envelopeFrom).toBe(`bounces+${local}@test.example`);
      expect(message!.parsed.from?.text).toContain('news@test.example');
      senders.add(message!.envelopeFrom);
    }
    expect(senders.size).toBe(2);
  });

  it('lets digest bounces map a report that lost every other clue, with the pattern from the config', async () => {
    const [message] = messagesTo('lee@example.com');
    const verp = message!.envelopeFrom;
    const text = fs.readFileSync(path.join(FIXTURES, 'dsn-verp-only.eml'), 'utf8').replaceAll('bounces+2026-W48.0123456789abcdef01234567@test.example', verp);
    const result = await runCli(['bounces', ws.write('in/lee.eml', text)], { cwd: ws.dir, env: {} });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('1 hard bounced');
    const list = JSON.parse((await runCli(['subscribers', 'list', '--json'], { cwd: ws.dir, env: {} })).stdout) as { email: string; status: string }[];
    expect(Object.fromEntries(list.map((row) => [row.email, row.status]))).toEqual({ 'kim@example.com': 'active', 'lee@example.com': 'bounced' });
  });
});

describe('without bounces.address', () => {
  it('sends with the From address as the envelope sender', async () => {
    const ws = workspace();
    try {
      sink.messages.length = 0;
      await sendIssue(ws);
      expect(sink.messages.map((message) => message.envelopeFrom)).toEqual(['news@test.example', 'news@test.example']);
    } finally {
      ws.remove();
    }
  });

  it('refuses a bounces.address without {token}, naming the key', async () => {
    const ws = workspace('bounces:\n  address: "bounces@test.example"');
    try {
      const result = await runCli(['build', '--now', '2026-11-30T08:00:00'], { cwd: ws.dir, env: {} });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('bounces.address');
      expect(result.stderr).toContain('{token}');
    } finally {
      ws.remove();
    }
  });
});
