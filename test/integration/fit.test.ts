import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { startPublicServer, type PublicServer } from '../../src/serve/index.js';
import { openStore, type Store } from '../../src/store/db.js';
import { writeBigWeek } from '../fixtures/big-week.js';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type ReceivedMessage, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const SECRET = 'fit-test-secret-0123456789abcdef';
const NOW = '2026-11-30T08:00:00';
const WEEK = '2026-W48';
const DEFAULT_BUDGET = 95 * 1024;

/** A subscriber whose every field is as long as it gets: megabytes of name, a 252-character address full of characters HTML escapes. */
const LONG_EMAIL = `${"o&n'".repeat(60)}@example.com`;
const LONG_NAME = `${'Bartholomew-'.repeat(20)} ${'x'.repeat(1_000_000)}`;
const LONG_GREETING = Array.from({ length: 5 }, () => 'Bartholomew').join('-');
const SUBSCRIBERS = ['ana@example.com,Ana María Ruiz', `"${LONG_EMAIL}","${LONG_NAME}"`, 'bo@example.com,'];

interface FitRecord {
  budget: number;
  bytes: number;
  compacted: string[];
  moved: string[];
}

function fitOf(ws: Workspace, dir = `data/issues/${WEEK}`): FitRecord {
  return (JSON.parse(ws.read(`${dir}/issue.json`)) as { fit: FitRecord }).fit;
}

function htmlOf(message: ReceivedMessage): string {
  return typeof message.parsed.html === 'string' ? message.parsed.html : '';
}

function unsubscribeUrlOf(message: ReceivedMessage): string {
  const line = message.parsed.headerLines.find((header) => header.key === 'list-unsubscribe')?.line ?? '';
  const url = /<(https:\/\/news\.test\.example\/unsubscribe\/[^>]+)>/.exec(line)?.[1];
  if (!url) throw new Error(`no unsubscribe URL in ${JSON.stringify(line)}`);
  return url;
}

/** A workspace with a 60-article week and three subscribers, imported; `config` is added to digest.config.yaml. */
async function bigWorkspace(env: NodeJS.ProcessEnv, config = ''): Promise<{ ws: Workspace; urls: string[] }> {
  const ws = createWorkspace({ extraConfig: config });
  const urls = writeBigWeek(ws, 60);
  writeSubscribers(ws, SUBSCRIBERS);
  const imported = await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env });
  expect(imported.code, imported.stderr).toBe(0);
  return { ws, urls };
}

async function archivePageOf(ws: Workspace): Promise<string> {
  const config = loadConfig(undefined, ws.dir);
  const store: Store = openStore(config.dataDir);
  let server: PublicServer | undefined;
  try {
    server = await startPublicServer({ config, store, secret: SECRET, clock: { now: () => new Date('2026-11-30T09:00:00Z') }, host: '127.0.0.1', port: 0, requestsPerMinute: 1000 });
    const response = await fetch(new URL(`/archive/${WEEK}`, server.url));
    expect(response.status).toBe(200);
    return await response.text();
  } finally {
    await server?.close();
    store.close();
  }
}

/** What every delivered copy must be: within budget, decoded as a mail client does, with its own unsubscribe link and footer. */
function expectWithinBudget(sink: SmtpSink, budget: number): void {
  expect(sink.messages).toHaveLength(SUBSCRIBERS.length);
  for (const message of sink.messages) {
    const html = htmlOf(message);
    expect(Buffer.byteLength(html), message.envelopeTo[0]).toBeLessThanOrEqual(budget);
    expect(html).toContain(`href="${unsubscribeUrlOf(message)}"`);
    expect(html).toContain('news.test.example/archive/2026-W48');
    expect(html).toMatch(/<\/html>\s*$/);
  }
}

describe('a 60-article week at the default budget, over real SMTP', () => {
  const sink: { current?: SmtpSink } = {};
  let ws: Workspace;
  let urls: string[];
  let runLog: string;

  beforeAll(async () => {
    sink.current = await startSmtpSink();
    const env = { SMTP_URL: sink.current.url, DIGEST_SECRET: SECRET };
    ({ ws, urls } = await bigWorkspace(env));
    const run = await runCli(['run', '--now', NOW], { cwd: ws.dir, env });
    expect(run.code, run.stderr).toBe(0);
    runLog = `${run.stdout}\n${run.stderr}`;
  }, 120_000);

  afterAll(async () => {
    await sink.current?.close();
    ws?.remove();
  });

  it('delivers every copy, the longest recipient\'s too, within size.budget with its unsubscribe link', () => {
    expectWithinBudget(sink.current!, DEFAULT_BUDGET);
    const long = sink.current!.messages.find((message) => message.envelopeTo[0] === LONG_EMAIL.toLowerCase());
    expect(long, 'the long-named subscriber got the issue').toBeDefined();
    const html = htmlOf(long!);
    expect(html).toContain(LONG_GREETING);
    expect(html).not.toContain('x'.repeat(100));
  });

  it('records the fit in issue.json: the budget, the bytes as sent, article URLs compacted or moved', () => {
    const fit = fitOf(ws);
    expect(Object.keys(fit).sort()).toEqual(['budget', 'bytes', 'compacted', 'moved']);
    expect(fit.budget).toBe(DEFAULT_BUDGET);
    expect(fit.bytes).toBeGreaterThan(0);
    expect(fit.bytes).toBeLessThanOrEqual(fit.budget);
    for (const url of [...fit.compacted, ...fit.moved]) expect(urls).toContain(url);
    expect(fit.compacted.filter((url) => fit.moved.includes(url))).toEqual([]);
    // Every delivered copy is at most what fitting measured for the longest possible recipient.
    for (const message of sink.current!.messages) expect(Buffer.byteLength(htmlOf(message))).toBeLessThanOrEqual(fit.bytes);
  });

  it('has every article in the email or on /archive/<id> of digest serve', async () => {
    const email = htmlOf(sink.current!.messages[0]!);
    const archive = await archivePageOf(ws);
    const missing = urls.filter((url) => !email.includes(`href="${url}"`) && !archive.includes(`href="${url}"`));
    expect(missing).toEqual([]);
  });

  it('says in the build log what fitting did', () => {
    const fit = fitOf(ws);
    expect(runLog).toContain(`Size: ${(fit.bytes / 1024).toFixed(1)} KB as sent (longest recipient), budget 95.0 KB: ${fit.compacted.length} compacted, ${fit.moved.length} moved`);
    for (const url of [...fit.compacted, ...fit.moved]) expect(runLog).toContain(`<${url}>`);
  });
});

describe('a 60-article week at a tight budget', () => {
  const BUDGET = 40 * 1024;
  const sink: { current?: SmtpSink } = {};
  let ws: Workspace;
  let urls: string[];

  beforeAll(async () => {
    sink.current = await startSmtpSink();
    const env = { SMTP_URL: sink.current.url, DIGEST_SECRET: SECRET };
    ({ ws, urls } = await bigWorkspace(env, 'size:\n  budget: 40KB\nlayout:\n  compactAfter: 12\n'));
    const run = await runCli(['run', '--now', NOW], { cwd: ws.dir, env });
    expect(run.code, run.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await sink.current?.close();
    ws?.remove();
  });

  it('compacts every full article, moves the lowest ones out, and stays within budget with the footer', () => {
    expectWithinBudget(sink.current!, BUDGET);
    const fit = fitOf(ws);
    expect(fit.budget).toBe(BUDGET);
    expect(fit.moved.length).toBeGreaterThan(0);
    expect(fit.compacted.length).toBeGreaterThan(0);
    // Fewer than every article moved: the email still leads with some.
    expect(fit.moved.length).toBeLessThan(urls.length);
    const email = htmlOf(sink.current!.messages[0]!);
    expect(email).toContain(`${fit.moved.length} more articles this week`);
    for (const url of fit.moved) expect(email).not.toContain(`href="${url}"`);
    for (const url of urls.filter((candidate) => !fit.moved.includes(candidate))) expect(email).toContain(`href="${url}"`);
  });

  it('lists the moved articles on /archive/<id>, so every article is reachable', async () => {
    const email = htmlOf(sink.current!.messages[0]!);
    const archive = await archivePageOf(ws);
    expect(archive).toContain('More articles this week');
    for (const url of fitOf(ws).moved) expect(archive).toContain(`href="${url}"`);
    expect(urls.filter((url) => !email.includes(`href="${url}"`) && !archive.includes(`href="${url}"`))).toEqual([]);
  });

  it('keeps the fitted email in the send snapshot', () => {
    const snapshot = JSON.parse(ws.read(`data/issues/${WEEK}/issue.json`)) as { sentAt?: string };
    expect(snapshot.sentAt).toBeDefined();
    const compiled = JSON.parse(ws.read(`data/issues/${WEEK}/compiled.json`)) as { html: string };
    const delivered = htmlOf(sink.current!.messages[0]!);
    expect(fitOf(ws).moved.length).toBeGreaterThan(0);
    for (const url of fitOf(ws).moved) {
      expect(compiled.html).not.toContain(`href="${url}"`);
      expect(delivered).not.toContain(`href="${url}"`);
    }
  });
  it('finds the same plan and the same email from the same input', async () => {
    const first = await runCli(['build', '--now', NOW], { cwd: ws.dir, env: { DIGEST_SECRET: SECRET } });
    expect(first.code, first.stderr).toBe(0);
    const once = { fit: fitOf(ws, `data/previews/${WEEK}`), html: ws.read(`data/previews/${WEEK}/email.html`) };
    const second = await runCli(['build', '--now', NOW], { cwd: ws.dir, env: { DIGEST_SECRET: SECRET } });
    expect(second.code, second.stderr).toBe(0);
    expect(fitOf(ws, `data/previews/${WEEK}`)).toEqual(once.fit);
    expect(ws.read(`data/previews/${WEEK}/email.html`)).toBe(once.html);
    // And the same as the email that was sent.
    expect(once.fit).toEqual(fitOf(ws));
  });
});

describe('size.fit: false', () => {
  let ws: Workspace;
  const sink: { current?: SmtpSink } = {};

  beforeAll(async () => {
    sink.current = await startSmtpSink();
    ({ ws } = await bigWorkspace({ DIGEST_SECRET: SECRET }, 'size:\n  budget: 40KB\n  fit: false\n'));
  }, 60_000);

  afterAll(async () => {
    await sink.current?.close();
    ws?.remove();
  });

  it('makes an issue over budget fail the build, naming size.budget, without a stack trace', async () => {
    const result = await runCli(['build', '--now', NOW], { cwd: ws.dir, env: { DIGEST_SECRET: SECRET } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: \S*digest\.config\.yaml: issue 2026-W48 is [\d.]+ KB as sent, over "size\.budget" \(40 KB\), and "size\.fit" is false — /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(ws.dataDir, 'issues', WEEK, 'issue.json'))).toBe(false);
  });

  it('makes send refuse it: nothing is delivered', async () => {
    const result = await runCli(['send', '--week', WEEK, '--now', NOW], { cwd: ws.dir, env: { SMTP_URL: sink.current!.url, DIGEST_SECRET: SECRET } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"size.budget"');
    expect(sink.current!.messages).toEqual([]);
  });

  it('makes digest check report it as an error and exit 1', async () => {
    const result = await runCli(['check', '--week', WEEK, '--now', NOW], { cwd: ws.dir, env: { DIGEST_SECRET: SECRET } });
    expect(result.code).toBe(1);
    expect(`${result.stdout}\n${result.stderr}`).toMatch(/over "size\.budget" \(40 KB\) and "size\.fit" is false/);
  });
});

describe('a small week', () => {
  let ws: Workspace;

  beforeAll(() => {
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-streaming', { title: 'Streaming the nightly batch', date: '2026-11-24T09:30', author: 'ada', section: 'Data' });
    writeArticle(ws, '2026-11-26-oncall', { title: 'On-call & you', date: '2026-11-26', author: 'lin' });
  });

  afterAll(() => ws?.remove());

  it('is left as designed: fit with empty arrays, and no note about it', async () => {
    const result = await runCli(['build', '--now', NOW], { cwd: ws.dir, env: { DIGEST_SECRET: SECRET } });
    expect(result.code, result.stderr).toBe(0);
    const fit = fitOf(ws);
    expect(fit).toEqual({ budget: DEFAULT_BUDGET, bytes: fit.bytes, compacted: [], moved: [] });
    expect(fit.bytes).toBeGreaterThan(Buffer.byteLength(ws.read(`data/issues/${WEEK}/email.html`)));
    expect(result.stdout).toContain('0 compacted, 0 moved to the web archive');
    expect(result.stdout).not.toContain('to stay within');
  });
});
