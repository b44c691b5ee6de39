import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPageServer, type PageServer } from '../fixtures/import/page-server.js';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const PAGE = (extra: string) =>
  [
    'How we cut our build times in half',
    'Our CI pipeline used to take forty minutes for every pull request, so engineers batched their changes.',
    `We set ourselves a goal of twenty minutes and reached it within a quarter.${extra}`,
  ].join('\n\n');

// Importing the same page twice wrote a "-2" copy next to the first file.
describe('importing the same page again updates the same files', () => {
  let ws: Workspace;
  let server: PageServer;
  beforeAll(async () => {
    server = await startPageServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    ws = createWorkspace();
  });
  afterEach(() => ws.remove());

  const articles = () => fs.readdirSync(path.join(ws.dir, 'content/articles')).sort();

  it('a file, edited between the imports, also from another working directory', async () => {
    ws.write('inbox/page.txt', PAGE(''));
    const first = await runCli(['import', 'inbox/page.txt', '--now', '2026-03-03T09:00:00'], { cwd: ws.dir });
    expect(first.code).toBe(0);
    ws.write('inbox/page.txt', PAGE(' Then we kept going.'));
    // A day later, from the inbox folder: the undated page keeps its first date instead of moving to today.
    const second = await runCli(['--config', '../digest.config.yaml', 'import', 'page.txt', '--now', '2026-03-04T09:00:00'], { cwd: path.join(ws.dir, 'inbox') });
    expect(second.code).toBe(0);
    expect(articles()).toEqual(['2026-03-03-how-we-cut-our-build-times-in-half.md']);
    expect(ws.read('content/articles/2026-03-03-how-we-cut-our-build-times-in-half.md')).toContain('Then we kept going.');
    expect(second.stderr).toContain('was imported before: updated');
    const third = await runCli(['import', 'inbox/page.txt'], { cwd: ws.dir });
    expect(third.code).toBe(0);
    expect(articles()).toHaveLength(1);
  });

  it('a URL, also when reached through a redirect or by its canonical URL', async () => {
    expect((await runCli(['import', `${server.url}/blog/post`], { cwd: ws.dir })).code).toBe(0);
    expect((await runCli(['import', `${server.url}/blog/post`], { cwd: ws.dir })).code).toBe(0);
    expect((await runCli(['import', `${server.url}/old`], { cwd: ws.dir })).code).toBe(0);
    expect(articles()).toEqual(['2026-03-03-how-we-halved-our-ci-build-times.md']);
    expect(fs.readdirSync(path.join(ws.dir, 'content/authors')).filter((name) => name === 'jane-doe.md')).toHaveLength(1);
  });

  it('a different page with the same title and date still gets its own file', async () => {
    ws.write('a.txt', PAGE(''));
    ws.write('b.txt', PAGE(' A different page.'));
    await runCli(['import', 'a.txt', '--date', '2026-03-03'], { cwd: ws.dir });
    await runCli(['import', 'b.txt', '--date', '2026-03-03'], { cwd: ws.dir });
    expect(articles()).toEqual(['2026-03-03-how-we-cut-our-build-times-in-half-2.md', '2026-03-03-how-we-cut-our-build-times-in-half.md']);
  });
});
