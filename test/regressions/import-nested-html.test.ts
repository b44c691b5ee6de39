import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const PROSE = '<p>We moved the nightly batch to a streaming job, and latency fell from hours to seconds for everyone.</p>';
const page = (inner: string) => `<html><head><title>Deep</title></head><body><article><h1>Deep</h1>${PROSE.repeat(5)}${inner}</article></body></html>`;
const nested = (tag: string, depth: number) => `<${tag}>`.repeat(depth) + PROSE + `</${tag}>`.repeat(depth);

// `digest import` of a page with 10,000 nested divs overflowed the stack ("unexpected error");
// a few thousand took minutes in Readability.
describe('importing pages nested too deeply or too large for the extractor', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
  });
  afterEach(() => ws.remove());

  it.each<[string, string, RegExp]>([
    ['10,000 nested divs', page(nested('div', 10_000)), /nests its elements more than 256 levels deep/],
    ['200,000 unclosed spans (1.2 MB)', page('<span>'.repeat(200_000)), /more than 256 levels deep/],
    ['nested divs written as <div/>', page('<div/>'.repeat(5_000)), /more than 256 levels deep/],
    ['5 MB of empty divs side by side', page('<div></div>'.repeat(450_000)), /more than 50,000 elements/],
    ['nested blocks side by side', page(nested('section', 200).repeat(40)), /too many deeply nested elements/],
  ])('%s: one catalogued line naming the file, exit 1', async (_label, html, message) => {
    ws.write('page.html', html);
    const result = await runCli(['import', 'page.html', '--dry-run'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: page\.html: the page /);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/unexpected error|call stack/);
  });

  it('still imports a page nested as deeply as real ones are', async () => {
    ws.write('page.html', page(nested('div', 60) + nested('blockquote', 20)));
    const result = await runCli(['import', 'page.html', '--dry-run', '--date', '2026-03-03'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('title: Deep');
    expect(result.stdout).toContain('latency fell from hours to seconds');
  });

  it('refuses a file larger than 5 MB, naming it', async () => {
    ws.write('huge.txt', `A title\n\n${'This is a sentence that goes on. '.repeat(170_000)}`);
    const result = await runCli(['import', 'huge.txt', '--dry-run'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: huge\.txt: the file is larger than 5 MB/);
  });

  it.each<[string, string]>([
    ['400,000 short lines', `A title\n\n${'Short line\n'.repeat(400_000)}`],
    ['400,000 lines after a "Related posts" heading', `A title\n\nThe first paragraph says what the article is about, at length.\n\nRelated posts\n${'Short line\n'.repeat(400_000)}`],
  ])('reads a .txt of %s without overflowing the stack', async (_label, text) => {
    ws.write('many.txt', text);
    const result = await runCli(['import', 'many.txt', '--dry-run', '--date', '2026-03-03'], { cwd: ws.dir });
    expect(result.stderr).not.toMatch(/unexpected error|call stack/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^title: /m);
  });
});
