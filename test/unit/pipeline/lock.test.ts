import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../../src/errors.js';
import { acquireRunLock, readRunLock, type RunLock } from '../../../src/pipeline/lock.js';

const dirs: string[] = [];
const locks: RunLock[] = [];
afterEach(() => {
  for (const lock of locks.splice(0)) lock.release();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-'));
  dirs.push(dir);
  return dir;
}

function acquire(dataDir: string): RunLock {
  const lock = acquireRunLock(dataDir);
  locks.push(lock);
  return lock;
}

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (typeof child.pid !== 'number' || child.status !== 0) throw new Error('could not run a child process');
  return child.pid;
}

describe('acquireRunLock', () => {
  it('writes run.lock with our pid, creating the data dir', () => {
    const dataDir = path.join(tempDir(), 'nested', '.digest');
    const lock = acquire(dataDir);
    expect(lock.file).toBe(path.join(dataDir, 'run.lock'));
    expect(fs.readFileSync(lock.file, 'utf8').split('\n')[0]).toBe(String(process.pid));
    expect(readRunLock(dataDir)).toEqual({ file: lock.file, pid: process.pid, state: 'held' });
    expect(fs.readdirSync(dataDir)).toEqual(['run.lock']);
  });

  it('refuses a second lock in the same dir while the first is held', () => {
    const dataDir = tempDir();
    acquire(dataDir);
    expect(() => acquireRunLock(dataDir)).toThrow(
      expect.objectContaining({
        name: 'DigestError',
        code: ErrorCodes.LOCKED,
        message: `another digest job (pid ${process.pid}) is running`,
        file: path.join(dataDir, 'run.lock'),
      }),
    );
  });

  it('can be taken again after release, by the next number, keeping only the two highest', () => {
    const dataDir = tempDir();
    const first = acquireRunLock(dataDir);
    first.release();
    expect(readRunLock(dataDir)).toEqual({ file: path.join(dataDir, 'run.lock'), state: 'released' });
    for (let run = 1; run <= 3; run++) acquireRunLock(dataDir).release();
    const lock = acquire(dataDir);
    expect(lock.file).toBe(path.join(dataDir, 'run.lock.4'));
    expect(lock.tookOver).toBeUndefined();
    expect(fs.readdirSync(dataDir).sort()).toEqual(['run.lock.3', 'run.lock.4']);
  });

  it('allows locks in different dirs at the same time', () => {
    acquire(tempDir());
    expect(() => acquire(tempDir())).not.toThrow();
  });

  it('takes over a stale lock left by a process that no longer exists', () => {
    const dataDir = tempDir();
    const pid = deadPid();
    fs.writeFileSync(path.join(dataDir, 'run.lock'), String(pid));
    const lock = acquire(dataDir);
    expect(lock.tookOver).toEqual({ file: path.join(dataDir, 'run.lock'), pid, state: 'held' });
    expect(readRunLock(dataDir)).toEqual({ file: path.join(dataDir, 'run.lock.1'), pid: process.pid, state: 'held' });
    expect(fs.readFileSync(path.join(dataDir, 'run.lock'), 'utf8')).toBe('released\n');
  });

  it.each([[''], ['not a pid'], ['0'], ['-5'], ['12.5'], ['released\n']])('takes over a lock file holding %j', (content) => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'run.lock'), content);
    acquire(dataDir);
    expect(readRunLock(dataDir)).toEqual({ file: path.join(dataDir, 'run.lock.1'), pid: process.pid, state: 'held' });
  });

  it('takes over a directory named run.lock, leaving it alone', () => {
    const dataDir = tempDir();
    fs.mkdirSync(path.join(dataDir, 'run.lock'));
    const lock = acquire(dataDir);
    expect(lock.tookOver).toEqual({ file: path.join(dataDir, 'run.lock'), state: 'garbage' });
    expect(lock.file).toBe(path.join(dataDir, 'run.lock.1'));
  });

  it('takes over a lock with our own pid that this process did not write (a dead job whose pid came back)', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'run.lock'), `${process.pid}\n`);
    expect(acquire(dataDir).file).toBe(path.join(dataDir, 'run.lock.1'));
  });

  it('ignores names that only look like lock numbers', () => {
    const dataDir = tempDir();
    for (const name of ['run.lock.0', 'run.lock.01', 'run.lock.x', 'run.lock.tmp-1-ab']) fs.writeFileSync(path.join(dataDir, name), `${process.ppid}\n`);
    expect(acquire(dataDir).file).toBe(path.join(dataDir, 'run.lock'));
  });

  it('refuses when the highest-numbered lock file is held, whatever lower ones hold', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'run.lock'), 'garbage');
    fs.writeFileSync(path.join(dataDir, 'run.lock.7'), `${process.ppid}\n`);
    expect(() => acquireRunLock(dataDir)).toThrow(
      expect.objectContaining({ code: ErrorCodes.LOCKED, file: path.join(dataDir, 'run.lock.7') }),
    );
  });

  it('refuses a lock held by another live process', () => {
    const dataDir = tempDir();
    // The parent (the vitest runner) is alive for the whole test.
    fs.writeFileSync(path.join(dataDir, 'run.lock'), String(process.ppid));
    expect(() => acquireRunLock(dataDir)).toThrow(
      expect.objectContaining({ code: ErrorCodes.LOCKED, message: `another digest job (pid ${process.ppid}) is running` }),
    );
  });

  it('release leaves a lock that now belongs to someone else, and is safe to call twice', () => {
    const dataDir = tempDir();
    const lock = acquireRunLock(dataDir);
    const file = lock.file;
    fs.writeFileSync(file, String(process.ppid));
    lock.release();
    expect(fs.readFileSync(file, 'utf8')).toBe(String(process.ppid));
    fs.rmSync(file);
    expect(() => lock.release()).not.toThrow();
    expect(fs.existsSync(file)).toBe(false);
  });
});
