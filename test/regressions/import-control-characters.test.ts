import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

// A control character (U+0008) in an imported page survived into the article's title and text.
// eslint-disable-next-line no-control-regex -- what the test looks for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

describe('imported text keeps no control characters', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
  });
  afterEach(() => ws.remove());

  const importDry = async (file: string) => {
    const result = await runCli(['import', file, '--dry-run', '--date', '2026-03-03'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    return result.stdout;
  };

  it('from a .txt page copy: title, byline and paragraphs', async () => {
    ws.write('page.txt', 'Cut\u0008ting build\u0001 times\n\nBy Jane\u0008 Doe\n\nWe set ourselves a goal\u0007 of twenty minutes and \u001b[1mmet\u001b[0m it in March.\n');
    const out = await importDry('page.txt');
    expect(out).not.toMatch(CONTROL);
    expect(out).toContain('title: Cutting build times');
    expect(out).toContain('author: jane-doe');
    expect(out).toContain('We set ourselves a goal of twenty minutes');
  });

  it('from an HTML page, also when written as character references', async () => {
    ws.write(
      'page.html',
      '<html><head><title>Cut&#8;ting build times</title><meta name="author" content="Jane&#x7f; Doe"></head><body><article><h1>Cut&#8;ting build times</h1>' +
        '<p>We set ourselves a goal&#1; of twenty minutes and met it in March, after caching the dependency install step.</p>'.repeat(4) +
        '</article></body></html>',
    );
    const out = await importDry('page.html');
    expect(out).not.toMatch(CONTROL);
    expect(out).toContain('title: Cutting build times');
    expect(out).toContain('We set ourselves a goal of twenty minutes');
  });

  it('from a Markdown file: front matter and body', async () => {
    ws.write('post.md', '---\ntitle: "Cut\\bting build times"\ndate: 2026-03-03\nauthor: ada\nsummary: "Twenty\\x01 minutes"\n---\nWe set ourselves\u0008 a goal.\n');
    const out = await importDry('post.md');
    expect(out).not.toMatch(CONTROL);
    expect(out).toContain('title: Cutting build times');
    expect(out).toContain('summary: Twenty minutes');
  });
});
