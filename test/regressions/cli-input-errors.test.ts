import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

// Issue #9, item 10: failures a user causes end in one catalogued line naming what to fix, never in
// "unexpected error … report it". A folder given as the config or as the article to summarise did,
// and `schedule --dry-run abc` printed 5 run times as if nothing was wrong (a huge count would
// have run for ever).
describe('CLI input a user got wrong', () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = createWorkspace({ timezone: 'UTC' });
    fs.mkdirSync(path.join(ws.dir, 'a-folder'));
  });
  afterAll(() => ws.remove());

  it.each([
    ['a folder as --config', ['--config', 'a-folder', 'build'], 'error: a-folder: is a folder, not a config file — give the path of the YAML config file'],
    ['a folder to summarise', ['summarize', 'a-folder'], 'error: a-folder: is a folder, not a file — pass the path of one article file'],
    ['a folder as summarize --jsonl input', ['summarize', '--jsonl', 'a-folder'], 'error: a-folder: is a folder, not a file'],
    ['a word as schedule --dry-run count', ['schedule', '--dry-run', 'abc'], 'error: --dry-run takes how many run times to print, got "abc" — give a whole number from 1 to 1000'],
    ['a huge schedule --dry-run count', ['schedule', '--dry-run', '99999999'], 'got "99999999"'],
    ['a zero schedule --dry-run count', ['schedule', '--dry-run', '0'], 'got "0"'],
  ])('%s: one line naming it, exit 1', async (_case, args, line) => {
    const result = await runCli(args, { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect(result.stderr).toContain(line);
    expect(result.stderr.trim().split('\n').filter((text) => text.startsWith('error:'))).toHaveLength(1);
  });

  it('schedule --dry-run with a count prints that many run times', async () => {
    const result = await runCli(['schedule', '--dry-run', '3', '--now', '2026-11-30T09:00'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(3);
  });
});
