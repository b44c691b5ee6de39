import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

const ENV = { DIGEST_SECRET: 'test-secret-0123456789abcdef' };
const BUILD = ['build', '--week', '2026-W48', '--now', '2026-11-30T08:00'];

function issueJson(ws: Workspace): { articles: { title: string; summary: string; authorName: string | null }[]; warnings: string[] } {
  return JSON.parse(ws.read('data/issues/2026-W48/issue.json'));
}

/** One paragraph of `bytes` bytes: words and sentences, no blank line. */
function paragraph(bytes: number): string {
  const words = ['Queues', 'moved', 'to', 'a', 'streaming', 'job', 'and', 'latency', 'fell', 'sharply.'];
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const word = words[i % words.length] ?? 'x';
    parts.push(word);
    size += word.length + 1;
  }
  return parts.join(' ');
}

// Issue #9, item 9 (content and feeds): symlink loops hung the build, a 20 MB paragraph overflowed the
// stack, and HTML nested 200,000 levels deep in a feed took about a minute of CPU.
describe('hostile content', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace({ timezone: 'UTC' });
    writeArticle(ws, '2026-11-24-good', { title: 'Good one', date: '2026-11-24', author: 'ada' });
  });
  afterEach(() => ws.remove());

  it('two symlink loops under content/ end the walk, each article read once', async () => {
    const articles = path.join(ws.dir, 'content/articles');
    fs.mkdirSync(path.join(articles, 'a/b'), { recursive: true });
    fs.symlinkSync(articles, path.join(articles, 'a/b/loop'));
    fs.symlinkSync(path.join(articles, 'a'), path.join(articles, 'a/b/loop-two'));
    const result = await runCli(BUILD, { cwd: ws.dir, env: ENV });
    expect(result.code).toBe(0);
    expect(issueJson(ws).articles.map((article) => article.title)).toEqual(['Good one']);
    expect(issueJson(ws).warnings.join('\n')).toMatch(/content\/articles\/a\/b\/loop: a symlink to a folder already read/);
  });

  it.each([5, 20])('a %i MB one-paragraph article builds, with a summary', async (megabytes) => {
    writeArticle(ws, '2026-11-25-huge', { title: 'Huge', date: '2026-11-25', author: 'lin', body: paragraph(megabytes * 1024 * 1024) });
    const result = await runCli(BUILD, { cwd: ws.dir, env: ENV });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const huge = issueJson(ws).articles.find((article) => article.title === 'Huge');
    expect(huge?.summary).toMatch(/^Queues moved to a streaming job/);
  });

  it.each([
    ['5 MB of ">" (nested quotes)', `Queues moved to a streaming job.\n\n${'>'.repeat(5_000_000)} deep`],
    ['nested list markers on one line', `Queues moved to a streaming job.\n\n${'> - 1. '.repeat(700_000)}x`],
  ])('an article of %s builds', async (_, body) => {
    writeArticle(ws, '2026-11-25-nested', { title: 'Nested', date: '2026-11-25', author: 'lin', body });
    ws.write('content/authors/deep.md', `---\nname: Deep\n---\n${body}\n`);
    const result = await runCli(BUILD, { cwd: ws.dir, env: ENV });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(issueJson(ws).articles.find((article) => article.title === 'Nested')?.summary).toMatch(/^Queues moved to a streaming job/);
  });

  it('a 1.4 MB feed with HTML nested 200,000 levels deep builds, its item kept as text', async () => {
    const depth = 200_000;
    const nested = `${'<div>'.repeat(depth)}Deep text${'</div>'.repeat(depth)}`;
    ws.write(
      'feed.xml',
      `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Deep</title><link>https://deep.example.com/</link>` +
        `<item><title>Deep item</title><link>https://deep.example.com/1</link><pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate>` +
        `<description><![CDATA[${nested}]]></description><content:encoded><![CDATA[${nested}]]></content:encoded></item></channel></rss>`,
    );
    ws.write('digest.config.yaml', `${ws.read('digest.config.yaml')}\nsources:\n  - type: markdown\n  - type: feed\n    url: ./feed.xml\n    name: Deep\n`);
    const result = await runCli(BUILD, { cwd: ws.dir, env: ENV });
    expect(result.code).toBe(0);
    const issue = issueJson(ws);
    expect(issue.articles.find((article) => article.title === 'Deep item')?.summary).toBe('Deep text');
    expect(issue.warnings.join('\n')).toMatch(/1 item with HTML nested over 256 levels deep, kept as plain text/);
  });
});
