import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const SECRET = 'test-secret-0123456789abcdef';

interface IssueJsonArticle {
  title: string;
  file: string;
  late: boolean;
  lateReason?: string;
}

function issueJson(ws: Workspace, id: string): { articles: IssueJsonArticle[]; excluded: { title: string; reason: string; detail?: string }[]; warnings: string[] } {
  return JSON.parse(fs.readFileSync(path.join(ws.dataDir, 'issues', id, 'issue.json'), 'utf8'));
}

// Issue #9, item 3: an article dated in a week already sent was lost; it now goes out late, once.
describe('an article that arrives after its week was sent', () => {
  let sink: SmtpSink;
  let ws: Workspace;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ws = createWorkspace({ timezone: 'UTC' });
    env = { SMTP_URL: sink.url, DIGEST_SECRET: SECRET };
    writeArticle(ws, '2026-11-24-on-time', { title: 'On time', date: '2026-11-24', author: 'ada' });
    writeSubscribers(ws, ['ana@example.com,Ana', 'bo@example.com,Bo']);
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env })).code).toBe(0);
    const sent = await runCli(['run', '--now', '2026-11-30T08:00'], { cwd: ws.dir, env });
    expect(sent.code).toBe(0);
    expect(sink.messages).toHaveLength(2);
  });

  afterAll(async () => {
    await sink.close();
    ws.remove();
  });

  it('goes into the next issue marked late, with the reason, and never out twice', async () => {
    writeArticle(ws, '2026-11-26-backdated', { title: 'Backdated', date: '2026-11-26', author: 'lin' });
    writeArticle(ws, '2026-12-01-this-week', { title: 'This week', date: '2026-12-01', author: 'ada' });

    const built = await runCli(['build', '--week', '2026-W49', '--now', '2026-12-07T08:00'], { cwd: ws.dir, env });
    expect(built.code).toBe(0);
    const next = issueJson(ws, '2026-W49');
    expect(next.articles.map((a) => [a.title, a.late])).toEqual([
      ['This week', false],
      ['Backdated', true],
    ]);
    expect(next.articles[1]?.lateReason).toBe('late: its week 2026-W48 was sent on 2026-11-30 08:00 (UTC)');
    expect(built.stdout + built.stderr).toMatch(/Backdated.*late: its week 2026-W48 was sent on 2026-11-30/);

    const sentNext = await runCli(['run', '--now', '2026-12-07T08:00'], { cwd: ws.dir, env });
    expect(sentNext.code).toBe(0);
    const second = sink.messages.slice(2);
    expect(second).toHaveLength(2);
    expect(second[0]?.parsed.html).toContain('Backdated');

    const after = await runCli(['build', '--week', '2026-W50', '--now', '2026-12-14T08:00'], { cwd: ws.dir, env });
    expect(after.code).toBe(0);
    expect(issueJson(ws, '2026-W50').articles.map((a) => a.title)).not.toContain('Backdated');
  });

  it('stays in a later rebuild of the issue that sent it (its preview copy shows what went out)', async () => {
    const rebuilt = await runCli(['build', '--week', '2026-W49', '--now', '2026-12-08T08:00'], { cwd: ws.dir, env });
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toContain('this build is a preview copy');
    const copy = JSON.parse(fs.readFileSync(path.join(ws.dataDir, 'previews', '2026-W49', 'issue.json'), 'utf8')) as { articles: IssueJsonArticle[] };
    expect(copy.articles.map((a) => [a.title, a.late])).toEqual(issueJson(ws, '2026-W49').articles.map((a) => [a.title, a.late]));
  });

  it('leaves out late articles older than lateArticlesMaxAge, saying why', async () => {
    writeArticle(ws, '2026-11-25-very-late', { title: 'Very late', date: '2026-11-25', author: 'lin' });
    const built = await runCli(['build', '--week', '2026-W51', '--now', '2026-12-21T08:00'], { cwd: ws.dir, env });
    expect(built.code).toBe(0);
    const issue = issueJson(ws, '2026-W51');
    expect(issue.articles.map((a) => a.title)).not.toContain('Very late');
    expect(issue.excluded.find((entry) => entry.title === 'Very late')).toMatchObject({
      reason: 'late',
      detail: expect.stringMatching(/^late: its week 2026-W48 was sent on .*more than 14 days before this build \(lateArticlesMaxAge\)$/),
    });
  });

  it('leaves them out with lateArticles: skip', async () => {
    const skipping = createWorkspace({ timezone: 'UTC', extraConfig: 'lateArticles: skip\nlateArticlesMaxAge: 30d' });
    try {
      fs.cpSync(ws.dataDir, skipping.dataDir, { recursive: true });
      fs.cpSync(path.join(ws.dir, 'content'), path.join(skipping.dir, 'content'), { recursive: true });
      const built = await runCli(['build', '--week', '2026-W52', '--now', '2026-12-21T08:00'], { cwd: skipping.dir, env });
      expect(built.code).toBe(0);
      const issue = issueJson(skipping, '2026-W52');
      expect(issue.articles.every((a) => !a.late)).toBe(true);
      expect(issue.excluded.find((entry) => entry.title === 'Very late')?.detail).toMatch(/left out \(lateArticles: skip\)$/);
    } finally {
      skipping.remove();
    }
  });
});
