import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixtures.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Partner blog</title><link>https://partner.example.com/</link>
<item><title><![CDATA[Caching <em>at</em> the edge]]></title><link>https://partner.example.com/edge</link>
  <guid>edge-1</guid><pubDate>Wed, 25 Nov 2026 10:00:00 +0100</pubDate><dc:creator>Lin Osei</dc:creator>
  <content:encoded><![CDATA[<p>We moved caching to the edge and cut latency by half. The origin now sees a tenth of the traffic. <script>alert(1)</script></p><p>Here is how.</p>]]></content:encoded></item>
<item><title>Streaming the nightly batch</title><link>https://news.test.example/streaming?utm_source=rss</link>
  <guid>dup-1</guid><pubDate>Tue, 24 Nov 2026 09:30:00 +0100</pubDate><description>Same article as the Markdown one.</description></item>
<item><title>Older partner news</title><link>https://partner.example.com/old</link>
  <guid>old-1</guid><pubDate>Tue, 03 Nov 2026 09:30:00 +0100</pubDate><description>Old.</description></item>
</channel></rss>`;

describe('feed sources', () => {
  let server: FixtureServer;
  let ws: Workspace;

  beforeAll(async () => {
    server = await startFixtureServer({
      '/rss.xml': (req, res) => {
        if (req.headers['if-none-match'] === '"r1"') return void res.writeHead(304).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"r1"' }).end(RSS);
      },
      '/broken.xml': (_req, res) => void res.writeHead(500).end('oops'),
      '/page.html': (_req, res) =>
        void res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>Hi</body></html>'),
    });
    ws = createWorkspace({
      extraConfig: [
        'sources:',
        '  - type: markdown',
        '  - type: feed',
        `    url: ${server.url('/rss.xml')}`,
        '    name: Partner blog',
        '    section: Elsewhere',
        '  - type: feed',
        `    url: ${server.url('/broken.xml')}`,
        '    name: Broken feed',
      ].join('\n'),
    });
    writeArticle(ws, '2026-11-24-streaming', { title: 'Streaming the nightly batch', date: '2026-11-24T09:30', author: 'ada' });
  });
  afterAll(async () => {
    await server.close();
    ws.remove();
  });

  it('puts feed items in issue.json like Markdown articles, once, and builds despite a failing feed', async () => {
    const result = await runCli(['build', '--week', '2026-W48'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: feed "Broken feed" \(http:\/\/127\.0\.0\.1:\d+\/broken\.xml\): HTTP 500/);
    const issue = JSON.parse(ws.read('data/issues/2026-W48/issue.json'));
    expect(issue.articles.map((article: { title: string }) => article.title)).toEqual(['Streaming the nightly batch', 'Caching at the edge']);
    const edge = issue.articles[1];
    expect(edge).toMatchObject({ url: 'https://partner.example.com/edge', authorName: 'Lin Osei', section: 'Elsewhere', file: 'feed Partner blog' });
    expect(edge.summary).toContain('We moved caching to the edge');
    expect(edge.summary).not.toMatch(/alert|script/);
    expect(issue.excluded).toEqual(
      expect.arrayContaining([
        { title: 'Streaming the nightly batch', file: 'feed Partner blog', reason: 'duplicate' },
        { title: 'Older partner news', file: 'feed Partner blog', reason: 'before the week' },
      ]),
    );
    expect(issue.warnings.some((warning: string) => warning.includes('Broken feed'))).toBe(true);
    const html = ws.read('data/issues/2026-W48/email.html');
    expect(html).toContain('Caching at the edge');
    expect(html).not.toContain('<script');
  });

  it('revalidates the feed with its ETag on the next build', async () => {
    await runCli(['build', '--week', '2026-W48'], { cwd: ws.dir });
    const rssRequests = server.requests.filter((request) => request.path === '/rss.xml');
    expect(rssRequests.at(-1)?.headers['if-none-match']).toBe('"r1"');
    expect(JSON.parse(ws.read('data/issues/2026-W48/issue.json')).articles).toHaveLength(2);
  });

  it('stops the build with sourceErrors: fail', async () => {
    ws.write('digest.config.yaml', `${ws.read('digest.config.yaml')}\nsourceErrors: fail\n`);
    const result = await runCli(['build', '--week', '2026-W48'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: http:\/\/127\.0\.0\.1:\d+\/broken\.xml: HTTP 500/);
  });

  it('digest feed --json prints the normalised items', async () => {
    const result = await runCli(['feed', server.url('/rss.xml'), '--json'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    const items = JSON.parse(result.stdout);
    expect(items[0]).toEqual({
      title: 'Caching at the edge',
      url: 'https://partner.example.com/edge',
      date: '2026-11-25T09:00:00.000Z',
      author: 'Lin Osei',
      summary: expect.stringContaining('We moved caching to the edge'),
    });
    expect(items).toHaveLength(3);
  });

  it('digest feed on a web page exits 1 with one line naming the input and the feed it advertises', async () => {
    const result = await runCli(['feed', server.url('/page.html')], { cwd: ws.dir });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(server.url('/page.html'));
    expect(lines[0]).toContain(server.url('/rss.xml'));
  });

  it('digest feed on a missing file exits 1 naming it', async () => {
    const result = await runCli(['feed', 'nope.xml'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: nope\.xml: feed file not found/);
  });
});
