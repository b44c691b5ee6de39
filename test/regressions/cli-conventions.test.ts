import fs from 'node:fs';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/program.js';
import { runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { createWorkspace, writeArticle, writeSubscribers, type Workspace } from '../helpers/workspace.js';

// The CLI had no --version, its commands' help did not list the global
// options, an unknown option printed the whole help, and send --resume did nothing.

const VERSION = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Every command's words after "digest", nested ones included (e.g. ["subscribers", "import"]). */
function commandPaths(): string[][] {
  const silent = { out: () => {}, err: () => {}, env: {}, cwd: process.cwd(), readStdin: async () => '' };
  const paths: string[][] = [];
  const walk = (command: Command, prefix: string[]) => {
    for (const sub of command.commands) {
      if (sub.name() === 'help') continue;
      paths.push([...prefix, sub.name()]);
      walk(sub, [...prefix, sub.name()]);
    }
  };
  walk(createProgram(silent).program, []);
  return paths;
}

const COMMANDS = commandPaths();

describe('CLI conventions', () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = createWorkspace();
  });
  afterAll(() => ws.remove());

  it('has commands to check', () => {
    expect(COMMANDS.map((words) => words.join(' '))).toEqual(expect.arrayContaining(['build', 'send', 'run', 'preview', 'serve', 'subscribers import']));
  });

  it.each([['--version'], ['-V']])('digest %s prints the version of package.json', async (flag) => {
    const result = await runCli([flag], { cwd: ws.dir });
    expect(result).toEqual({ code: 0, stdout: VERSION, stderr: '' });
  });

  it.each(COMMANDS.map((words) => [words.join(' ')]))('digest %s --help lists the global options', async (words) => {
    const result = await runCli([...words.split(' '), '--help'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Global Options:[\s\S]*--config <file>[\s\S]*--now <ISO-8601>[\s\S]*--version/);
  });

  it.each(COMMANDS.map((words) => [words.join(' ')]))('digest %s --x prints one line and the usage, exit 1', async (words) => {
    const result = await runCli([...words.split(' '), '--x'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe("error: unknown option '--x'");
    expect(lines[1]).toMatch(new RegExp(`^Usage: digest ${words} `));
    expect(lines[2]).toBe(`Run "digest ${words} --help" for its options.`);
    expect(lines).toHaveLength(3);
  });

  it('an unknown command prints one line and the usage of digest', async () => {
    const result = await runCli(['frobnicate'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toEqual(["error: unknown command 'frobnicate'", 'Usage: digest [options] [command]', 'Run "digest --help" for the commands and options.']);
  });
});

describe('digest send --resume', () => {
  let ws: Workspace;
  let sink: SmtpSink;
  let env: NodeJS.ProcessEnv;
  const now = ['--now', '2026-11-30T08:00:00'];
  beforeAll(async () => {
    sink = await startSmtpSink();
    env = { SMTP_URL: sink.url, DIGEST_SECRET: 'regression-secret-0123456789' };
    ws = createWorkspace();
    writeArticle(ws, '2026-11-24-a', { title: 'A', date: '2026-11-24', author: 'ada' });
    writeSubscribers(ws, ['a@example.com,A', 'b@example.com,B']);
    expect((await runCli(['subscribers', 'import', 'subscribers.csv'], { cwd: ws.dir, env })).code).toBe(0);
  });
  afterAll(async () => {
    await sink.close();
    ws.remove();
  });

  it('refuses an issue whose send never began, sending nothing', async () => {
    const result = await runCli(['send', '--resume', '--week', '2026-W48', ...now], { cwd: ws.dir, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: issue 2026-W48 was never sent: there is nothing to resume — run "digest send --week 2026-W48" without --resume to start sending it');
    expect(sink.messages).toHaveLength(0);
  });

  it('continues an issue already begun (here: done, so nothing more)', async () => {
    expect((await runCli(['send', '--week', '2026-W48', ...now], { cwd: ws.dir, env })).code).toBe(0);
    expect(sink.messages).toHaveLength(2);
    const result = await runCli(['send', '--resume', '--week', '2026-W48', ...now], { cwd: ws.dir, env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('nothing more to send');
    expect(sink.messages).toHaveLength(2);
  });

  it('cannot be combined with --test', async () => {
    const result = await runCli(['send', '--resume', '--test', 'me@example.com', ...now], { cwd: ws.dir, env });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe("error: option '--resume' cannot be used with option '--test <address>'");
  });
});
