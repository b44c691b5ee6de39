import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

// Navigation leftovers in other wordings than "No previous article" ("No new articles",
// "No newer posts") stayed in imported articles.
describe('navigation leftovers in their common wordings are dropped', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
  });
  afterEach(() => ws.remove());

  it.each<[string]>([
    ['No new articles'],
    ['No newer posts'],
    ['Older posts'],
    ['Newer entries →'],
    ['Next post'],
    ['Previous article'],
    ['← Previous story: Moving to Postgres'],
    ['Back to top'],
    ['Scroll to top ↑'],
    ['Share this'],
    ['Share on Mastodon'],
    ['Load more posts'],
    ['Page 1 of 12'],
    ['No comments yet'],
  ])('%s', async (line) => {
    ws.write(
      'page.txt',
      [
        'How we cut our build times in half',
        'Our CI pipeline used to take forty minutes for every pull request, so engineers batched their changes.',
        line,
        'We set ourselves a goal of twenty minutes and reached nineteen within a quarter of steady work.',
        line,
      ].join('\n\n'),
    );
    const result = await runCli(['import', 'page.txt', '--dry-run', '--date', '2026-03-03'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(line.replace(/^← /, ''));
    expect(result.stdout).toContain('reached nineteen within a quarter');
    expect(result.stderr).toMatch(/left out 2 navigation lines/);
  });
});

const FIRST = 'Our CI pipeline used to take forty minutes for every pull request, so engineers batched their changes and reviews grew.';
const SECOND = 'We set ourselves a goal of twenty minutes and reached nineteen within a quarter of steady work by three engineers.';
const THIRD = 'Caching the dependency install was the biggest single win, taking nine minutes down to forty seconds on warm runners.';

// HTML pages and Markdown files kept their pager, share and "back to top" lines.
describe('navigation leftovers are dropped from HTML pages and Markdown files too', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
  });
  afterEach(() => ws.remove());

  it.each<[string, string, string]>([
    ['a pager of two links', '<p><a href="/p/1">« Previous entry</a> <a href="/p/3">Next entry »</a></p>', '« Previous entry'],
    ['an empty pager', '<p>No older stories</p>', 'No older stories'],
    ['back to the top', '<p><a href="#top">Return to top</a></p>', 'Return to top'],
    ['share links with a label', '<p>Share: <a href="/s/x">X</a> · <a href="/s/li">LinkedIn</a></p>', 'LinkedIn'],
    ['a list of share links', '<ul><li><a href="/s/x">Share on X</a></li><li><a href="#">Copy link</a></li></ul>', 'Copy link'],
    ['a related-posts section Readability keeps', '<section><h2>You may also like</h2><ul><li><a href="/a">Ten things about Kubernetes</a></li><li><a href="/b">Our on-call handbook</a></li></ul></section>', 'Kubernetes'],
  ])('HTML: %s', async (_label, block, leftover) => {
    ws.write(
      'page.html',
      '<!doctype html><html><head><title>How we cut our build times in half</title></head><body><article>' +
        `<h1>How we cut our build times in half</h1><p>${FIRST}</p>${block}<p>${SECOND}</p><p>${THIRD}</p></article></body></html>`,
    );
    const result = await runCli(['import', 'page.html', '--dry-run', '--date', '2026-03-03'], { cwd: ws.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain(leftover);
    expect(result.stdout).toContain(`${FIRST}\n\n${SECOND}\n\n${THIRD}`);
    expect(result.stderr).toMatch(/left out \d+ (?:navigation lines?|related-article titles?)/);
  });

  it.each<[string, string, string]>([
    ['pager links', '[← Older posts](/page/2) | [Newer posts →](/)', 'Older posts'],
    ['an empty pager', 'No more articles', 'No more articles'],
    ['back to the top', '[↑ Back to top](#top)', 'Back to top'],
    ['a share line', '*Share this post*', 'Share this post'],
    ['a related list', '## Keep reading\n\n- [Moving search to an incremental index](/search)\n- [Our on-call handbook](/on-call)', 'Keep reading'],
  ])('Markdown: %s', async (_label, block, leftover) => {
    ws.write('post.md', `---\ntitle: How we cut our build times in half\ndate: 2026-03-03\n---\n${FIRST}\n\n${block}\n\n${SECOND}\n\n${THIRD}\n`);
    const result = await runCli(['import', 'post.md', '--dry-run'], { cwd: ws.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain(leftover);
    expect(result.stdout).toContain(`${FIRST}\n\n${SECOND}\n\n${THIRD}`);
    expect(result.stderr).toMatch(/left out \d+ (?:navigation lines?|related-article titles?)/);
  });
});
