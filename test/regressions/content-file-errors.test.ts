import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

const ENV = { DIGEST_SECRET: 'test-secret-0123456789abcdef' };
const BUILD = ['build', '--week', '2026-W48', '--now', '2026-11-30T08:00'];

interface IssueJson {
  articles: { title: string; summary: string; authorName: string | null }[];
  warnings: string[];
}

function issueJson(ws: Workspace): IssueJson {
  return JSON.parse(ws.read('data/issues/2026-W48/issue.json'));
}

// Issue #9, item 10: a folder named x.md and a dangling symlink ended in "unexpected error … report it",
// and a control character (U+0008) reached a feed item's title.
describe('content files that are not files', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace({ timezone: 'UTC' });
    writeArticle(ws, '2026-11-24-good', { title: 'Good one', date: '2026-11-24', author: 'ada' });
  });
  afterEach(() => ws.remove());

  it.each([
    ['a folder named x.md', (root: string) => fs.mkdirSync(path.join(root, 'content/articles/x.md')), 'content/articles/x.md: a folder, not a Markdown file'],
    ['a dangling symlink', (root: string) => fs.symlinkSync(path.join(root, 'nowhere.md'), path.join(root, 'content/articles/gone.md')), 'content/articles/gone.md: a symlink that leads nowhere'],
    ['a dangling symlink among the authors', (root: string) => fs.symlinkSync(path.join(root, 'nowhere.md'), path.join(root, 'content/authors/ghost.md')), 'content/authors/ghost.md: a symlink that leads nowhere'],
    ['a folder named x.md among the authors', (root: string) => fs.mkdirSync(path.join(root, 'content/authors/x.md')), 'content/authors/x.md: a folder, not a Markdown file'],
  ])('%s is a warning naming the path, and the build goes on', async (_, make, warning) => {
    make(ws.dir);
    const result = await runCli(BUILD, { cwd: ws.dir, env: ENV });
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).toContain(warning);
    expect(issueJson(ws).warnings.join('\n')).toContain(warning);
    expect(issueJson(ws).articles.map((article) => article.title)).toEqual(['Good one']);
  });

  it('an articles "folder" that is a file is a clear error', async () => {
    fs.rmSync(path.join(ws.dir, 'content/articles'), { recursive: true });
    ws.write('content/articles', 'not a folder');
    const result = await runCli(BUILD, { cwd: ws.dir, env: ENV });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/content\/articles: articles folder not found/);
  });
});

describe('control characters in feed text', () => {
  it('are stripped from titles, summaries and author names', async () => {
    const ws = createWorkspace({ timezone: 'UTC' });
    try {
      ws.write(
        'feed.xml',
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Feed</title><link>https://feed.example.com/</link>' +
          '<item><title>Back\u0008space &amp; bell\u0007</title><link>https://feed.example.com/1</link><pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate>' +
          '<dc:creator>Jo\u001bhn \u0085Doe</dc:creator><description><![CDATA[<p>Escape\u001b[31m codes\u0000 and\u000b tabs.</p>]]></description></item></channel></rss>',
      );
      ws.write('digest.config.yaml', `${ws.read('digest.config.yaml')}\nsources:\n  - type: feed\n    url: ./feed.xml\n    name: Feed\n`);
      const result = await runCli(BUILD, { cwd: ws.dir, env: ENV });
      expect(result.code).toBe(0);
      const [item] = issueJson(ws).articles;
      expect(item).toMatchObject({ title: 'Backspace & bell', authorName: 'John Doe', summary: 'Escape[31m codes and tabs.' });
      // eslint-disable-next-line no-control-regex -- looking for control characters
      expect(ws.read('data/issues/2026-W48/email.html')).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    } finally {
      ws.remove();
    }
  });
});
