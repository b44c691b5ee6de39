import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { personalizeOptions } from '../../src/util/personalize-options.js';
import { startPublicServer, type PublicServer } from '../../src/serve/index.js';
import { openStore, type Store } from '../../src/store/db.js';
import { signSubscriberToken } from '../../src/util/unsubscribe-token.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';
import { listeningAddresses, startDigest } from '../helpers/process.js';
import { startSmtpSink, type ReceivedMessage, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const SECRET = 'serve-test-secret-0123456789abcdef';
/** Monday after ISO week 2026-W48: the scheduled run of that week. */
const NOW = '2026-11-30T08:00:00';
const EMAILS = ['ana@example.com', 'bo@example.com', 'cy@example.org'];
const TITLES = ['Streaming the nightly batch', 'On-call & you'];
const CLOCK = { now: () => new Date('2026-11-30T09:00:00Z') };
const TOKEN_IN_TEXT = /\/unsubscribe\/[0-9a-z]{1,12}\.[A-Za-z0-9_-]{43}/;

/** A workspace with three subscribers to whom week 2026-W48 was sent through `sink`. */
async function sentWorkspace(sink: SmtpSink, env: NodeJS.ProcessEnv): Promise<Workspace> {
  const ws = createWorkspace();
  writeArticle(ws, '2026-11-24-streaming', { title: TITLES[0], date: '2026-11-24T09:30', author: 'ada' });
  writeArticle(ws, '2026-11-26-oncall', { title: TITLES[1], date: '2026-11-26', author: 'lin', summary: 'A short given summary.' });
  writeSubscribers(ws, ['ana@example.com,Ana Ruiz', 'bo@example.com,', 'cy@example.org,Cy']);
  const imported = await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env });
  expect(imported.code, imported.stderr).toBe(0);
  const run = await runCli(['run', '--now', NOW], { cwd: ws.dir, env });
  expect(run.code, run.stderr).toBe(0);
  expect(sink.messages).toHaveLength(EMAILS.length);
  return ws;
}

/** Status by email, as `digest subscribers list --json` prints it. */
async function statuses(ws: Workspace, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const list = await runCli(['subscribers', 'list', '--json'], { cwd: ws.dir, env });
  expect(list.code, list.stderr).toBe(0);
  const rows = JSON.parse(list.stdout) as { email: string; status: string }[];
  return Object.fromEntries(rows.map((row) => [row.email, row.status]));
}

function allActive(): Record<string, string> {
  return Object.fromEntries(EMAILS.map((email) => [email, 'active']));
}

/** The https unsubscribe URL of a received message's List-Unsubscribe header. */
function unsubscribeUrlOf(message: ReceivedMessage): URL {
  const line = message.parsed.headerLines.find((header) => header.key === 'list-unsubscribe')?.line ?? '';
  const url = /<(https:\/\/news\.test\.example\/unsubscribe\/[^>]+)>/.exec(line)?.[1];
  if (!url) throw new Error(`no unsubscribe URL in ${JSON.stringify(line)}`);
  return new URL(url);
}

function messageTo(sink: SmtpSink, email: string): ReceivedMessage {
  const message = sink.messages.find((candidate) => candidate.envelopeTo.includes(email));
  if (!message) throw new Error(`nothing was sent to ${email}`);
  return message;
}

/** The same path on the local server instead of the public baseUrl. */
function onServer(server: PublicServer, url: URL | string): string {
  const { pathname, search } = typeof url === 'string' ? new URL(url, 'https://news.test.example') : url;
  return new URL(`${pathname}${search}`, server.url).href;
}

function oneClick(url: string, body = 'List-Unsubscribe=One-Click'): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
}

/** Replaces the character at `index` with another character of the base64url alphabet. */
function flip(text: string, index: number): string {
  return text.slice(0, index) + (text[index] === 'A' ? 'B' : 'A') + text.slice(index + 1);
}

describe('digest serve: one-click unsubscribe (RFC 8058) and the archive', () => {
  let sink: SmtpSink;
  let ws: Workspace;
  let env: NodeJS.ProcessEnv;
  let config: Config;
  let store: Store;
  let server: PublicServer;
  const unsubscribed: string[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
    ws = await sentWorkspace(sink, env);
    config = loadConfig(undefined, ws.dir);
    store = openStore(config.dataDir);
    server = await startPublicServer({
      config,
      store,
      secret: SECRET,
      clock: CLOCK,
      host: '127.0.0.1',
      port: 0,
      // High enough that this file's requests are never limited; the limit has its own test.
      requestsPerMinute: 1000,
      onUnsubscribe: (email) => unsubscribed.push(email),
    });
  });

  afterAll(async () => {
    await server?.close();
    store?.close();
    await sink?.close();
    ws?.remove();
  });

  it('listens on the loopback address it was given', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(listeningAddresses(server.port)).toEqual(['127.0.0.1']);
  });

  it('GET only asks: a page with the address and a one-click form, and the subscriber stays active', async () => {
    const url = onServer(server, unsubscribeUrlOf(messageTo(sink, 'bo@example.com')));
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('bo@example.com');
    expect(html).toMatch(/<form method="post">/);
    expect(html).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(html).toMatch(/<button type="submit">Unsubscribe<\/button>/);

    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await statuses(ws, env)).toEqual(allActive());
    expect(unsubscribed).toEqual([]);
  });

  describe('refuses tampered links and changes nobody', () => {
    const cases: [string, () => string][] = [
      ['one character of the signature flipped', () => {
        const token = unsubscribeUrlOf(messageTo(sink, 'cy@example.org')).pathname.split('/').pop()!;
        return flip(token, token.length - 5);
      }],
      ['the id part changed to another subscriber', () => {
        const cy = unsubscribeUrlOf(messageTo(sink, 'cy@example.org')).pathname.split('/').pop()!;
        const bo = unsubscribeUrlOf(messageTo(sink, 'bo@example.com')).pathname.split('/').pop()!;
        return `${bo.split('.')[0]}.${cy.split('.')[1]}`;
      }],
      ['the id part changed to no subscriber', () => {
        const token = unsubscribeUrlOf(messageTo(sink, 'cy@example.org')).pathname.split('/').pop()!;
        return `zzz.${token.split('.')[1]}`;
      }],
      ['garbage', () => 'garbage'],
      ['a signature with a dot but the wrong length', () => '3.abc'],
      ['signed with another secret', () => {
        const token = unsubscribeUrlOf(messageTo(sink, 'cy@example.org')).pathname.split('/').pop()!;
        const { listId } = personalizeOptions(config, SECRET);
        return signSubscriberToken({ uid: token.split('.')[0]!, listId }, 'another-secret-0123456789abcdef');
      }],
    ];

    it.each(cases)('%s → 4xx on POST and GET', async (_name, tokenOf) => {
      const url = onServer(server, `/unsubscribe/${tokenOf()}`);
      const post = await oneClick(url);
      expect(post.status).toBeGreaterThanOrEqual(400);
      expect(post.status).toBeLessThan(500);
      expect(await post.text()).not.toContain('cy@example.org');
      const get = await fetch(url);
      expect(get.status).toBeGreaterThanOrEqual(400);
      expect(get.status).toBeLessThan(500);
      expect(await get.text()).not.toMatch(/@example\.(com|org)/);
      expect(await statuses(ws, env)).toEqual(allActive());
    });

    it('the untampered token of the same message is the valid one (so the cases above test the check)', async () => {
      const response = await fetch(onServer(server, unsubscribeUrlOf(messageTo(sink, 'cy@example.org'))));
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('cy@example.org');
    });
  });

  it.each([
    ['an empty body', ''],
    ['another value', 'List-Unsubscribe=Yes'],
    ['another field', 'unsubscribe=One-Click'],
  ])('POST with %s → 400 and no change', async (_name, body) => {
    const response = await oneClick(onServer(server, unsubscribeUrlOf(messageTo(sink, 'cy@example.org'))), body);
    expect(response.status).toBe(400);
    expect(await statuses(ws, env)).toEqual(allActive());
    expect(unsubscribed).toEqual([]);
  });

  it('POST with a body over 1 KB → 413 and no change, even when it holds List-Unsubscribe=One-Click', async () => {
    const url = onServer(server, unsubscribeUrlOf(messageTo(sink, 'cy@example.org')));
    const response = await oneClick(url, `List-Unsubscribe=One-Click&padding=${'x'.repeat(1100)}`);
    expect(response.status).toBe(413);
    expect(await statuses(ws, env)).toEqual(allActive());
    expect(unsubscribed).toEqual([]);
  });

  it('POST List-Unsubscribe=One-Click unsubscribes at once, and a second POST is still 200', async () => {
    const url = onServer(server, unsubscribeUrlOf(messageTo(sink, 'ana@example.com')));
    const first = await oneClick(url);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('ana@example.com');
    expect(await statuses(ws, env)).toEqual({ ...allActive(), 'ana@example.com': 'unsubscribed' });

    const second = await oneClick(url);
    expect(second.status).toBe(200);
    expect(await statuses(ws, env)).toEqual({ ...allActive(), 'ana@example.com': 'unsubscribed' });
    expect(unsubscribed).toEqual(['ana@example.com']);
  });

  it('sends the next issue to everyone but the unsubscribed reader', async () => {
    writeArticle(ws, '2026-12-02-next', { title: 'Next week in the platform team', date: '2026-12-02T10:00', author: 'lin' });
    const run = await runCli(['run', '--now', '2026-12-07T08:00:00'], { cwd: ws.dir, env });
    expect(run.code, run.stderr).toBe(0);
    const next = sink.messages.filter((message) => message.parsed.messageId?.startsWith('<2026-W49.'));
    expect(next.flatMap((message) => message.envelopeTo).sort()).toEqual(['bo@example.com', 'cy@example.org']);
    expect(next[0]?.parsed.html).toContain('Next week in the platform team');
  });

  it('/archive/<id> shows the sent issue without any reader\'s address, token or placeholder', async () => {
    const response = await fetch(onServer(server, '/archive/2026-W48'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain(TITLES[0]);
    expect(html).toContain('On-call &amp; you');
    expect(html).toContain('Hi there,');
    expect(html).not.toContain('[[digest:');
    expect(html).not.toMatch(/%5B%5Bdigest/i);
    for (const email of EMAILS) expect(html).not.toContain(email);
    expect(html).not.toMatch(TOKEN_IN_TEXT);
    for (const message of sink.messages) {
      const token = unsubscribeUrlOf(message).pathname.split('/').pop()!;
      expect(html).not.toContain(token.split('.')[1]);
    }
  });

  it('/archive/<id> of an issue built but never sent, or unknown, is 404', async () => {
    writeArticle(ws, '2026-12-09-unsent', { title: 'Built, not sent', date: '2026-12-09', author: 'ada' });
    const built = await runCli(['build', '--week', '2026-W50', '--now', NOW], { cwd: ws.dir, env });
    expect(built.code, built.stderr).toBe(0);
    expect(ws.read('data/issues/2026-W50/email.html')).toContain('Built, not sent');

    for (const path of ['/archive/2026-W50', '/archive/2019-W01', '/archive/latest', '/archive/2026-W48/../secret']) {
      const response = await fetch(onServer(server, path));
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('Built, not sent');
    }
  });

  it('/archive lists the sent issues, newest first, and not the unsent one', async () => {
    const response = await fetch(onServer(server, '/archive'));
    expect(response.status).toBe(200);
    const html = await response.text();
    const links = [...html.matchAll(/href="(\/archive\/[^"]+)"/g)].map((match) => match[1]);
    expect(links).toEqual(['/archive/2026-W49', '/archive/2026-W48']);
    expect(html).toContain('Test Weekly · Nov 23 – 29, 2026');
  });

  it('refuses anything but POST on an unsubscribe link and anything but GET elsewhere', async () => {
    const url = onServer(server, unsubscribeUrlOf(messageTo(sink, 'cy@example.org')));
    expect((await fetch(url, { method: 'PUT', body: 'List-Unsubscribe=One-Click' })).status).toBe(405);
    expect((await fetch(onServer(server, '/archive'), { method: 'POST', body: '' })).status).toBe(405);
    expect((await fetch(onServer(server, '/nothing-here'))).status).toBe(404);
    expect(await statuses(ws, env)).toEqual({ ...allActive(), 'ana@example.com': 'unsubscribed' });
  });
});

describe('digest serve: rate limit', () => {
  let sink: SmtpSink;
  let ws: Workspace;
  let store: Store;
  let server: PublicServer;

  beforeAll(async () => {
    sink = await startSmtpSink();
    const env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
    ws = await sentWorkspace(sink, env);
    const config = loadConfig(undefined, ws.dir);
    store = openStore(config.dataDir);
    server = await startPublicServer({ config, store, secret: SECRET, clock: CLOCK, host: '127.0.0.1', port: 0, requestsPerMinute: 5 });
  });

  afterAll(async () => {
    await server?.close();
    store?.close();
    await sink?.close();
    ws?.remove();
  });

  it('answers the 6th request of a client within a minute with 429 and Retry-After', async () => {
    const unsubscribeUrl = onServer(server, unsubscribeUrlOf(messageTo(sink, 'bo@example.com')));
    const first = [
      await fetch(onServer(server, '/archive')),
      await fetch(onServer(server, '/archive/2026-W48')),
      await fetch(unsubscribeUrl),
      await fetch(onServer(server, '/healthz')),
      await fetch(onServer(server, '/nothing-here')),
    ];
    expect(first.map((response) => response.status)).toEqual([200, 200, 200, 200, 404]);
    for (const response of first) await response.arrayBuffer();

    const sixth = await oneClick(unsubscribeUrl);
    expect(sixth.status).toBe(429);
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The refused POST did not unsubscribe anyone.
    expect((await statuses(ws, { DIGEST_SECRET: SECRET }))['bo@example.com']).toBe('active');

    const seventh = await fetch(onServer(server, '/healthz'));
    expect(seventh.status).toBe(429);
    expect(seventh.headers.get('retry-after')).not.toBeNull();
  });
});

describe('digest serve through the real CLI', () => {
  let sink: SmtpSink;
  let ws: Workspace;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sink = await startSmtpSink();
    env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
    ws = await sentWorkspace(sink, env);
  });

  afterAll(async () => {
    await sink?.close();
    ws?.remove();
  });

  it('serves on 127.0.0.1 by default, unsubscribes on one POST and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const serve = startDigest(['serve', '--port', String(port), '--config', ws.configFile], { cwd: ws.dir, env: { DIGEST_SECRET: SECRET } });
    try {
      const [, url] = await serve.waitFor(/Serving .* on (http:\/\/\S+\/) \(public as https:\/\/news\.test\.example\)/);
      expect(url).toBe(`http://127.0.0.1:${port}/`);
      expect(listeningAddresses(port)).toEqual(['127.0.0.1']);

      const link = unsubscribeUrlOf(messageTo(sink, 'cy@example.org'));
      const response = await oneClick(new URL(link.pathname, url!).href);
      expect(response.status).toBe(200);
      expect(await statuses(ws, env)).toEqual({ ...allActive(), 'cy@example.org': 'unsubscribed' });
      await serve.waitFor(/unsubscribed: cy@example\.org/);
    } finally {
      await serve.stop();
    }
    expect(serve.child.exitCode, serve.output()).toBe(0);
  });
});
