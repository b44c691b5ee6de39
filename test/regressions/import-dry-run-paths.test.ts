import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const PAGE = [
  'How we cut our build times in half',
  'By Zoë Quinn',
  'Our CI pipeline used to take forty minutes for every pull request, so engineers batched their changes.',
].join('\n\n');
const ARTICLE = 'content/articles/2026-03-03-how-we-cut-our-build-times-in-half.md';

// `digest import --dry-run` printed the article but not which files it would write.
describe('--dry-run prints the paths it would write, and whether each is created or updated', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
    ws.write('page.txt', PAGE);
  });
  afterEach(() => ws.remove());

  it('a first import: the article and the new author card would be created', async () => {
    const result = await runCli(['import', 'page.txt', '--dry-run', '--date', '2026-03-03'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual([`would create ${ARTICLE}`, 'would create content/authors/zoe-quinn.md', '']);
    expect(result.stdout).toContain('title: How we cut our build times in half');
    expect(fs.existsSync(path.join(ws.dir, 'content/articles'))).toBe(false);
    expect(fs.existsSync(path.join(ws.dir, 'content/authors/zoe-quinn.md'))).toBe(false);
  });

  it('after an import: the article would be updated, the author card is left alone', async () => {
    await runCli(['import', 'page.txt', '--date', '2026-03-03'], { cwd: ws.dir });
    const before = ws.read(ARTICLE);
    ws.write('page.txt', `${PAGE}\n\nA paragraph added to the page since the first import, long enough to be prose.`);
    const result = await runCli(['import', 'page.txt', '--dry-run', '--date', '2026-03-03'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([`would update ${ARTICLE}`, '']);
    expect(ws.read(ARTICLE)).toBe(before);
  });

  it('an identical re-import says the article would be updated but is unchanged', async () => {
    await runCli(['import', 'page.txt', '--date', '2026-03-03'], { cwd: ws.dir });
    const result = await runCli(['import', 'page.txt', '--dry-run', '--date', '2026-03-03'], { cwd: ws.dir });
    expect(result.stdout.split('\n')[0]).toBe(`would update ${ARTICLE} (unchanged)`);
  });
});
