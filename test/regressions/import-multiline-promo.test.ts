import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const page = (block: string) =>
  [
    'ENGINEERING',
    'How we cut our build times in half',
    'March 3, 2026',
    'Our CI pipeline used to take forty minutes for every pull request, so engineers batched their changes.',
    block,
    'We set ourselves a goal of twenty minutes and reached nineteen within a quarter of steady work.',
  ].join('\n\n');

// In a copied page whose promotional block is split over short lines, only the last line
// ("Learn more.") was dropped; the rest of the box stayed in the article.
describe('a promotional block split over short lines is dropped whole', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
  });
  afterEach(() => ws.remove());

  it.each<[string, string]>([
    ['the reported box', 'Get the full picture with the\nAcme\nInsight Platform.\nLearn more.'],
    ['another product and button', 'Know where every build\nminute goes with\nBuildWatch Pro.\nStart your free trial'],
    ['the call first', 'Read more about how the\nAcme Insight\nPlatform works.'],
    ['a question and a button', 'Want faster builds?\nBook a demo'],
  ])('%s', async (_label, block) => {
    ws.write('page.txt', page(block));
    const result = await runCli(['import', 'page.txt', '--dry-run'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    const body = result.stdout.split('---\n')[2] ?? '';
    expect(body.trim()).toBe(
      'Our CI pipeline used to take forty minutes for every pull request, so engineers batched their changes.\n\n' +
        'We set ourselves a goal of twenty minutes and reached nineteen within a quarter of steady work.',
    );
    expect(result.stderr).toMatch(/left out \d+ calls to action/);
  });
});
