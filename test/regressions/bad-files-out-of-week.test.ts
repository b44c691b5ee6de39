import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const ENV = { DIGEST_SECRET: 'test-secret-0123456789abcdef' };
const BUILD = ['build', '--week', '2026-W48', '--now', '2026-11-30T08:00'];

function issueJson(ws: Workspace): { articles: { title: string }[]; warnings: string[] } {
  return JSON.parse(ws.read('data/issues/2026-W48/issue.json'));
}

// Issue #9, item 4: a year-old draft with an unknown author made this week's run exit 1.
describe('an invalid file that is a draft or outside the week', () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = createWorkspace({ timezone: 'UTC' });
  });
  afterAll(() => ws.remove());
  beforeEach(() => {
    fs.rmSync(path.join(ws.dir, 'content/articles'), { recursive: true, force: true });
    writeArticle(ws, '2026-11-24-good', { title: 'Good one', date: '2026-11-24', author: 'ada' });
  });

  it.each([
    ['a year-old draft with an unknown author', 'old-draft', '---\ntitle: Old draft\ndate: 2025-11-20\nauthor: nobody\ndraft: true\n---\nBody.\n', /"author" names an unknown author "nobody" \(left out: a draft\)/],
    ['a draft without a date', 'undated-draft', '---\ntitle: Undated\ndraft: true\n---\nBody.\n', /"date" is required \(left out: a draft\)/],
    ['an old article with a misspelt field', 'old-typo', '---\ntitle: Old\ndate: 2025-06-01\nathor: ada\n---\nBody.\n', /"athor" is not a known field.*\(left out: dated before the week\)/],
    ['a future article with a missing image file', 'future', '---\ntitle: Future\ndate: 2027-01-04\nimage: not-a-url\n---\nBody.\n', /"image" names an image that does not exist: not-a-url.* \(left out: dated after the week\)/],
    ['a future article with a bad image URL', 'future-url', '---\ntitle: Future\ndate: 2027-01-04\nimage: "ftp://x.example/a.png"\n---\nBody.\n', /"image" must be an http\(s\) URL or the path of an image file.* \(left out: dated after the week\)/],
    ['an old article without a title', 'untitled', '---\ndate: 2026-10-01\n---\nBody.\n', /"title" is required \(left out: dated before the week\)/],
  ])('%s: the build succeeds and the problem is a warning of the issue', async (_, name, text, warning) => {
    ws.write(`content/articles/${name}.md`, text);
    const result = await runCli(BUILD, { cwd: ws.dir, env: ENV });
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).toContain(`content/articles/${name}.md`);
    const issue = issueJson(ws);
    expect(issue.articles.map((article) => article.title)).toEqual(['Good one']);
    expect(issue.warnings.find((line) => line.includes(`content/articles/${name}.md`))).toMatch(warning);
  });

  it.each([
    ['an article of the week with an unknown author', 'in-week', '---\ntitle: In week\ndate: 2026-11-25\nauthor: nobody\n---\nBody.\n', /in-week\.md:4: "author" names an unknown author "nobody"/],
    ['an article without a date', 'no-date', '---\ntitle: No date\n---\nBody.\n', /no-date\.md:\d+: "date" is required/],
    ['an article with an unreadable date', 'bad-date', '---\ntitle: Bad date\ndate: next tuesday\n---\nBody.\n', /bad-date\.md:3: "date"/],
  ])('%s still fails the build, naming the file and field', async (_, name, text, message) => {
    ws.write(`content/articles/${name}.md`, text);
    const result = await runCli(BUILD, { cwd: ws.dir, env: ENV });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/unexpected error/);
  });

  it('an invalid author file fails only an article of the week that names it', async () => {
    ws.write('content/authors/zed.md', '---\nname: Zed\nrole: 42\nwebsite: x\n---\n');
    writeArticle(ws, '2025-01-01-old-by-zed', { title: 'Old by Zed', date: '2025-01-01', author: 'zed' });
    const ok = await runCli(BUILD, { cwd: ws.dir, env: ENV });
    expect(ok.code).toBe(0);
    expect(issueJson(ws).warnings.join('\n')).toMatch(/content\/authors\/zed\.md:\d+: .*used only if an article of the week names this author/);
    writeArticle(ws, '2026-11-26-new-by-zed', { title: 'New by Zed', date: '2026-11-26', author: 'zed' });
    const failed = await runCli(BUILD, { cwd: ws.dir, env: ENV });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/content\/authors\/zed\.md:\d+:/);
    fs.rmSync(path.join(ws.dir, 'content/authors/zed.md'));
  });
});

describe('digest run with a year-old draft naming an unknown author', () => {
  let sink: SmtpSink;
  let ws: Workspace;
  beforeAll(async () => {
    sink = await startSmtpSink();
    ws = createWorkspace({ timezone: 'UTC' });
  });
  afterAll(async () => {
    await sink.close();
    ws.remove();
  });

  it('sends this week\'s issue', async () => {
    const env = { ...ENV, SMTP_URL: sink.url };
    writeArticle(ws, '2026-11-24-good', { title: 'Good one', date: '2026-11-24', author: 'ada' });
    writeArticle(ws, '2025-11-20-old-draft', { title: 'Old draft', date: '2025-11-20', author: 'nobody', draft: true });
    writeSubscribers(ws, ['ana@example.com,Ana']);
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env })).code).toBe(0);
    const result = await runCli(['run', '--now', '2026-11-30T08:00'], { cwd: ws.dir, env });
    expect(result.code).toBe(0);
    expect(sink.messages).toHaveLength(1);
  });
});
