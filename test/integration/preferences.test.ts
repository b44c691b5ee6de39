import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';
import { startDigest, type RunningDigest } from '../helpers/process.js';
import { startSmtpSink, type ReceivedMessage, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const SECRET = 'preferences-test-secret-0123456789abcdef';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const TITLES = {
  w48ops: 'Paging less at night',
  w48data: 'A warehouse in one file',
  w48none: 'Notes from the editors',
  w49ops: 'Runbooks that run',
  w49data: 'Sampling without regret',
  w49design: 'Type scales for dashboards',
  w50design: 'Colour for the colour-blind',
  w50none: 'A note on the holidays',
};

let sink: SmtpSink;
let ws: Workspace;
let env: NodeJS.ProcessEnv;
let server: { process: RunningDigest; url: string };

async function list(): Promise<Record<string, { status: string; sections: string[] | null; pausedUntil: string | null }>> {
  const result = await runCli(['subscribers', 'list', '--json'], { cwd: ws.dir, env });
  expect(result.code, result.stderr).toBe(0);
  const rows = JSON.parse(result.stdout) as { email: string; status: string; sections: string[] | null; pausedUntil: string | null }[];
  return Object.fromEntries(rows.map((row) => [row.email, row]));
}

/** Sends one week and returns what each address received in that send. */
async function sendWeek(week: string, now: string): Promise<Map<string, ReceivedMessage>> {
  const before = sink.messages.length;
  const result = await runCli(['send', '--week', week, '--now', now], { cwd: ws.dir, env });
  expect(result.code, result.stderr).toBe(0);
  const received = new Map<string, ReceivedMessage>();
  for (const message of sink.messages.slice(before)) {
    for (const to of message.envelopeTo) received.set(to, message);
  }
  return received;
}

const titlesIn = (message: ReceivedMessage | undefined): string[] =>
  Object.values(TITLES).filter((title) => (message?.parsed.html || '').includes(title) && (message?.parsed.text ?? '').includes(title));

function preferencesPath(message: ReceivedMessage): string {
  const html = /href="https:\/\/news\.test\.example(\/preferences\/[^"]+)"/.exec(String(message.parsed.html))?.[1];
  const text = /https:\/\/news\.test\.example(\/preferences\/\S+)/.exec(message.parsed.text ?? '')?.[1];
  expect(html, 'a preferences link in the HTML footer').toBeTruthy();
  expect(text).toBe(html);
  return html!;
}

const post = (pathname: string, body: string) => fetch(new URL(pathname.slice(1), server.url), { method: 'POST', headers: FORM, body });

let firstIssue: Map<string, ReceivedMessage>;

beforeAll(async () => {
  sink = await startSmtpSink();
  env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
  ws = createWorkspace({ extraConfig: 'sections: [Ops, Data, Design]' });
  writeArticle(ws, '2026-11-24-paging', { title: TITLES.w48ops, date: '2026-11-24T09:00', author: 'ada', section: 'Ops' });
  writeArticle(ws, '2026-11-25-warehouse', { title: TITLES.w48data, date: '2026-11-25T09:00', author: 'lin', section: 'Data' });
  writeArticle(ws, '2026-11-26-notes', { title: TITLES.w48none, date: '2026-11-26T09:00', author: 'ada' });
  writeArticle(ws, '2026-12-01-runbooks', { title: TITLES.w49ops, date: '2026-12-01T09:00', author: 'ada', section: 'ops' });
  writeArticle(ws, '2026-12-02-sampling', { title: TITLES.w49data, date: '2026-12-02T09:00', author: 'lin', section: 'Data' });
  writeArticle(ws, '2026-12-03-type', { title: TITLES.w49design, date: '2026-12-03T09:00', author: 'lin', section: 'Design' });
  writeArticle(ws, '2026-12-09-holidays', { title: TITLES.w50none, date: '2026-12-09T09:00', author: 'ada' });
  writeArticle(ws, '2026-12-08-colour', { title: TITLES.w50design, date: '2026-12-08T09:00', author: 'lin', section: 'Design' });
  writeSubscribers(ws, ['ops@example.com,Olu', 'design@example.com,Dee', 'pause@example.com,Pat', 'all@example.com,Al']);
  expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env })).code).toBe(0);
  firstIssue = await sendWeek('2026-W48', '2026-11-30T08:00:00');
  const port = await freePort();
  const process = startDigest(['serve', '--port', String(port), '--now', '2026-11-30T09:00:00', '--config', ws.configFile], { cwd: ws.dir, env });
  const [, url] = await process.waitFor(/Serving .* on (http:\/\/\S+\/)/);
  server = { process, url: url! };
}, 60_000);

afterAll(async () => {
  await server?.process.stop();
  await sink.close();
  ws.remove();
});

describe('the preference centre and per-section copies', () => {
  it('links every delivered copy to its own preference page, which GET shows without changing anything', async () => {
    expect(firstIssue.size).toBe(4);
    for (const message of firstIssue.values()) expect(titlesIn(message)).toEqual([TITLES.w48ops, TITLES.w48data, TITLES.w48none]);
    const page = await fetch(new URL(preferencesPath(firstIssue.get('ops@example.com')!).slice(1), server.url));
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const section of ['Ops', 'Data', 'Design']) expect(html).toContain(`name="sections" value="${section}" checked`);
    expect(html).toContain('ops@example.com');
    expect((await list())['ops@example.com']).toMatchObject({ status: 'active', sections: null, pausedUntil: null });
  });

  it('refuses a forged token, an unknown section and an empty choice, and saves nothing', async () => {
    const own = preferencesPath(firstIssue.get('ops@example.com')!);
    expect((await post(`${own.slice(0, -3)}xyz`, 'sections=Ops')).status).toBe(404);
    expect((await post('/preferences/not-a-token', 'sections=Ops')).status).toBe(404);
    const unknown = await post(own, 'sections=Ops&sections=Gardening');
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Gardening');
    expect((await post(own, 'action=save')).status).toBe(400);
    expect((await post(own, 'pause=0')).status).toBe(400);
    expect((await list())['ops@example.com']!.sections).toBeNull();
  });

  it('saves sections and pauses through the page', async () => {
    expect((await post(preferencesPath(firstIssue.get('ops@example.com')!), 'sections=Ops')).status).toBe(200);
    expect((await post(preferencesPath(firstIssue.get('design@example.com')!), 'sections=Design')).status).toBe(200);
    expect((await post(preferencesPath(firstIssue.get('pause@example.com')!), 'action=pause&weeks=2')).status).toBe(200);
    // Choosing every section is "all", so sections added later reach this reader too.
    expect((await post(preferencesPath(firstIssue.get('all@example.com')!), 'sections=Design&sections=Ops&sections=Data')).status).toBe(200);
    const after = await list();
    expect(after['ops@example.com']).toMatchObject({ status: 'active', sections: ['Ops'], pausedUntil: null });
    expect(after['design@example.com']).toMatchObject({ status: 'active', sections: ['Design'] });
    // Two weeks from the page's clock (09:00 Berlin, 08:00 UTC).
    expect(after['pause@example.com']!.pausedUntil).toMatch(/^2026-12-14T08:00/);
    expect(after['all@example.com']!.sections).toBeNull();
  });

  it('sends each reader only their sections, one copy per set of sections, and nothing while paused', async () => {
    const received = await sendWeek('2026-W49', '2026-12-07T08:00:00');
    expect([...received.keys()].sort()).toEqual(['all@example.com', 'design@example.com', 'ops@example.com']);
    expect(titlesIn(received.get('ops@example.com'))).toEqual([TITLES.w49ops]);
    expect(titlesIn(received.get('design@example.com'))).toEqual([TITLES.w49design]);
    expect(titlesIn(received.get('all@example.com'))).toEqual([TITLES.w49ops, TITLES.w49data, TITLES.w49design]);
    // One copy per distinct set of sections, kept in the send snapshot for a resumed send.
    const snapshot = JSON.parse(ws.read('data/issues/2026-W49/compiled.json')) as { copies: Record<string, { sections: string[]; articles: number }> };
    expect(Object.values(snapshot.copies).map((copy) => [copy.sections, copy.articles]).sort()).toEqual([[['Design'], 1], [['Ops'], 1]]);
    // Each copy still carries its reader's own links.
    expect(preferencesPath(received.get('ops@example.com')!)).toBe(preferencesPath(firstIssue.get('ops@example.com')!));
  });

  it('skips a reader whose sections have no article this week, even with an article for everyone', async () => {
    const received = await sendWeek('2026-W50', '2026-12-14T08:00:00');
    expect([...received.keys()].sort()).toEqual(['all@example.com', 'design@example.com']);
    expect(titlesIn(received.get('design@example.com'))).toEqual([TITLES.w50design, TITLES.w50none]);
    const report = await runCli(['report', '--week', '2026-W50', '--json'], { cwd: ws.dir, env });
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ sent: 2, skipped: 1, pending: 0 });
  });

  it('unsubscribes from the page', async () => {
    const page = await post(preferencesPath(firstIssue.get('design@example.com')!), 'action=unsubscribe');
    expect(page.status).toBe(200);
    expect((await list())['design@example.com']!.status).toBe('unsubscribed');
  });
});
