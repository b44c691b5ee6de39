import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../../src/errors.js';
import { acquireRunLock, type RunLock } from '../../../src/pipeline/lock.js';

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
    acquire(dataDir);
    expect(fs.readFileSync(path.join(dataDir, 'run.lock'), 'utf8')).toBe(String(process.pid));
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

  it('can be taken again after release', () => {
    const dataDir = tempDir();
    const first = acquireRunLock(dataDir);
    first.release();
    expect(fs.existsSync(path.join(dataDir, 'run.lock'))).toBe(false);
    acquire(dataDir);
    expect(fs.existsSync(path.join(dataDir, 'run.lock'))).toBe(true);
  });

  it('allows locks in different dirs at the same time', () => {
    acquire(tempDir());
    expect(() => acquire(tempDir())).not.toThrow();
  });

  it('takes over a stale lock left by a process that no longer exists', () => {
    const dataDir = tempDir();
    const pid = deadPid();
    fs.writeFileSync(path.join(dataDir, 'run.lock'), String(pid));
    acquire(dataDir);
    expect(fs.readFileSync(path.join(dataDir, 'run.lock'), 'utf8')).toBe(String(process.pid));
  });

  it.each([[''], ['not a pid'], ['0'], ['-5'], ['12.5']])('takes over a lock file holding %j', (content) => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'run.lock'), content);
    acquire(dataDir);
    expect(fs.readFileSync(path.join(dataDir, 'run.lock'), 'utf8')).toBe(String(process.pid));
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
    const file = path.join(dataDir, 'run.lock');
    fs.writeFileSync(file, String(process.ppid));
    lock.release();
    expect(fs.readFileSync(file, 'utf8')).toBe(String(process.ppid));
    fs.rmSync(file);
    expect(() => lock.release()).not.toThrow();
  });
});
