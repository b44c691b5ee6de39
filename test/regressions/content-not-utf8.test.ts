import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArticles } from '../../src/collect/articles.js';
import { createContentCache } from '../../src/collect/cache.js';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

const ENV = { DIGEST_SECRET: 'test-secret-0123456789abcdef' };
const BUILD = ['build', '--week', '2026-W48', '--now', '2026-11-30T08:00'];

/** An article saved as Latin-1: "é" is the single byte 0xE9, not valid UTF-8. */
function latin1Article(date: string): Buffer {
  return Buffer.from(`---\ntitle: "Caf\xe9 notes"\ndate: ${date}\nauthor: ada\n---\nWe met at the caf\xe9 to talk about the roadmap for next year.\n`, 'latin1');
}

// Issue #9, item 10 (silent corruption): a Markdown article saved as Latin-1 went out with "Caf� notes"
// in every inbox, exit 0 and no word; the same class as the Latin-1 CSV.
describe('an article that is not UTF-8', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace({ timezone: 'UTC' });
    writeArticle(ws, '2026-11-24-good', { title: 'Good one', date: '2026-11-24', author: 'ada' });
  });
  afterEach(() => ws.remove());

  it('in the week fails the build, naming the file, the line and what to do', async () => {
    fs.writeFileSync(path.join(ws.dir, 'content/articles/cafe.md'), latin1Article('2026-11-25'));
    const result = await runCli(BUILD, { cwd: ws.dir, env: ENV });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect(result.stderr).toContain('content/articles/cafe.md:2: is not UTF-8 text');
    expect(result.stderr).toContain('save the file as UTF-8');
  });

  it('dated long before the week is a warning, and the week goes out', async () => {
    fs.writeFileSync(path.join(ws.dir, 'content/articles/cafe.md'), latin1Article('2025-11-25'));
    const result = await runCli(BUILD, { cwd: ws.dir, env: ENV });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('content/articles/cafe.md:2: is not UTF-8 text (a byte on this line is not a UTF-8 character) (left out: dated before the week)');
    const issue = JSON.parse(ws.read('data/issues/2026-W48/issue.json')) as { articles: { title: string }[] };
    expect(issue.articles.map((article) => article.title)).toEqual(['Good one']);
  });

  it('is refused the same way through the preview\'s file cache', () => {
    fs.writeFileSync(path.join(ws.dir, 'content/articles/cafe.md'), latin1Article('2026-11-25'));
    const cache = createContentCache();
    const context = { timeZone: 'UTC', baseUrl: 'https://news.test.example', authorIds: new Set(['ada']), root: ws.dir };
    for (let round = 0; round < 2; round++) {
      const { results } = readArticles(path.join(ws.dir, 'content'), context, cache.articles);
      const cafe = results.find((entry) => entry.file.endsWith('cafe.md'));
      expect(cafe?.result.ok).toBe(false);
      expect(cafe && !cafe.result.ok && (cafe.result.error as Error).message).toMatch(/is not UTF-8 text/);
    }
  });
});
