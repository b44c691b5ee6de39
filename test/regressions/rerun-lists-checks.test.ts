import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const ENV = { DIGEST_SECRET: 'checks-secret-0123456789abcdef' };
const MONDAY = '2026-11-30T09:00';
const MISSING_ALT = /content\/articles\/2026-11-24-pictured\.md(:5)?: image has no alt text.*\[missing-alt\]/;

// Issue #9, item 12 ("build and run print a one-line count of warnings and list them"): a run that
// resumed or reran an issue printed "Checks: 1 warning (as first sent)" and never said which one.
describe('digest run of an issue sent before', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = createWorkspace({ timezone: 'UTC' });
    writeArticle(ws, '2026-11-24-pictured', { title: 'Pictured', date: '2026-11-24', author: 'ada', extra: 'image: https://cdn.test.example/a.png' });
    writeSubscribers(ws, ['ana@example.com,Ana']);
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env: ENV })).code).toBe(0);
  });
  afterAll(() => ws.remove());

  it('lists the checks of the email as first sent, as the first run did', async () => {
    const first = await runCli(['run', '--now', MONDAY], { cwd: ws.dir, env: ENV });
    expect(first.code).toBe(0);
    const count = /Checks: \d+ warnings?[^\n]*/.exec(first.stdout)?.[0];
    expect(count).toBeDefined();
    expect(first.stderr).toMatch(MISSING_ALT);

    const again = await runCli(['run', '--now', MONDAY], { cwd: ws.dir, env: ENV });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${count} (as first sent)`);
    expect(again.stderr).toMatch(MISSING_ALT);
  });
});
