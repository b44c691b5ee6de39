import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDigest } from '../helpers/process.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { runCli } from '../helpers/cli.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

// Two jobs started together while run.lock held a dead pid both took the lock
// (read pid, unlink, create is a race) and 45 of 50 recipients got the issue twice.

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX_LOADER = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const CONTENDER = path.join(REPO, 'test', 'fixtures', 'lock', 'contender.ts');
const CONTENDERS = 6;
const ROUNDS = 30;

/** A long-lived process that takes the real run lock on command. */
interface Contender {
  child: ChildProcess;
  /** Sends one command and resolves with the process's one-line answer. */
  ask(command: string): Promise<string>;
}

function startContender(dataDir: string): Promise<Contender> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, CONTENDER, dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  const contender: Contender = {
    child,
    ask(command) {
      const answer = next();
      child.stdin!.write(`${command}\n`);
      return answer;
    },
  };
  return next().then(() => contender);
}

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (typeof child.pid !== 'number') throw new Error('could not run a child process');
  return child.pid;
}

/** What a stale lock can hold, one kind per round in turn. */
const STALE: ((file: string, contenderPids: number[]) => void)[] = [
  (file) => fs.writeFileSync(file, String(deadPid())),
  (file) => fs.writeFileSync(file, 'not a pid'),
  (file) => fs.writeFileSync(file, ''),
  (file) => fs.mkdirSync(file),
  // A contender's own pid, written by no one alive: a dead job whose pid came back.
  (file, pids) => fs.writeFileSync(file, `${pids[0]}\n`),
];

describe('run lock takeover', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-lock-race-'));
  const dataDir = path.join(root, 'data');
  let contenders: Contender[] = [];
  beforeAll(async () => {
    contenders = await Promise.all(Array.from({ length: CONTENDERS }, () => startContender(dataDir)));
  }, 60_000);
  afterAll(() => {
    for (const contender of contenders) contender.child.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it(`lets exactly one of ${CONTENDERS} processes take a stale lock, over ${ROUNDS} rounds`, async () => {
    const pids = contenders.map((contender) => contender.child.pid ?? 0);
    for (let round = 0; round < ROUNDS; round++) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.mkdirSync(dataDir);
      STALE[round % STALE.length]!(path.join(dataDir, 'run.lock'), pids);
      const answers = await Promise.all(contenders.map((contender) => contender.ask('go')));
      const winners = answers.filter((answer) => answer.startsWith('won '));
      expect({ round, winners: winners.length, errors: answers.filter((a) => a.startsWith('error')) }).toEqual({ round, winners: 1, errors: [] });
      expect(answers.filter((answer) => answer === 'locked LOCKED')).toHaveLength(CONTENDERS - 1);
      await Promise.all(contenders.map((contender) => contender.ask('release')));
    }
  }, 120_000);
});

describe('two digest send started together on a stale lock', () => {
  let ws: Workspace;
  let sink: SmtpSink;
  let env: NodeJS.ProcessEnv;
  const recipients = Array.from({ length: 30 }, (_, i) => `reader${i}@example.com`);
  beforeAll(async () => {
    sink = await startSmtpSink();
    env = { SMTP_URL: sink.url, DIGEST_SECRET: 'regression-secret-0123456789' };
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-a', { title: 'A', date: '2026-11-24', author: 'ada' });
    writeSubscribers(ws, recipients.map((email, i) => `${email},Reader ${i}`));
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env })).code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await sink.close();
    ws.remove();
  });

  it('sends every recipient exactly once', async () => {
    fs.mkdirSync(ws.dataDir, { recursive: true });
    fs.writeFileSync(path.join(ws.dataDir, 'run.lock'), String(deadPid()));
    const args = ['send', '--week', '2026-W48', '--now', '2026-11-30T08:00:00'];
    const jobs = [startDigest(args, { cwd: ws.dir, env }), startDigest(args, { cwd: ws.dir, env })];
    const codes = await Promise.all(jobs.map((job) => new Promise<number | null>((resolve) => job.child.once('exit', resolve))));
    const outputs = jobs.map((job) => job.output());
    // One job sends; the other either found the lock held or, started after, found the issue done.
    expect(codes.filter((code) => code === 0).length, outputs.join('\n---\n')).toBeGreaterThanOrEqual(1);
    for (const [i, code] of codes.entries()) {
      if (code !== 0) expect(outputs[i]).toMatch(/another digest job \(pid \d+\) is running/);
    }
    expect([...sink.accepted.keys()].sort()).toEqual([...recipients].sort());
    expect([...sink.accepted.values()].every((count) => count === 1)).toBe(true);
    expect(sink.messages).toHaveLength(recipients.length);
  }, 120_000);
});
