import iconv from 'iconv-lite';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

// A Latin-1 CSV imported as "Jos� M�ller" with exit 0; Excel's semicolon files and
// "E-Mail"/"First Name" headers were refused.
describe('subscriber CSVs in other encodings, delimiters and header wordings', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace();
  });
  afterEach(() => ws.remove());

  const list = async () => JSON.parse((await runCli(['subscribers', 'list', '--json'], { cwd: ws.dir })).stdout);
  const writeBytes = (name: string, bytes: Buffer) => fs.writeFileSync(path.join(ws.dir, name), bytes);

  it('refuses a Latin-1 file by default, naming the file, the line and --encoding, and imports nobody', async () => {
    writeBytes('latin1.csv', iconv.encode('email,name\nada@example.com,Ada\njose@example.com,José Müller\n', 'latin1'));
    const result = await runCli(['subscribers', 'import', 'latin1.csv'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: latin1\.csv:3: .*not valid UTF-8.*--encoding latin1/);
    expect(result.stderr).not.toContain('unexpected error');
    expect(await list()).toEqual([]);
  });

  it('decodes it with --encoding latin1', async () => {
    writeBytes('latin1.csv', iconv.encode('email,name\njose@example.com,José Müller\n', 'latin1'));
    const result = await runCli(['subscribers', 'import', 'latin1.csv', '--encoding', 'latin1'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(await list()).toEqual([{ email: 'jose@example.com', name: 'José Müller', status: 'active', sections: null, pausedUntil: null }]);
  });

  it('refuses an unknown --encoding with one line naming the option', async () => {
    ws.write('s.csv', 'email\na@example.com\n');
    const result = await runCli(['subscribers', 'import', 's.csv', '--encoding', 'nonsense-7'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .*unknown encoding "nonsense-7"/);
  });

  it('reads a Windows-1252 semicolon export with "E-Mail", "Vorname" and "Nachname" columns', async () => {
    writeBytes('export.csv', iconv.encode('\uFEFFE-Mail;Vorname;Nachname\r\nzoe@example.com;Zoë;Dupré\r\n', 'windows-1252'));
    const result = await runCli(['subscribers', 'import', 'export.csv', '--encoding', 'windows-1252'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(await list()).toEqual([{ email: 'zoe@example.com', name: 'Zoë Dupré', status: 'active', sections: null, pausedUntil: null }]);
  });

  it('reads a tab-separated file with "Email Address", "First Name" and "Last Name"', async () => {
    ws.write('mailing.tsv', 'Email Address\tFirst Name\tLast Name\tTags\nAda@Example.com\tAda\tLovelace\t"a, b"\n');
    const result = await runCli(['subscribers', 'import', 'mailing.tsv'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(await list()).toEqual([{ email: 'ada@example.com', name: 'Ada Lovelace', status: 'active', sections: null, pausedUntil: null }]);
  });
});
