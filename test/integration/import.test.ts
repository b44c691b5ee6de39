import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/collect/articles.js';
import { parseAuthor, readAuthors } from '../../src/collect/authors.js';
import { parseFrontMatter } from '../../src/util/front-matter.js';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';
import { startPageServer, type PageServer } from '../fixtures/import/page-server.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/import');
const TXT_ARTICLE = 'content/articles/2026-03-03-how-we-cut-our-build-times-in-half.md';

/** Front matter and body of a Markdown text printed or written by the importer (a dry run prints paths first). */
function frontMatterOf(text: string): { data: Record<string, unknown>; body: string } {
  const parsed = parseFrontMatter(text.slice(text.indexOf('---\n')), 'output.md');
  return { data: parsed.data, body: parsed.body };
}

/** Parses a written article as the digest does, with the workspace's authors. */
function parseWritten(ws: Workspace, relative: string) {
  const contentDir = path.join(ws.dir, 'content');
  const authorIds = new Set(readAuthors(contentDir).authors.keys());
  return parseArticle(ws.read(relative), relative, { timeZone: 'Europe/Berlin', baseUrl: 'https://news.test.example', authorIds });
}

describe('digest import', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
    for (const name of ['blog-post.html', 'article.txt', 'article.md', 'no-title.md']) fs.copyFileSync(path.join(FIXTURES, name), path.join(ws.dir, name));
  });
  afterEach(() => ws.remove());

  describe('--dry-run', () => {
    it('prints the article of an HTML page with its front matter and writes nothing', async () => {
      const result = await runCli(['import', 'blog-post.html', '--dry-run', '--date', '2026-03-05'], { cwd: ws.dir });
      expect(result.code).toBe(0);
      const { data, body } = frontMatterOf(result.stdout);
      expect(data).toEqual({
        title: 'How we halved our CI build times',
        date: '2026-03-05',
        author: 'jane-doe',
        section: 'Engineering',
        url: 'https://blog.acme.test/engineering/ci-build-times',
        image: 'https://blog.acme.test/images/ci-lead.png',
        imageAlt: 'A build pipeline chart',
      });
      expect(data).not.toHaveProperty('summary');
      expect(body).toContain('## Caching the dependency install');
      expect(body).toContain('(https://blog.acme.test/images/ci-chart.png)');
      expect(result.stdout).not.toMatch(/<script|onclick|javascript:|Popular posts|We use cookies/i);
      expect(result.stderr).toContain('new author "Jane Doe": would write content/authors/jane-doe.md');
      expect(result.stdout.split('\n').slice(0, 3)).toEqual([
        'would create content/articles/2026-03-05-how-we-halved-our-ci-build-times.md',
        'would create content/authors/jane-doe.md',
        '',
      ]);
      expect(fs.existsSync(path.join(ws.dir, 'content/articles'))).toBe(false);
      expect(fs.existsSync(path.join(ws.dir, 'content/authors/jane-doe.md'))).toBe(false);
    });

    it('takes the date of the page when --date is not given', async () => {
      const result = await runCli(['import', 'blog-post.html', '--dry-run'], { cwd: ws.dir });
      expect(frontMatterOf(result.stdout).data.date).toBe('2026-03-03');
    });

    it('reads a .txt page copy: section from the kicker, date line, author block', async () => {
      const result = await runCli(['import', 'article.txt', '--dry-run'], { cwd: ws.dir });
      expect(result.code).toBe(0);
      const { data, body } = frontMatterOf(result.stdout);
      expect(data).toEqual({ title: 'How we cut our build times in half', date: '2026-03-03', author: 'jane-doe', section: 'Engineering' });
      expect(body).not.toMatch(/Learn more|Sign up now|Subscribe|Next article|No previous article|Enter your email|Join 10,000|Related posts|Kubernetes|Jane Doe/);
      expect(body).toContain('We set ourselves a goal of twenty minutes');
      expect(result.stderr).toMatch(/left out .*calls to action/);
    });

    it('uses today in the newsletter time zone when no date is found or given', async () => {
      ws.write('undated.txt', 'An undated note\n\nThis page had no date line anywhere near its top at all.\n');
      // 23:30 UTC on March 9 is already March 10 in Berlin.
      const result = await runCli(['import', 'undated.txt', '--dry-run', '--now', '2026-03-09T23:30:00Z'], { cwd: ws.dir });
      expect(result.code).toBe(0);
      expect(frontMatterOf(result.stdout).data.date).toBe('2026-03-10');
      expect(result.stderr).toContain('no date found');
    });

    it('lets --author, --section and --date override what the source says', async () => {
      const result = await runCli(['import', 'article.txt', '--dry-run', '--author', 'Ada Park', '--section', 'Platform', '--date', '2026-03-04'], { cwd: ws.dir });
      expect(frontMatterOf(result.stdout).data).toMatchObject({ author: 'ada', section: 'Platform', date: '2026-03-04' });
    });
  });

  describe('writing', () => {
    it('writes the article and the new author card and prints their paths', async () => {
      const result = await runCli(['import', 'article.txt'], { cwd: ws.dir });
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n')).toEqual([TXT_ARTICLE, 'content/authors/jane-doe.md']);
      const article = parseWritten(ws, TXT_ARTICLE);
      expect(article).toMatchObject({ title: 'How we cut our build times in half', authorId: 'jane-doe', section: 'Engineering', slug: 'how-we-cut-our-build-times-in-half' });
      expect(article.date.toISOString()).toBe('2026-03-02T23:00:00.000Z');
      const author = parseAuthor(ws.read('content/authors/jane-doe.md'), 'content/authors/jane-doe.md');
      expect(author).toMatchObject({ id: 'jane-doe', name: 'Jane Doe' });
      expect(author.bioText).toBe('Jane Doe is a staff engineer at Acme, where she works on build tooling and developer experience.');
    });

    it('a second import of the same file updates its article; the author card is written once', async () => {
      await runCli(['import', 'article.txt'], { cwd: ws.dir });
      ws.write('content/authors/jane-doe.md', '---\nname: Jane Doe\nrole: Staff Engineer\n---\nEdited by the editor.\n');
      ws.write('article.txt', ws.read('article.txt').replace('reached nineteen', 'reached eighteen'));
      const second = await runCli(['import', 'article.txt'], { cwd: ws.dir });
      expect(second.code).toBe(0);
      expect(second.stdout).toBe(TXT_ARTICLE);
      expect(second.stderr).toContain(`article.txt was imported before: updated ${TXT_ARTICLE}`);
      expect(ws.read(TXT_ARTICLE)).toContain('reached eighteen');
      expect(fs.readdirSync(path.join(ws.dir, 'content/articles'))).toEqual([path.basename(TXT_ARTICLE)]);
      expect(ws.read('content/authors/jane-doe.md')).toContain('Edited by the editor.');
      expect(parseWritten(ws, TXT_ARTICLE).slug).toBe('how-we-cut-our-build-times-in-half');
    });

    it('never overwrites a file it did not write: another source with the same title and date gets -2', async () => {
      ws.write(TXT_ARTICLE, '---\ntitle: How we cut our build times in half\ndate: 2026-03-03\n---\nWritten by hand.\n');
      const result = await runCli(['import', 'article.txt'], { cwd: ws.dir });
      expect(result.stdout.split('\n')[0]).toBe('content/articles/2026-03-03-how-we-cut-our-build-times-in-half-2.md');
      expect(result.stderr).toContain(`${TXT_ARTICLE} already exists: wrote content/articles/2026-03-03-how-we-cut-our-build-times-in-half-2.md instead`);
      expect(ws.read(TXT_ARTICLE)).toContain('Written by hand.');
      expect(parseWritten(ws, 'content/articles/2026-03-03-how-we-cut-our-build-times-in-half-2.md').slug).toBe('how-we-cut-our-build-times-in-half-2');
    });

    it('reuses an existing author matched by name without touching the card', async () => {
      const before = ws.read('content/authors/ada.md');
      ws.write('by-ada.txt', 'Queues\n\nBy Ada Park\n\nWe moved the job queue to Postgres and deleted a Redis cluster.\n');
      const result = await runCli(['import', 'by-ada.txt', '--date', '2026-03-03'], { cwd: ws.dir });
      expect(result.stdout).toBe('content/articles/2026-03-03-queues.md');
      expect(parseWritten(ws, 'content/articles/2026-03-03-queues.md').authorId).toBe('ada');
      expect(ws.read('content/authors/ada.md')).toBe(before);
    });

    it('creates an author from an --author name', async () => {
      const result = await runCli(['import', 'blog-post.html', '--author', 'Zoë Quinn'], { cwd: ws.dir });
      expect(result.stdout.split('\n')).toEqual(['content/articles/2026-03-03-how-we-halved-our-ci-build-times.md', 'content/authors/zoe-quinn.md']);
      expect(frontMatterOf(ws.read('content/authors/zoe-quinn.md')).data).toEqual({ name: 'Zoë Quinn' });
    });

    it('writes an article that the digest builds into its week', async () => {
      await runCli(['import', 'blog-post.html'], { cwd: ws.dir });
      const build = await runCli(['build', '--week', '2026-W10'], { cwd: ws.dir });
      expect(build.code).toBe(0);
      const html = fs.readFileSync(path.join(ws.dataDir, 'issues', '2026-W10', 'email.html'), 'utf8');
      expect(html).toContain('How we halved our CI build times');
      expect(html).toContain('Jane Doe');
    });
  });

  describe('Markdown files', () => {
    it('validates, normalises and sanitises a .md article', async () => {
      const result = await runCli(['import', 'article.md', '--date', '2026-03-03', '--section', 'Search'], { cwd: ws.dir });
      expect(result.code).toBe(0);
      const file = 'content/articles/2026-03-03-moving-search-to-an-incremental-index.md';
      expect(result.stdout).toBe(file);
      const { data, body } = frontMatterOf(ws.read(file));
      expect(Object.keys(data)).toEqual(['title', 'date', 'author', 'section', 'tags']);
      expect(data).toMatchObject({ author: 'ada', section: 'Search', tags: ['search', 'indexing'] });
      expect(body).toContain('Rebuilds now take <em>four minutes</em>');
      expect(body).toContain('Tracked text stays as text. A bad link and [a good one](https://example.com/search).');
      expect(body).not.toMatch(/webinar|onclick|javascript:|alert\('x'\)/);
      expect(body).toContain('```html\n<script>this stays: it is a code sample</script>\n```');
      expect(parseWritten(ws, file).authorId).toBe('ada');
    });

    it('refuses a .md without a title, naming the file', async () => {
      const result = await runCli(['import', 'no-title.md'], { cwd: ws.dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: no-title\.md:2: "title" is required — add a "title:" line/);
      expect(fs.existsSync(path.join(ws.dir, 'content/articles'))).toBe(false);
    });

    it.each([
      ['an unknown author', 'author: nobody', /^error: bad\.md:3: "author" names an unknown author "nobody"/],
      ['a bad date', 'date: next tuesday', /^error: bad\.md:3: "date" "next tuesday" is not an ISO date/],
      ['an unknown field', 'drfat: true', /^error: bad\.md:3: "drfat" is not a known field/],
      ['a section that is not text', 'section: [a, b]', /^error: bad\.md:3: "section" must be text/],
      ['an author that is not text', 'author: 42', /^error: bad\.md:3: "author" must be text/],
    ])('refuses a .md with %s, naming the file and line', async (_, line, message) => {
      ws.write('bad.md', `---\ntitle: Fine\n${line}\n---\nBody.\n`);
      const result = await runCli(['import', 'bad.md'], { cwd: ws.dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
    });
  });

  describe('input errors', () => {
    it.each([
      [['import', 'missing.md'], /^error: missing\.md: file not found/],
      [['import', 'notes.docx'], /cannot import a "\.docx" file/],
      [['import', 'ftp://example.com/a.html'], /only http\(s\) URLs can be fetched/],
      [['import', 'article.txt', '--date', '2026-02-30'], /--date "2026-02-30" is not a calendar date/],
      [['import', 'article.txt', '--author', '!!!'], /author "!!!" has no letters or digits/],
    ])('%j fails with one line', async (args, message) => {
      ws.write('notes.docx', 'x');
      const result = await runCli(args, { cwd: ws.dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.split('\n')).toHaveLength(1);
    });
  });

  describe('URLs', () => {
    let server: PageServer;
    beforeAll(async () => {
      server = await startPageServer();
    });
    afterAll(() => server.close());

    it('imports a page served over HTTP, following a redirect', async () => {
      const result = await runCli(['import', `${server.url}/old`, '--dry-run'], { cwd: ws.dir });
      expect(result.code).toBe(0);
      const { data, body } = frontMatterOf(result.stdout);
      // Relative URLs resolve against the URL the page was served from, as in a browser.
      expect(data).toMatchObject({ title: 'How we halved our CI build times', date: '2026-03-03', author: 'jane-doe', section: 'Engineering', image: `${server.url}/images/ci-lead.png` });
      expect(body).toContain(`[Our caching guide](${server.url}/docs/ci-cache)`);
      expect(server.userAgents.at(-1)).toBe('newsletter-digest/0.1 (+import)');
    });

    it('writes a URL import', async () => {
      const result = await runCli(['import', `${server.url}/blog/post`], { cwd: ws.dir });
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n')[0]).toBe('content/articles/2026-03-03-how-we-halved-our-ci-build-times.md');
      expect(parseWritten(ws, 'content/articles/2026-03-03-how-we-halved-our-ci-build-times.md').url).toBe('https://blog.acme.test/engineering/ci-build-times');
    });

    it.each([
      ['/missing', /HTTP 404/],
      ['/data.json', /not an HTML page/],
      ['/loop-a', /more than 5 redirects/],
    ])('%s exits 1 with one line naming the URL', async (route, message) => {
      const url = `${server.url}${route}`;
      const result = await runCli(['import', url], { cwd: ws.dir });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(url);
      expect(result.stderr).toMatch(message);
    });
  });
});
