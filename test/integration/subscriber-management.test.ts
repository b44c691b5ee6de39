import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { suppress } from '../../src/store/suppressions.js';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

describe('digest subscribers add | remove | unsubscribe | resubscribe | forget | export', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
  });
  afterEach(() => ws.remove());

  const cli = (...args: string[]) => runCli(['subscribers', ...args], { cwd: ws.dir });
  const list = async () => JSON.parse((await cli('list', '--json')).stdout) as { email: string; name: string | null; status: string; sections: unknown }[];
  const suppressIn = (email: string, reason: 'complaint' | 'hard-bounce') => {
    const store = openStore(ws.dataDir);
    try {
      suppress(store, email, reason);
    } finally {
      store.close();
    }
  };

  it('adds, unsubscribes, resubscribes and removes one address', async () => {
    expect((await cli('add', 'Ana@Example.com', '--name', 'Ana Ruiz')).code).toBe(0);
    expect(await list()).toEqual([{ email: 'ana@example.com', name: 'Ana Ruiz', status: 'active', sections: null, pausedUntil: null }]);
    expect((await cli('unsubscribe', 'ana@example.com')).code).toBe(0);
    expect((await list())[0]?.status).toBe('unsubscribed');
    expect((await cli('resubscribe', 'ana@example.com')).code).toBe(0);
    expect((await list())[0]?.status).toBe('active');
    const again = await cli('add', 'ana@example.com');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('ana@example.com is already on the list');
    expect((await cli('remove', 'ana@example.com')).code).toBe(0);
    expect(await list()).toEqual([]);
  });

  it.each([['remove'], ['unsubscribe'], ['resubscribe'], ['forget']])('%s of an unknown address exits 1 naming it', async (command) => {
    const result = await cli(command, 'nobody@example.com');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*nobody@example\.com is not on the list — /);
  });

  it('refuses a complained address even with --force, and a hard-bounced one unless --force', async () => {
    suppressIn('c@example.com', 'complaint');
    suppressIn('h@example.com', 'hard-bounce');
    const complaint = await cli('add', 'c@example.com', '--force');
    expect(complaint.code).toBe(1);
    expect(complaint.stderr).toMatch(/c@example\.com reported our mail as spam/);
    const bounced = await cli('add', 'h@example.com');
    expect(bounced.code).toBe(1);
    expect(bounced.stderr).toMatch(/h@example\.com bounced hard.*--force/);
    expect((await cli('add', 'h@example.com', '--force')).code).toBe(0);
    expect((await list()).map((s) => s.email)).toEqual(['h@example.com']);
  });

  it('exports CSV (the default) with quoting that imports back unchanged, and JSON', async () => {
    await cli('add', 'ana@example.com', '--name', 'Ruiz, "Ana"');
    await cli('add', 'bo@example.com');
    await cli('unsubscribe', 'bo@example.com');
    const csv = await cli('export', '--csv');
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe('email,name,status\nana@example.com,"Ruiz, ""Ana""",active\nbo@example.com,,unsubscribed');
    expect((await cli('export')).stdout).toBe(csv.stdout);
    expect(JSON.parse((await cli('export', '--json')).stdout)).toEqual(await list());

    ws.write('back.csv', `${csv.stdout}\n`);
    const reimport = await cli('import', 'back.csv');
    expect(reimport.stdout).toContain('0 added, 0 updated, 2 unchanged, 0 suppressed, 0 invalid');
  });

  it('forget deletes the data, and a later import reports the address as suppressed', async () => {
    await cli('add', 'ana@example.com', '--name', 'Ana');
    expect((await cli('forget', 'ana@example.com')).code).toBe(0);
    expect(await list()).toEqual([]);
    ws.write('again.csv', 'email,name\nana@example.com,Ana\nbo@example.com,Bo\n');
    const result = await cli('import', 'again.csv', '--force');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 added, 0 updated, 0 unchanged, 1 suppressed, 0 invalid');
    expect(result.stdout).toContain('suppressed, left as it is: ana@example.com');
    expect((await list()).map((s) => s.email)).toEqual(['bo@example.com']);
  });
});

describe('digest subscribers import', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
  });
  afterEach(() => ws.remove());

  const cli = (...args: string[]) => runCli(['subscribers', ...args], { cwd: ws.dir });

  it.each([
    ['semicolons and E-Mail', 'E-Mail;Name\nana@example.com;Ruiz, Ana\nbo@example.com;Bo\n'],
    ['tabs, Email Address and First Name / Last Name', 'Email Address\tFirst Name\tLast Name\nana@example.com\tRuiz,\tAna\nbo@example.com\tBo\t\n'],
  ])('reads %s', async (_label, text) => {
    ws.write('list.csv', text);
    const result = await cli('import', 'list.csv');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 added');
    const names = JSON.parse((await cli('list', '--json')).stdout).map((s: { name: string }) => s.name);
    expect(names).toEqual(['Ruiz, Ana', 'Bo']);
  });

  it('--dry-run prints the counts and changes nothing', async () => {
    ws.write('list.csv', 'email\nana@example.com\nnot-an-address\n');
    const result = await cli('import', 'list.csv', '--dry-run');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Would import list.csv: 1 added, 0 updated, 0 unchanged, 0 suppressed, 1 invalid');
    expect(result.stderr).toContain('list.csv:3:');
    expect(JSON.parse((await cli('list', '--json')).stdout)).toEqual([]);
  });
});
