import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { articleText, createWorkspace, type Workspace } from '../helpers/workspace.js';

const BODY = [
  'By Jane Doe',
  '',
  '## Why we changed',
  '',
  'Our search index took six hours to rebuild, which meant every schema change waited for a night. We replaced the rebuild with an incremental pipeline fed by the change log. Rebuilds now take four minutes and run during the day.',
  '',
  '![A chart](https://cdn.example.com/chart.png)',
  '*Rebuild time per week*',
  '',
  'Subscribe to our newsletter for more stories like this.',
].join('\n');

describe('digest summarize', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
  });
  afterEach(() => ws.remove());

  it('prints the generated summary of an article: whole sentences, no Markdown, no boilerplate', async () => {
    ws.write('a.md', articleText({ title: 'Search', date: '2026-11-24', body: BODY }));
    const result = await runCli(['summarize', 'a.md'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    const summary = result.stdout.trim();
    expect(summary.length).toBeGreaterThan(40);
    expect(summary.length).toBeLessThanOrEqual(300);
    expect(summary).toMatch(/[.!?]$/);
    expect(summary).not.toMatch(/##|!\[|\*|By Jane Doe|Subscribe|Rebuild time per week/);
  });

  it('prefers the front-matter summary', async () => {
    ws.write('a.md', articleText({ title: 'Search', date: '2026-11-24', summary: 'The editor wrote this.', body: BODY }));
    const result = await runCli(['summarize', 'a.md'], { cwd: ws.dir });
    expect(result.stdout.trim()).toBe('The editor wrote this.');
  });

  it('respects --max-length', async () => {
    ws.write('a.md', articleText({ title: 'Search', date: '2026-11-24', body: BODY }));
    const result = await runCli(['summarize', 'a.md', '--max-length', '120'], { cwd: ws.dir });
    expect(result.stdout.trim().length).toBeLessThanOrEqual(120);
  });

  it('summarises JSON lines {id,text} into {id,summary}', async () => {
    ws.write(
      'in.jsonl',
      [
        JSON.stringify({ id: 'a', text: 'The council approved the budget on Tuesday. It raises spending on parks by ten percent. Critics said the plan ignores housing.' }),
        '',
        JSON.stringify({ id: 7, text: 'Short text.' }),
      ].join('\n'),
    );
    const result = await runCli(['summarize', '--jsonl', 'in.jsonl'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line: { id: unknown }) => line.id)).toEqual(['a', 7]);
    expect(lines[0].summary).toContain('The council approved the budget on Tuesday.');
    expect(lines[1]).toEqual({ id: 7, summary: 'Short text.' });
  });

  it('reads JSON lines from stdin with -', async () => {
    const result = await runCli(['summarize', '--jsonl', '-'], { cwd: ws.dir, stdin: '{"id":"x","text":"One sentence here."}\n' });
    expect(JSON.parse(result.stdout)).toEqual({ id: 'x', summary: 'One sentence here.' });
  });

  it('names the line of a malformed JSON line', async () => {
    ws.write('in.jsonl', '{"id":"a","text":"fine."}\n{broken\n');
    const result = await runCli(['summarize', '--jsonl', 'in.jsonl'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: in\.jsonl:2: line is not valid JSON/);
  });
});
