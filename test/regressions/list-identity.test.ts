import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { createPersonalizer } from '../../src/personalize/index.js';
import { deliveryPolicy } from '../../src/pipeline/policy.js';
import { resolveSecret } from '../../src/pipeline/secret.js';
import { startPublicServer, type PublicServer } from '../../src/serve/index.js';
import { deliverIssue } from '../../src/send/deliver.js';
import { createSmtpTransport } from '../../src/send/transport.js';
import { openStore, STORE_FILE, type Store } from '../../src/store/db.js';
import { migrate, migrations } from '../../src/store/migrations.js';
import { settleListId } from '../../src/store/settings.js';
import { listSubscribers } from '../../src/store/subscribers.js';
import type { RenderedIssue } from '../../src/types.js';
import { configListId, listIdentity, personalizeOptions } from '../../src/util/personalize-options.js';
import { signUnsubscribeToken } from '../../src/util/unsubscribe-token.js';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type ReceivedMessage, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

// Issue #9, item 6: tokens were bound to a list id recomputed from `newsletter.name` and the
// baseUrl host, so renaming the newsletter made every link in inboxes a 404; DIGEST_SECRET could
// not be rotated; tokens and Message-IDs carried the subscriber's row id. The list id is now
// stored at first use, DIGEST_SECRET_PREVIOUS verifies links during a rotation, and an opaque
// per-subscriber id replaces the row id (links and Message-IDs from before keep working).

const SECRET = 'list-identity-secret-0123456789abcdef';
const NEW_SECRET = 'list-identity-rotated-0123456789abcdef';
const NOW = '2026-11-30T08:00:00';
const CLOCK = { now: () => new Date('2026-11-30T08:00:00Z') };

function unsubscribeTokenOf(message: ReceivedMessage): string {
  const line = message.parsed.headerLines.find((header) => header.key === 'list-unsubscribe')?.line ?? '';
  const url = /<https:\/\/[^/>]+\/unsubscribe\/([^>]+)>/.exec(line)?.[1];
  if (!url) throw new Error(`no unsubscribe URL in ${JSON.stringify(line)}`);
  return url;
}

function messageTo(sink: SmtpSink, email: string): ReceivedMessage {
  const message = sink.messages.find((candidate) => candidate.envelopeTo.includes(email));
  if (!message) throw new Error(`nothing was sent to ${email}`);
  return message;
}

describe('regression: unsubscribe links survive config changes and secret rotation', () => {
  let ws: Workspace;
  let sink: SmtpSink | undefined;
  let server: PublicServer | undefined;
  let store: Store | undefined;
  beforeEach(() => {
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-a', { title: 'Week 48 article', date: '2026-11-24', author: 'ada' });
    writeSubscribers(ws, ['ana@example.com,Ana', 'bo@example.com,Bo']);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    store?.close();
    store = undefined;
    await sink?.close();
    sink = undefined;
    ws.remove();
  });

  /** Serves the public endpoint with the config as it is now on disk. */
  async function serve(secret: string, previous: string[] = []): Promise<PublicServer> {
    await server?.close();
    store ??= openStore(ws.dataDir);
    server = await startPublicServer({ config: loadConfig(ws.configFile), store, secret, previousSecrets: previous, clock: CLOCK, host: '127.0.0.1', port: 0 });
    return server;
  }
  const statusOf = async (token: string) => (await fetch(new URL(`unsubscribe/${token}`, server!.url))).status;

  async function sendWeek48(): Promise<void> {
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir })).code).toBe(0);
    sink = await startSmtpSink();
    const sent = await runCli(['send', '--week', '2026-W48', '--now', NOW], { cwd: ws.dir, env: { SMTP_URL: sink.url, DIGEST_SECRET: SECRET } });
    expect(sent.code).toBe(0);
  }

  it('tokens and Message-IDs carry an opaque id, not the row id', async () => {
    await sendWeek48();
    for (const message of sink!.messages) {
      expect(unsubscribeTokenOf(message)).toMatch(/^[0-9a-f]{24}\.[A-Za-z0-9_-]{43}$/);
      expect(message.parsed.messageId).toMatch(/^<2026-W48\.[0-9a-f]{24}@news\.test\.example>$/);
    }
    const ids = sink!.messages.map((message) => unsubscribeTokenOf(message).split('.')[0]);
    expect(new Set(ids).size).toBe(2);
  });

  it.each([
    ['the newsletter is renamed', (config: string) => config.replace('name: Test Weekly', 'name: Field Notes Weekly')],
    ['baseUrl moves to another host', (config: string) => config.replace('https://news.test.example/', 'https://letters.elsewhere.example/')],
    ['newsletter.listId is set', (config: string) => config.replace('  name: Test Weekly', '  name: Test Weekly\n  listId: notes.elsewhere.example')],
  ])('a link already sent keeps working when %s', async (_label, edit) => {
    await sendWeek48();
    const token = unsubscribeTokenOf(messageTo(sink!, 'ana@example.com'));
    ws.write('digest.config.yaml', edit(ws.read('digest.config.yaml')));
    await serve(SECRET);
    expect(await statusOf(token)).toBe(200);
    expect(await statusOf(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe(404);
  });

  it('a configured newsletter.listId signs new links and the List-Id header', async () => {
    ws.write('digest.config.yaml', ws.read('digest.config.yaml').replace('  name: Test Weekly', '  name: Test Weekly\n  listId: notes.elsewhere.example'));
    await sendWeek48();
    const header = messageTo(sink!, 'ana@example.com').parsed.headerLines.find((line) => line.key === 'list-id')?.line;
    expect(header).toMatch(/^List-Id: Test Weekly <notes\.elsewhere\.example>$/i);
  });

  it('DIGEST_SECRET_PREVIOUS verifies links signed before a rotation; without it they fail', async () => {
    await sendWeek48();
    const token = unsubscribeTokenOf(messageTo(sink!, 'bo@example.com'));
    const secret = resolveSecret({ DIGEST_SECRET: NEW_SECRET, DIGEST_SECRET_PREVIOUS: ` other-old-secret-0123456789, ${SECRET} ` }, ws.dataDir, { forDelivery: true });
    expect(secret.previous).toEqual(['other-old-secret-0123456789', SECRET]);
    await serve(secret.value, secret.previous);
    expect(await statusOf(token)).toBe(200);
    await serve(NEW_SECRET);
    expect(await statusOf(token)).toBe(404);

    // Links sent during the rotation are signed with the new secret alone.
    writeArticle(ws, '2026-12-01-b', { title: 'Week 49 article', date: '2026-12-01', author: 'ada' });
    const week49 = await runCli(['send', '--week', '2026-W49', '--now', '2026-12-07T08:00:00'], {
      cwd: ws.dir,
      env: { SMTP_URL: sink!.url, DIGEST_SECRET: NEW_SECRET, DIGEST_SECRET_PREVIOUS: SECRET },
    });
    expect(week49.code).toBe(0);
    const rotated = sink!.messages.filter((message) => message.envelopeTo.includes('bo@example.com')).at(-1)!;
    expect(rotated.parsed.subject).toContain('Nov 30');
    expect(await statusOf(unsubscribeTokenOf(rotated))).toBe(200);
  });

  it('after the migration, links with row ids still work and a half-sent issue keeps its Message-IDs', async () => {
    // A database as the previous version left it: Ana sent, Bo in flight, Cy pending.
    const file = path.join(ws.dataDir, STORE_FILE);
    fs.mkdirSync(ws.dataDir, { recursive: true });
    const old = new Database(file);
    migrate(old, file, migrations.slice(0, 3));
    const at = '2026-11-30T08:00:00.000Z';
    const insert = old.prepare(`INSERT INTO subscribers (id, email, name, status, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?)`);
    insert.run(1, 'ana@example.com', 'Ana', at, at);
    insert.run(2, 'bo@example.com', 'Bo', at, at);
    insert.run(3, 'cy@example.org', 'Cy', at, at);
    old.prepare(`INSERT INTO issues (id, week_start, week_end, subject, built_at, article_count, html_bytes) VALUES ('2026-W48', ?, ?, 'Weekly', ?, 1, 100)`).run(at, at, at);
    const delivery = old.prepare(`INSERT INTO deliveries (issue_id, subscriber_id, status, message_id, attempts, updated_at) VALUES ('2026-W48', ?, ?, ?, ?, ?)`);
    delivery.run(1, 'sent', '<2026-W48.1@news.test.example>', 1, at);
    delivery.run(2, 'sending', null, 1, at);
    delivery.run(3, 'pending', null, 0, at);
    old.close();

    store = openStore(ws.dataDir);
    const config = loadConfig(ws.configFile);
    const uids = listSubscribers(store).map((subscriber) => subscriber.uid);
    expect(uids.every((uid) => /^[0-9a-f]{24}$/.test(uid ?? ''))).toBe(true);
    expect(new Set(uids).size).toBe(3);

    // A link in an inbox from before: row id, bound to the list id the config gave then.
    const legacy = signUnsubscribeToken({ subscriberId: 2, email: 'bo@example.com', listId: 'test-weekly.news.test.example' }, SECRET);
    await serve(SECRET);
    expect(await statusOf(legacy)).toBe(200);

    // Resuming the half-sent issue: Bo (in doubt) and Cy get the Message-IDs the issue started with.
    sink = await startSmtpSink();
    const rendered: RenderedIssue = {
      issueId: '2026-W48',
      subject: 'Weekly',
      preheader: '',
      mjml: '',
      html: '<p>Hi [[digest:greetingName]], <a href="[[digest:unsubscribeUrl]]">unsubscribe</a></p>',
      text: 'Hi [[digest:greetingName]]. Unsubscribe: [[digest:unsubscribeUrl]]',
      warnings: [],
    };
    const listId = listIdentity(config, settleListId(store, configListId(config))).current;
    expect(listId).toBe('test-weekly.news.test.example');
    const personalizer = createPersonalizer(rendered, personalizeOptions(config, SECRET, listId));
    const transport = createSmtpTransport(sink.url, { connections: 1 });
    try {
      const report = await deliverIssue({
        store,
        issueId: '2026-W48',
        transport,
        messageFor: (subscriber, delivery) => personalizer.messageFor(subscriber, delivery),
        clock: CLOCK,
        policy: deliveryPolicy(config),
      });
      expect(report).toMatchObject({ sentNow: 2, sent: 3, pending: 0 });
    } finally {
      await transport.close();
    }
    expect(messageTo(sink, 'bo@example.com').parsed.messageId).toBe('<2026-W48.2@news.test.example>');
    expect(messageTo(sink, 'cy@example.org').parsed.messageId).toBe('<2026-W48.3@news.test.example>');
    // Their new links carry the opaque id, and work.
    const fresh = unsubscribeTokenOf(messageTo(sink, 'cy@example.org'));
    expect(fresh.split('.')[0]).toBe(listSubscribers(store).find((subscriber) => subscriber.id === 3)?.uid);
    expect(await statusOf(fresh)).toBe(200);
  });
});
