import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, writeSubscribers, type Workspace } from '../helpers/workspace.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/bounces');
const ZERO = { new: 0, confirmed: 0, resubscribed: 0, unsubscribed: 0, bounced: 0, complained: 0 };

let ws: Workspace;

async function digest(now: string, ...args: string[]) {
  const result = await runCli([...args, '--now', now], { cwd: ws.dir, env: {} });
  expect(result.code, result.stderr).toBe(0);
  return result;
}

const reportFor = (file: string, email: string) =>
  ws.write(`in/${email}-${file}`, fs.readFileSync(path.join(FIXTURES, file), 'utf8').replaceAll('dana@example.net', email));

beforeAll(async () => {
  ws = createWorkspace({ timezone: 'UTC' });
  writeSubscribers(ws, ['ann@example.com,Ann', 'ben@example.com,Ben', 'cat@example.com,Cat']);
  await digest('2026-11-10T10:00:00', 'subscribers', 'import', 'subscribers.csv');
  await digest('2026-11-17T10:00:00', 'subscribers', 'unsubscribe', 'ann@example.com');
  await digest('2026-11-18T10:00:00', 'subscribers', 'add', 'dot@example.com');
  await digest('2026-11-20T10:00:00', 'subscribers', 'resubscribe', 'ann@example.com');
  await digest('2026-11-24T10:00:00', 'bounces', reportFor('postfix-dsn.eml', 'ben@example.com'));
  await digest('2026-11-25T10:00:00', 'bounces', reportFor('arf-abuse.eml', 'cat@example.com'));
  await digest('2026-11-26T10:00:00', 'subscribers', 'forget', 'dot@example.com');
});

afterAll(() => ws.remove());

describe('digest report: the list movement per week', () => {
  it('counts who joined, left, came back, bounced and complained in each week, and the totals now', async () => {
    const result = await digest('2026-11-26T12:00:00', 'report', '--weeks', '4', '--json');
    const { list } = JSON.parse(result.stdout) as { list: { totals: Record<string, number>; movement: ({ week: string } & typeof ZERO)[] } };
    expect(list.movement).toEqual([
      { week: '2026-W45', ...ZERO },
      { week: '2026-W46', ...ZERO, new: 3 },
      // dot@ was forgotten later: their joining still counts, anonymously.
      { week: '2026-W47', ...ZERO, new: 1, unsubscribed: 1, resubscribed: 1 },
      // A complaint is counted as a complaint, not as an unsubscribe as well.
      { week: '2026-W48', ...ZERO, bounced: 1, complained: 1 },
    ]);
    expect(list.totals).toMatchObject({ pending: 0, active: 1, unsubscribed: 1, bounced: 1 });
  });

  it('prints the same as a table, without an issue sent', async () => {
    const result = await digest('2026-11-26T12:00:00', 'report', '--weeks', '2');
    expect(result.stdout).toMatch(/2026-W47/);
    expect(result.stdout).toMatch(/2026-W48/);
    expect(result.stdout).not.toMatch(/2026-W46/);
    expect(result.stdout).toMatch(/complained/i);
  });
});
