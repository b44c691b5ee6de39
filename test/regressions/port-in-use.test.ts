import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { spawnDigest } from '../helpers/spawn.js';
import { createWorkspace, writeArticle, type Workspace } from '../helpers/workspace.js';

// A --port already in use ended in "unexpected error … report it" instead of
// naming the port and what to do.
describe('a port that cannot be had', () => {
  let ws: Workspace;
  let taken: net.Server;
  let port: number;
  beforeAll(async () => {
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-a', { title: 'A', date: '2026-11-24', author: 'ada' });
    taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
    ws.remove();
  });

  it.each(['preview', 'serve'])('digest %s --port <in use>: one line naming the port, with a hint, exit 1', async (command) => {
    const result = await runCli([command, '--port', String(port), '--now', '2026-11-26T12:00:00'], { cwd: ws.dir, env: { DIGEST_SECRET: 'regression-secret-0123456789' } });
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(lines).toEqual([
      `error: port ${port} is already in use (127.0.0.1:${port}) — start digest ${command} with --port <another port> (0 picks a free one), or stop the process that uses port ${port}`,
    ]);
    expect(result.stderr).not.toMatch(/unexpected error/);
  });

  it.each(['preview', 'serve'])('digest %s --host <not an address of this machine>: names the host', async (command) => {
    // 192.0.2.0/24 is reserved for documentation: never an address of this machine, and binding sends nothing.
    const result = await runCli([command, '--host', '192.0.2.1', '--port', '0'], { cwd: ws.dir, env: { DIGEST_SECRET: 'regression-secret-0123456789' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: cannot listen on 192\.0\.2\.1: it is not an address of this machine — .*--host/m);
    expect(result.stderr).not.toMatch(/unexpected error/);
  });

  it('the real process exits 1 at once, with that one line', () => {
    const result = spawnDigest(['preview', '--port', String(port)], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^error: port ${port} is already in use`))]);
  });
});
