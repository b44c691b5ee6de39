import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

const ENV = { DIGEST_SECRET: 'test-secret-0123456789abcdef' };
const BUILD = ['build', '--week', '2026-W48', '--now', '2026-11-30T08:00'];

// Issue #9, item 9: walking contentDir must never loop. A symlink to a folder that contains it was
// followed once before the loop check fired: `articles/up -> ..` read authors/ as articles (and failed
// the build on "title" is required), and a link to `/` set off a walk of the whole disk.
describe('a symlink under articles/ to a folder that contains it', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace({ timezone: 'UTC' });
    writeArticle(ws, '2026-11-24-good', { title: 'Good one', date: '2026-11-24', author: 'ada' });
  });
  afterEach(() => ws.remove());

  it.each([
    ['the content folder (..)', '..', 'content/articles/up'],
    ['the content folder, from a subfolder (../..)', '../..', 'content/articles/2026/up'],
    ['the file system root', '/', 'content/articles/up'],
  ])('%s is passed over with a warning, and the build goes on', async (_case, target, link) => {
    fs.mkdirSync(path.dirname(path.join(ws.dir, link)), { recursive: true });
    fs.symlinkSync(target, path.join(ws.dir, link));
    const result = await runCli(BUILD, { cwd: ws.dir, env: ENV });
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`${link}: a symlink to a folder that contains it (a loop); not read`);
    const issue = JSON.parse(ws.read('data/issues/2026-W48/issue.json')) as { articles: { title: string }[] };
    expect(issue.articles.map((article) => article.title)).toEqual(['Good one']);
  });

  it('a symlink to a sibling folder outside articles/ is still read', async () => {
    writeArticle(ws, '../elsewhere/2026-11-25-shared', { title: 'Shared one', date: '2026-11-25', author: 'ada' });
    fs.symlinkSync(path.join(ws.dir, 'content/elsewhere'), path.join(ws.dir, 'content/articles/shared'));
    const result = await runCli(BUILD, { cwd: ws.dir, env: ENV });
    expect(result.code).toBe(0);
    const issue = JSON.parse(ws.read('data/issues/2026-W48/issue.json')) as { articles: { title: string }[] };
    expect(issue.articles.map((article) => article.title).sort()).toEqual(['Good one', 'Shared one']);
  });
});
