import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectWeek } from '../../src/collect/index.js';
import type { ResolvedSource } from '../../src/config/schema.js';
import { createFeedLoader } from '../../src/pipeline/feeds.js';
import { weekWindow } from '../../src/util/week.js';
import { runCli } from '../helpers/cli.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixtures.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

const WEEK = weekWindow('2026-W48', 'UTC');
const ITEM = '<item><title>Edge caching</title><link>https://partner.example.com/edge</link><pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate><description>Fine.</description></item>';
const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Partner</title><link>https://partner.example.com/</link>${ITEM}</channel></rss>`;

// Issue #9, item 8: a feed whose body trickled ended the build in "unexpected error"; every way a feed fails is now a warning naming it.
describe('a failing feed under sourceErrors: warn', () => {
  let server: FixtureServer;
  let ws: Workspace;
  const timers: NodeJS.Timeout[] = [];
  const trickle = (res: import('node:http').ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write(RSS.slice(0, 40));
    let at = 40;
    timers.push(setInterval(() => res.write(RSS[at++ % RSS.length] ?? ' '), 1000));
  };

  beforeAll(async () => {
    server = await startFixtureServer({
      '/trickle.xml': (_req, res) => trickle(res),
      '/silent.xml': () => undefined,
      '/reset.xml': (req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write(RSS.slice(0, 60), () => req.socket.destroy());
      },
      '/loop.xml': (_req, res) => void res.writeHead(302, { location: '/loop.xml' }).end(),
      '/huge.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(Buffer.alloc(6 * 1024 * 1024, 0x20));
      },
      '/garbage.xml': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('%PDF-1.4 not a feed'),
      '/truncated.xml': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS.slice(0, 120)),
      '/bad-charset.xml': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=klingon' }).end(Buffer.from(RSS.replace('Fine.', 'Fin\xff\xfe.'), 'latin1')),
      '/gone.xml': (_req, res) => void res.writeHead(500).end('oops'),
      '/ok.xml': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS),
    });
    ws = createWorkspace({ timezone: 'UTC' });
    writeArticle(ws, '2026-11-24-local', { title: 'Local article', date: '2026-11-24', author: 'ada' });
  });

  afterAll(async () => {
    for (const timer of timers) clearInterval(timer);
    await server.close();
    ws.remove();
  });

  async function collectWith(path: string) {
    const sources: ResolvedSource[] = [
      { type: 'markdown', dir: `${ws.dir}/content` },
      { type: 'feed', url: server.url(path), name: 'Partner' },
    ];
    return collectWeek(WEEK, {
      sources,
      contentDir: `${ws.dir}/content`,
      timeZone: 'UTC',
      baseUrl: 'https://news.test.example',
      loadFeed: createFeedLoader({ now: () => new Date('2026-11-30T08:00:00Z'), timeoutMs: 1500 }),
      sourceErrors: 'warn',
    });
  }

  it.each([
    ['/trickle.xml', /did not finish arriving within 2 s/],
    ['/silent.xml', /no answer within 2 s/],
    ['/reset.xml', /connection broke while the feed was read/],
    ['/loop.xml', /more than 5 redirects/],
    ['/huge.xml', /over the 5242880-byte limit/],
    ['/garbage.xml', /not a feed/],
    ['/truncated.xml', /truncated/],
    ['/gone.xml', /HTTP 500/],
  ])('%s: the issue is built from the other sources, with a warning naming the URL', async (path, reason) => {
    const collected = await collectWith(path);
    expect(collected.articles.map((article) => article.title)).toEqual(['Local article']);
    expect(collected.warnings).toHaveLength(1);
    expect(collected.warnings[0]).toContain(server.url(path));
    expect(collected.warnings[0]).toMatch(reason);
  });

  it('reads a feed with an unknown charset, with a warning', async () => {
    const collected = await collectWith('/bad-charset.xml');
    expect(collected.articles.map((article) => article.title)).toEqual(['Local article', 'Edge caching']);
    expect(collected.warnings.join('\n')).toMatch(/unknown charset "klingon"/);
  });

  it('digest build with a trickling feed exits 0 and names the feed', { timeout: 90_000 }, async () => {
    ws.write('digest.config.yaml', `${ws.read('digest.config.yaml')}\nsources:\n  - type: markdown\n  - type: feed\n    url: ${server.url('/trickle.xml')}\n    name: Partner\n  - type: feed\n    url: ${server.url('/ok.xml')}\n    name: Good\n`);
    const result = await runCli(['build', '--week', '2026-W48', '--now', '2026-11-30T08:00'], { cwd: ws.dir, env: { DIGEST_SECRET: 'test-secret-0123456789abcdef' } });
    const output = result.stdout + result.stderr;
    expect(output).not.toMatch(/unexpected error/);
    expect(result.code).toBe(0);
    expect(output).toContain(server.url('/trickle.xml'));
    expect(output).toMatch(/did not finish arriving within 15 s/);
    expect(JSON.parse(ws.read('data/issues/2026-W48/issue.json')).articles.map((article: { title: string }) => article.title)).toEqual(['Local article', 'Edge caching']);
  });
});
