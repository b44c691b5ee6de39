import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const ENV = { DIGEST_SECRET: 'redated-secret-0123456789abcdef' };

function feed(pubDate: string): string {
  return (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Partner</title><link>https://partner.example.com/</link>' +
    `<item><title>Edge caching</title><link>https://partner.example.com/edge</link><pubDate>${pubDate}</pubDate><description>How the partner team cached the edge.</description></item>` +
    '</channel></rss>'
  );
}

interface IssueJson {
  articles: { title: string }[];
  excluded: { title: string; reason: string }[];
}

// Issue #9 ("nothing doubled"): an article that went out in one issue and whose date then moved into a
// later week (an edited `date:`, or a feed that bumps an item's pubDate when it is updated) was sent
// again with that week's issue.
describe('an article re-dated after its issue was sent', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = createWorkspace({ timezone: 'UTC', extraConfig: 'sources:\n  - type: markdown\n  - type: feed\n    url: ./feed.xml\n    name: Partner\n' });
    ws.write('feed.xml', feed('Wed, 25 Nov 2026 10:00:00 GMT'));
    writeArticle(ws, '2026-11-24-queues', { title: 'Queues', date: '2026-11-24', author: 'ada' });
    writeSubscribers(ws, ['ana@example.com,Ana']);
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env: ENV })).code).toBe(0);
    const sent = await runCli(['run', '--now', '2026-11-30T09:00'], { cwd: ws.dir, env: ENV });
    expect(sent.code).toBe(0);
    expect((JSON.parse(ws.read('data/issues/2026-W48/issue.json')) as IssueJson).articles.map((a) => a.title).sort()).toEqual(['Edge caching', 'Queues']);
  });
  afterAll(() => ws.remove());

  it('is left out of the later week as a duplicate, saying where it went out', async () => {
    writeArticle(ws, '2026-11-24-queues', { title: 'Queues', date: '2026-12-02', author: 'ada' });
    ws.write('feed.xml', feed('Thu, 03 Dec 2026 10:00:00 GMT'));
    writeArticle(ws, '2026-12-01-fresh', { title: 'Fresh', date: '2026-12-01', author: 'lin' });

    const built = await runCli(['build', '--week', '2026-W49', '--now', '2026-12-07T09:00'], { cwd: ws.dir, env: ENV });
    expect(built.code).toBe(0);
    const issue = JSON.parse(ws.read('data/issues/2026-W49/issue.json')) as IssueJson;
    expect(issue.articles.map((a) => a.title)).toEqual(['Fresh']);
    expect(issue.excluded.filter((entry) => entry.reason === 'duplicate').map((entry) => entry.title).sort()).toEqual(['Edge caching', 'Queues']);
    expect(built.stderr).toMatch(/2026-11-24-queues\.md \("Queues"\): already sent in issue 2026-W48 on 2026-11-30 09:00 \(UTC\)/);
    expect(built.stderr).toMatch(/"Edge caching"\): already sent in issue 2026-W48/);
  });
});
