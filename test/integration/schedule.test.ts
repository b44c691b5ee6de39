import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

describe('digest schedule --dry-run', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
  });
  afterEach(() => ws.remove());

  it('lists the next Monday 08:00 runs in the newsletter time zone, across a DST change', async () => {
    const result = await runCli(['schedule', '--dry-run', '3', '--now', '2026-10-19T09:00:00+02:00'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    const instants = result.stdout.split('\n').map((line) => line.split(' ')[0]);
    expect(instants).toEqual(['2026-10-26T07:00:00.000Z', '2026-11-02T07:00:00.000Z', '2026-11-09T07:00:00.000Z']);
  });

  it('follows the configured cron expression', async () => {
    ws.write('digest.config.yaml', `${ws.read('digest.config.yaml')}\nschedule: "30 6 * * 5"\n`);
    const result = await runCli(['schedule', '--dry-run', '1', '--now', '2026-11-28T12:00:00Z'], { cwd: ws.dir });
    expect(result.stdout.split(' ')[0]).toBe('2026-12-04T05:30:00.000Z');
  });
});
