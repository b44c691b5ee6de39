import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';
import { startDigest, type RunningDigest } from '../helpers/process.js';
import { startSmtpSink, type ReceivedMessage, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const SECRET = 'sign-up-test-secret-0123456789abcdef';
const SERVE_NOW = '2026-11-30T09:00:00';
/** Past the default seven-day confirmation expiry. */
const LATER = '2026-12-08T10:00:00';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let sink: SmtpSink;
let ws: Workspace;
let env: NodeJS.ProcessEnv;

async function serve(now: string): Promise<{ process: RunningDigest; url: string }> {
  const port = await freePort();
  const process = startDigest(['serve', '--port', String(port), '--now', now, '--config', ws.configFile], { cwd: ws.dir, env });
  const [, url] = await process.waitFor(/Serving .* on (http:\/\/\S+\/)/);
  return { process, url: url! };
}

async function statuses(): Promise<Record<string, string>> {
  const list = await runCli(['subscribers', 'list', '--json'], { cwd: ws.dir, env });
  expect(list.code, list.stderr).toBe(0);
  const rows = JSON.parse(list.stdout) as { email: string; status: string }[];
  return Object.fromEntries(rows.map((row) => [row.email, row.status]));
}

const mailsTo = (email: string): ReceivedMessage[] => sink.messages.filter((message) => message.envelopeTo.includes(email));

async function mailTo(email: string): Promise<ReceivedMessage> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const found = mailsTo(email)[0];
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no mail to ${email}`);
}

async function waitForConfirmation(email: string): Promise<ReceivedMessage> {
  for (let waited = 0; waited < 10_000; waited += 50) {
    const found = mailsTo(email).find((message) => message.parsed.subject?.startsWith('Confirm'));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no confirmation mail to ${email}`);
}

function confirmPath(message: ReceivedMessage): string {
  const link = /https:\/\/news\.test\.example(\/confirm\/[^\s"<>]+)/.exec(message.parsed.text ?? '')?.[1];
  if (!link) throw new Error(`no confirmation link in ${message.parsed.text}`);
  return link;
}

function subscribe(url: string, body: string): Promise<Response> {
  return fetch(new URL('subscribe', url), { method: 'POST', headers: FORM, body });
}

beforeAll(async () => {
  sink = await startSmtpSink();
  env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
  ws = createWorkspace();
  writeArticle(ws, '2026-11-24-streaming', { title: 'Streaming the nightly batch', date: '2026-11-24T09:30', author: 'ada' });
  writeSubscribers(ws, ['old@example.com,Old Reader', 'gone@example.com,']);
  expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env })).code).toBe(0);
  const forget = await runCli(['subscribers', 'forget', 'gone@example.com'], { cwd: ws.dir, env });
  expect(forget.code, forget.stderr).toBe(0);
});

afterAll(async () => {
  await sink.close();
  ws.remove();
});

describe('sign-up with double opt-in over digest serve', () => {
  it('confirms a new address only after a POST to the mailed link; pending ones get no issue', { timeout: 90_000 }, async () => {
    const server = await serve(SERVE_NOW);
    try {
      const accepted = await subscribe(server.url, 'email=New%40Example.com&name=Nia');
      expect(accepted.status).toBe(202);
      const page = await accepted.text();
      expect(page).toContain('Check your inbox');

      const mail = await mailTo('new@example.com');
      expect(mail.parsed.from?.text).toContain('news@test.example');
      expect(mail.parsed.subject).toContain('Test Weekly');
      expect(mail.parsed.html).toContain('/confirm/');
      const link = confirmPath(mail);
      expect(link.startsWith('/confirm/')).toBe(true);
      expect((await statuses())['new@example.com']).toBe('pending');

      const shown = await fetch(new URL(link, server.url));
      expect(shown.status).toBe(200);
      expect(await shown.text()).toMatch(/<form method="post">.*Confirm subscription/s);
      expect((await statuses())['new@example.com']).toBe('pending');

      const run = await runCli(['run', '--now', '2026-11-30T08:00:00'], { cwd: ws.dir, env });
      expect(run.code, run.stderr).toBe(0);
      expect(mailsTo('old@example.com')).toHaveLength(1);
      expect(mailsTo('new@example.com')).toHaveLength(1);

      const confirmed = await fetch(new URL(link, server.url), { method: 'POST', headers: FORM, body: '' });
      expect(confirmed.status).toBe(200);
      expect(await confirmed.text()).toContain('You are subscribed');
      expect((await statuses())['new@example.com']).toBe('active');
      await server.process.waitFor(/subscribed: new@example\.com/);

      // Same answer, and no mail, for an active, a suppressed (forgotten) and a honeypot sign-up.
      for (const body of ['email=old%40example.com', 'email=gone%40example.com', 'email=bot%40example.com&website=http%3A%2F%2Fspam']) {
        const response = await subscribe(server.url, body);
        expect(response.status).toBe(202);
        expect(await response.text()).toBe(page);
      }
      // One mail an hour per address: the second request is answered alike and mails nothing.
      for (let i = 0; i < 2; i++) expect((await subscribe(server.url, 'email=twice%40example.com')).status).toBe(202);
      await mailTo('twice@example.com');
      const json = await fetch(new URL('subscribe', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'last@example.com' }),
      });
      expect(json.status).toBe(202);
      expect(((await json.json()) as { status: string }).status).toBe('check-your-inbox');
      await mailTo('last@example.com');
      expect(mailsTo('twice@example.com')).toHaveLength(1);
      expect(mailsTo('old@example.com')).toHaveLength(1);
      expect(mailsTo('bot@example.com')).toHaveLength(0);
      expect(sink.messages.filter((m) => m.envelopeTo.some((to) => to.startsWith('gone@')))).toHaveLength(0);
      const after = await statuses();
      expect(after['bot@example.com']).toBeUndefined();
      expect(after['twice@example.com']).toBe('pending');
    } finally {
      await server.process.stop();
    }

    const later = await serve(LATER);
    try {
      const link = confirmPath(mailsTo('twice@example.com')[0]!);
      const expired = await fetch(new URL(link, later.url), { method: 'POST', headers: FORM, body: '' });
      expect(expired.status).toBe(400);
      expect(await expired.text()).toMatch(/expired.*Sign up again/s);
      // Its link expired, so the serve started at LATER deleted the sign-up.
      expect((await statuses())['twice@example.com']).toBeUndefined();
      expect((await fetch(new URL('/confirm/not-a-token', later.url))).status).toBe(404);
    } finally {
      await later.process.stop();
    }
  });

  it('refuses bad input with a 400, stores chosen sections, and re-confirms an unsubscribed address', { timeout: 60_000 }, async () => {
    ws.write('digest.config.yaml', `${ws.read('digest.config.yaml')}\nsections: [Engineering, Culture]\n`);
    const server = await serve(SERVE_NOW);
    try {
      expect((await subscribe(server.url, 'email=not-an-address')).status).toBe(400);
      expect((await subscribe(server.url, 'email=sec%40example.com&sections=Gardening')).status).toBe(400);
      expect((await subscribe(server.url, 'email=sec%40example.com&sections=Culture')).status).toBe(202);
      const link = confirmPath(await mailTo('sec@example.com'));
      expect((await fetch(new URL(link, server.url), { method: 'POST', headers: FORM, body: '' })).status).toBe(200);
      const list = await runCli(['subscribers', 'list', '--json'], { cwd: ws.dir, env });
      const row = (JSON.parse(list.stdout) as { email: string; status: string; sections: string[] | null }[]).find((r) => r.email === 'sec@example.com');
      expect(row).toMatchObject({ status: 'active', sections: ['Culture'] });

      // An unsubscribed address signing up again stays unsubscribed until it confirms.
      const unsubscribed = await runCli(['subscribers', 'unsubscribe', 'old@example.com', '--now', '2026-11-30T08:30:00'], { cwd: ws.dir, env });
      expect(unsubscribed.code, unsubscribed.stderr).toBe(0);
      expect((await subscribe(server.url, 'email=old%40example.com')).status).toBe(202);
      const resubscribe = confirmPath(await waitForConfirmation('old@example.com'));
      expect((await statuses())['old@example.com']).toBe('unsubscribed');
      expect((await fetch(new URL(resubscribe, server.url), { method: 'POST', headers: FORM, body: '' })).status).toBe(200);
      expect((await statuses())['old@example.com']).toBe('active');

      // Unsubscribing after the link was mailed wins over the link.
      const later = await runCli(['subscribers', 'unsubscribe', 'old@example.com', '--now', '2026-11-30T09:30:00'], { cwd: ws.dir, env });
      expect(later.code, later.stderr).toBe(0);
      const stale = await fetch(new URL(resubscribe, server.url), { method: 'POST', headers: FORM, body: '' });
      expect(stale.status).toBe(400);
      expect(await stale.text()).toContain('You unsubscribed after this link was sent');
      expect((await statuses())['old@example.com']).toBe('unsubscribed');
    } finally {
      await server.process.stop();
    }
  });
});

describe('sign-up limits and the capture server', () => {
  it('limits sign-ups per client address and refuses oversized bodies', { timeout: 30_000 }, async () => {
    const { loadConfig } = await import('../../src/config/load.js');
    const { openStore } = await import('../../src/store/db.js');
    const { startPublicServer } = await import('../../src/serve/index.js');
    const config = loadConfig(ws.configFile);
    const store = openStore(config.dataDir);
    const sent: string[] = [];
    const server = await startPublicServer({
      config,
      store,
      secret: SECRET,
      clock: { now: () => new Date('2026-11-30T09:00:00Z') },
      host: '127.0.0.1',
      port: 0,
      signUpsPerHour: 3,
      mailer: { send: async (message) => void sent.push(message.to) },
    });
    try {
      expect((await subscribe(server.url, `email=x%40example.net&name=${'n'.repeat(2000)}`)).status).toBe(413);
      expect((await subscribe(server.url, 'email=one%40example.net')).status).toBe(202);
      expect((await subscribe(server.url, 'email=two%40example.net')).status).toBe(202);
      const limited = await subscribe(server.url, 'email=three%40example.net');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(60);
      expect(await limited.text()).toContain('Too many sign-ups');
      expect(sent).toEqual(['one@example.net', 'two@example.net']);
    } finally {
      await server.close();
      store.close();
    }
  });

  it('sends confirmations to the built-in capture server when SMTP_URL is unset', { timeout: 30_000 }, async () => {
    const port = await freePort();
    const process = startDigest(['serve', '--port', String(port), '--now', SERVE_NOW, '--config', ws.configFile], {
      cwd: ws.dir,
      env: { DIGEST_SECRET: SECRET },
    });
    try {
      const [, url] = await process.waitFor(/Serving .* on (http:\/\/\S+\/)/);
      expect(process.output()).toMatch(/SMTP_URL is not set: using the built-in capture server/);
      expect((await subscribe(url!, 'email=captured%40example.com')).status).toBe(202);
      const dir = path.join(ws.dataDir, 'sign-up-mail');
      let eml = '';
      for (let waited = 0; waited < 10_000 && !eml; waited += 50) {
        const file = fs.existsSync(dir) ? fs.readdirSync(dir).find((name) => name.endsWith('.eml')) : undefined;
        if (file) eml = fs.readFileSync(path.join(dir, file), 'utf8');
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(eml).toContain('To: captured@example.com');
      expect(eml).toMatch(/https:\/\/news\.test\.example\/confirm\//);
    } finally {
      await process.stop();
    }
  });
});
