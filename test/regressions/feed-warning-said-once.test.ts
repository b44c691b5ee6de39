import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectWeek } from '../../src/collect/index.js';
import { createFeedLoader } from '../../src/pipeline/feeds.js';
import { weekWindow } from '../../src/util/week.js';
import { startFixtureServer, type FixtureServer } from '../helpers/http-fixtures.js';
import { freePort } from '../helpers/ports.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

const WEEK = weekWindow('2026-W48', 'UTC');
const GOES_ON = 'the issue is built from the other sources';

// Issue #9, item 10 (vague errors): a feed URL that is down gave the warning "… check the URL and the
// network; the issue is built from the other sources; the issue is built from the other sources", and
// `digest feed` told the operator of one feed about "the other sources".
describe('a feed that cannot be fetched', () => {
  let server: FixtureServer;
  let ws: Workspace;
  let closedPort: number;

  beforeAll(async () => {
    server = await startFixtureServer({ '/silent.xml': () => undefined });
    closedPort = await freePort();
    ws = createWorkspace({ timezone: 'UTC' });
    writeArticle(ws, '2026-11-24-local', { title: 'Local article', date: '2026-11-24', author: 'ada' });
  });
  afterAll(async () => {
    await server.close();
    ws.remove();
  });

  it.each([
    ['a port nobody listens on', () => `http://127.0.0.1:${closedPort}/feed.xml`],
    ['a server that never answers', () => server.url('/silent.xml')],
  ])('%s: the warning says once that the build goes on', async (_case, url) => {
    const collected = await collectWeek(WEEK, {
      sources: [
        { type: 'markdown', dir: `${ws.dir}/content` },
        { type: 'feed', url: url(), name: 'Partner' },
      ],
      contentDir: `${ws.dir}/content`,
      timeZone: 'UTC',
      baseUrl: 'https://news.test.example',
      loadFeed: createFeedLoader({ now: () => new Date('2026-11-30T08:00:00Z'), timeoutMs: 500 }),
      sourceErrors: 'warn',
    });
    expect(collected.articles.map((article) => article.title)).toEqual(['Local article']);
    expect(collected.warnings).toHaveLength(1);
    expect(collected.warnings[0]).toContain(url());
    expect(collected.warnings[0]?.split(GOES_ON)).toHaveLength(2);
  });
});
