import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTokenClaim, signSubscriberToken, verifyTokenFor } from '../../src/util/unsubscribe-token.js';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const SECRET = 'test-secret-0123456789abcdef';
const NOW = '2026-11-30T08:00:00';

describe('digest run over real SMTP', () => {
  let sink: SmtpSink;
  let ws: Workspace;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ws = createWorkspace();
    env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
    writeArticle(ws, '2026-11-24-streaming', { title: 'Streaming the nightly batch', date: '2026-11-24T09:30', author: 'ada', section: 'Data' });
    writeArticle(ws, '2026-11-26-oncall', { title: 'On-call & you', date: '2026-11-26', author: 'lin', summary: 'A short given summary.' });
    writeArticle(ws, '2026-11-27-draft', { title: 'Unfinished thoughts', date: '2026-11-27', author: 'lin', draft: true });
    writeArticle(ws, '2026-11-10-old', { title: 'Old news', date: '2026-11-10', author: 'ada' });
    writeSubscribers(ws, ['ana@example.com,Ana María Ruiz', 'bo@example.com,', '"cy@example.org","Cy <script>"']);
    const imported = await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env });
    expect(imported.code).toBe(0);
  });

  afterAll(async () => {
    await sink.close();
    ws.remove();
  });

  it('sends one personalised multipart message to each active subscriber', async () => {
    const result = await runCli(['run', '--now', NOW], { cwd: ws.dir, env });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(sink.messages).toHaveLength(3);

    const byRecipient = new Map(sink.messages.map((message) => [message.envelopeTo[0], message]));
    expect([...byRecipient.keys()].sort()).toEqual(['ana@example.com', 'bo@example.com', 'cy@example.org']);

    const ana = byRecipient.get('ana@example.com')!;
    const mail = ana.parsed;
    expect(mail.subject).toBe('Test Weekly · Nov 23 – 29, 2026');
    expect(mail.from?.value).toEqual([{ name: 'Test Weekly', address: 'news@test.example' }]);
    expect(mail.replyTo?.value).toEqual([{ name: 'Editors', address: 'editors@test.example' }]);
    // The opaque per-subscriber id, never the row id.
    expect(mail.messageId).toMatch(/^<2026-W48\.[0-9a-f]{24}@news\.test\.example>$/);
    expect(ana.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.text).toContain('Hi Ana,');
    expect(mail.html).toContain('Hi Ana,');
    expect(mail.html).toContain('Streaming the nightly batch');
    expect(mail.html).toContain('On-call &amp; you');
    expect(mail.text).toContain('A short given summary.');
    expect(mail.html).not.toContain('Unfinished thoughts');
    expect(mail.html).not.toContain('Old news');
    expect(mail.html).not.toContain('[[digest:');
    expect(mail.text).not.toContain('[[digest:');

    expect(byRecipient.get('bo@example.com')!.parsed.text).toContain('Hi there,');
    const cy = byRecipient.get('cy@example.org')!.parsed;
    expect(cy.text).toContain('Hi Cy,');
    expect(cy.html).not.toContain('<script>');
  });

  it('carries signed one-click unsubscribe headers, unique per recipient', () => {
    const urls = new Set<string>();
    for (const { parsed, envelopeTo } of sink.messages) {
      const raw = parsed.headerLines.find((line) => line.key === 'list-unsubscribe')?.line ?? '';
      expect(raw).toContain('<mailto:unsubscribe@test.example?subject=unsubscribe>');
      const url = /<(https:\/\/news\.test\.example\/unsubscribe\/[^>]+)>/.exec(raw)?.[1];
      expect(url, raw).toBeDefined();
      urls.add(url!);
      expect(parsed.headerLines.find((line) => line.key === 'list-unsubscribe-post')?.line).toBe(
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      );
      expect(parsed.html).toContain(url!.replace(/&/g, '&amp;'));
      expect(parsed.text).toContain(url!);

      const token = url!.split('/').pop()!;
      const claim = readTokenClaim(token);
      expect(claim?.kind).toBe('uid');
      const uid = claim?.kind === 'uid' ? claim.uid : '';
      const holder = { id: 0, uid, email: envelopeTo[0]! };
      expect(verifyTokenFor(token, holder, ['test-weekly.news.test.example'], [SECRET])).toBe(true);
      expect(verifyTokenFor(token, holder, ['test-weekly.news.test.example'], ['another-secret-0123456789'])).toBe(false);
      expect(signSubscriberToken({ uid, listId: 'other.example' }, SECRET)).not.toBe(token);
    }
    expect(urls.size).toBe(3);
  });

  it('sends nothing more when run again for the same week, and exits 0', async () => {
    const again = await runCli(['run', '--now', NOW], { cwd: ws.dir, env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing more to send');
    expect(sink.messages).toHaveLength(3);
  });

  it('records every delivery as sent in the report stored in issue files', async () => {
    const list = await runCli(['subscribers', 'list', '--json'], { cwd: ws.dir, env });
    expect(JSON.parse(list.stdout)).toEqual([
      { email: 'ana@example.com', name: 'Ana María Ruiz', status: 'active', sections: null, pausedUntil: null },
      { email: 'bo@example.com', name: null, status: 'active', sections: null, pausedUntil: null },
      { email: 'cy@example.org', name: 'Cy <script>', status: 'active', sections: null, pausedUntil: null },
    ]);
    const issue = JSON.parse(ws.read('data/issues/2026-W48/issue.json'));
    expect(issue.articles.map((article: { title: string }) => article.title)).toEqual([
      'Streaming the nightly batch',
      'On-call & you',
    ]);
  });

  it('says so and sends nothing for an empty week', async () => {
    const before = sink.messages.length;
    const result = await runCli(['send', '--week', '2026-W50', '--force', '--now', NOW], { cwd: ws.dir, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no articles in week 2026-W50: nothing to send');
    expect(sink.messages.length).toBe(before);
  });

  it('refuses real SMTP delivery without DIGEST_SECRET', async () => {
    writeArticle(ws, '2026-12-01-next', { title: 'Next week', date: '2026-12-01', author: 'ada' });
    const result = await runCli(['send', '--week', '2026-W49', '--force', '--now', NOW], { cwd: ws.dir, env: { SMTP_URL: sink.url } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DIGEST_SECRET is not set/);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('error:'))).toHaveLength(1);
  });
});
