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
