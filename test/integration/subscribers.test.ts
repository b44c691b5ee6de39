import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, writeSubscribers, type Workspace } from '../helpers/workspace.js';

describe('digest subscribers', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
  });
  afterEach(() => ws.remove());

  const list = async () => JSON.parse((await runCli(['subscribers', 'list', '--json'], { cwd: ws.dir })).stdout);

  it('imports a CSV, and a re-import updates names without duplicating anyone', async () => {
    writeSubscribers(ws, ['ana@example.com,Ana', '"Bo@Example.com","Bo, Jr."']);
    const first = await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('2 added, 0 updated, 0 unchanged');

    writeSubscribers(ws, ['ANA@example.com,Ana Ruiz', 'bo@example.com,"Bo, Jr."', 'cy@example.org,']);
    const second = await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('1 added, 1 updated, 1 unchanged');
    expect(await list()).toEqual([
      { email: 'ana@example.com', name: 'Ana Ruiz', status: 'active', sections: null, pausedUntil: null },
      { email: 'bo@example.com', name: 'Bo, Jr.', status: 'active', sections: null, pausedUntil: null },
      { email: 'cy@example.org', name: null, status: 'active', sections: null, pausedUntil: null },
    ]);
  });

  it('reports invalid rows with their line numbers, imports the valid ones, and exits 1', async () => {
    ws.write('subscribers.csv', 'email,name\nok@example.com,Ok\nnot-an-email,Bad\n"multi\nline@example.com",X\nalso bad@example.com,Y\nok@example.com,Dup\n');
    const result = await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/subscribers\.csv:3: .*not-an-email/);
    expect(result.stderr).toMatch(/subscribers\.csv:4: /);
    expect(result.stderr).toMatch(/subscribers\.csv:6: .*also bad@example\.com/);
    expect(result.stderr).toMatch(/subscribers\.csv:7: /);
    expect(result.stderr).toMatch(/error: .*rows were not imported/);
    expect((await list()).map((subscriber: { email: string }) => subscriber.email)).toEqual(['ok@example.com']);
  });

  it('names the file when the header has no email column', async () => {
    ws.write('subscribers.csv', 'mail,name\na@example.com,A\n');
    const result = await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*subscribers\.csv:1: .*email/);
  });

  it('names a missing file', async () => {
    const result = await runCli(['subscribers', 'import', 'nope.csv'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: nope.csv: file not found — check the path of the CSV file');
  });

  it('prints an empty JSON array when there are no subscribers', async () => {
    expect(await list()).toEqual([]);
  });
});
