import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { spawnDigest } from '../helpers/spawn.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

describe('digest build', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
    writeArticle(ws, '2026-11-23-monday', { title: 'Monday midnight', date: '2026-11-23', author: 'ada', section: 'Ops' });
    writeArticle(ws, '2026-11-29-sunday', { title: 'Sunday late', date: '2026-11-29T23:59:59', author: 'lin' });
    writeArticle(ws, '2026-11-30-next', { title: 'Next Monday', date: '2026-11-30T00:00', author: 'lin' });
    writeArticle(ws, '2026-11-22-prev', { title: 'Previous Sunday', date: '2026-11-22T23:59', author: 'ada' });
    writeArticle(ws, '2026-11-25-draft', { title: 'A draft', date: '2026-11-25', author: 'ada', draft: true });
    writeArticle(ws, '2026-11-25-ny', { title: 'From New York', date: '2026-11-29T17:30:00-05:00', author: 'ada' });
  });
  afterEach(() => ws.remove());

  it('writes email.mjml, email.html, email.txt and issue.json for the given week', async () => {
    const result = await runCli(['build', '--week', '2026-W48'], { cwd: ws.dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const dir = path.join(ws.dataDir, 'issues', '2026-W48');
    for (const name of ['email.mjml', 'email.html', 'email.txt', 'issue.json']) {
      expect(fs.existsSync(path.join(dir, name)), name).toBe(true);
    }
    const issue = JSON.parse(fs.readFileSync(path.join(dir, 'issue.json'), 'utf8'));
    expect(issue.articles.map((article: { title: string }) => article.title)).toEqual([
      'Monday midnight',
      'From New York',
      'Sunday late',
    ]);
    expect(issue.articles[0]).toMatchObject({
      title: 'Monday midnight',
      url: 'https://news.test.example/monday',
      date: '2026-11-23T00:00:00+01:00',
      author: 'ada',
    });
    expect(issue.articles[0].summary.length).toBeGreaterThan(20);
    expect(issue.excluded).toEqual(
      expect.arrayContaining([
        { title: 'A draft', file: 'content/articles/2026-11-25-draft.md', reason: 'draft' },
        { title: 'Next Monday', file: 'content/articles/2026-11-30-next.md', reason: 'after the week' },
        { title: 'Previous Sunday', file: 'content/articles/2026-11-22-prev.md', reason: 'before the week' },
      ]),
    );
    expect(issue.excluded).toHaveLength(3);
    const html = fs.readFileSync(path.join(dir, 'email.html'), 'utf8');
    expect(html).toContain('Hi Alex,');
    expect(html).not.toContain('[[digest:');
    const mjml = fs.readFileSync(path.join(dir, 'email.mjml'), 'utf8');
    expect(mjml).toContain('[[digest:unsubscribeUrl]]');
  });

  it('takes the last complete week before --now', async () => {
    const result = await runCli(['build', '--now', '2026-11-30T00:00:00'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Issue 2026-W48 (Nov 23 – 29, 2026): 3 articles');
  });

  it('rejects a malformed --week naming the flag', async () => {
    const result = await runCli(['build', '--week', '2026-48'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*2026-48.*YYYY-Www/);
  });
});

describe('digest errors from the real binary', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
  });
  afterEach(() => ws.remove());

  it('fails a build on an article without a title: one line naming the file and "title", exit 1, no stack', () => {
    writeArticle(ws, '2026-11-24-untitled', { date: '2026-11-24', author: 'ada' });
    const result = spawnDigest(['build', '--week', '2026-W48'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/content\/articles\/2026-11-24-untitled\.md:\d+: "title" is required/);
    expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+\)?$/m);
    expect(fs.existsSync(path.join(ws.dataDir, 'issues', '2026-W48', 'email.html'))).toBe(false);
  });

  it('shows the stack trace only with DEBUG=1', () => {
    writeArticle(ws, '2026-11-24-untitled', { date: '2026-11-24', author: 'ada' });
    const result = spawnDigest(['build', '--week', '2026-W48'], { cwd: ws.dir, env: { DEBUG: '1' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\bat .+:\d+:\d+\)?$/m);
  });

  it('names the config key and line of an invalid config', () => {
    ws.write('digest.config.yaml', 'newsletter:\n  name: X\n  from: "X <x@example.com>"\n  baseUrl: ftp://nope\n');
    const result = spawnDigest(['build'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^error: digest\.config\.yaml:4: "newsletter\.baseUrl" must be an http\(s\) URL/);
  });

  it('explains a missing config file', () => {
    fs.rmSync(ws.configFile);
    const result = spawnDigest(['run'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/digest\.config\.yaml: config file not found — create digest\.config\.yaml here/);
  });

  it('names an unknown author with the line and the known ids', () => {
    writeArticle(ws, '2026-11-24-x', { title: 'X', date: '2026-11-24', author: 'nobody' });
    const result = spawnDigest(['build', '--week', '2026-W48'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/2026-11-24-x\.md:4: "author" names an unknown author "nobody" — create authors\/nobody\.md or use one of: ada, lin/);
  });

  it('prints help with --help', () => {
    const result = spawnDigest(['--help'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    for (const command of ['build', 'send', 'run', 'schedule', 'subscribers', 'summarize']) {
      expect(result.stdout).toContain(command);
    }
  });
});
