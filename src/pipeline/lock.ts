import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DigestError, ErrorCodes } from '../errors.js';

/**
 * The run lock: two jobs (a cron run and a manual one) never send at once.
 *
 * A lock is a numbered file in the data folder: `run.lock` is number 0,
 * `run.lock.<n>` number n, and the highest number is the lock. Each file is
 * created whole (written under a temporary name, then hard-linked into place,
 * which fails if the name exists), so nobody ever reads a half-written one.
 * A lock whose holder is gone (dead pid, garbage, empty, a directory,
 * released) is never deleted to be retaken, which is the race of "read pid,
 * unlink, create": it is taken over by creating the next number, which only
 * one process can do. The winner then checks that no higher number appeared
 * (possible only for a number reused after clean-up) and otherwise backs off.
 * Releasing rewrites the file to `released` (so does a takeover, for the
 * file it took over); old numbers are removed by a later holder, always
 * keeping the two highest, so a number can come back only below a file
 * that stays, and whoever takes it backs off.
 */

/** A held run lock; release it in `finally`. */
export interface RunLock {
  /** The file that holds the lock (`run.lock` or `run.lock.<n>`). */
  file: string;
  /** The lock file found in place of a lock and taken over (its job had gone), if any. */
  tookOver?: RunLockHolder;
  release(): void;
}

/** Who a lock file names, as {@link readRunLock} found it. */
export interface RunLockHolder {
  file: string;
  /** The holder's pid, when the file holds a live-looking lock. */
  pid?: number;
  state: 'held' | 'released' | 'garbage';
}

const BASE = 'run.lock';
// One spelling per number (no leading zeros, no `.0`), so two names never claim the same one.
const NAME = /^run\.lock(?:\.([1-9]\d{0,14}))?$/;
const TEMP_PREFIX = `${BASE}.tmp-`;
const RELEASED = 'released\n';
const MAX_ATTEMPTS = 20;

/** Lock files this process holds, by path, with the token written in them. */
const heldHere = new Map<string, string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** Lock files in `dataDir` by number (directories and junk with a lock's name included). */
function lockFiles(dataDir: string): Map<number, string> {
  const files = new Map<number, string>();
  for (const name of fs.readdirSync(dataDir)) {
    const match = NAME.exec(name);
    if (match) files.set(match[1] === undefined ? 0 : Number(match[1]), path.join(dataDir, name));
  }
  return files;
}

function fileName(dataDir: string, number: number): string {
  return path.join(dataDir, number === 0 ? BASE : `${BASE}.${number}`);
}

/** Reads one lock file; anything but "<pid>\n<token>" of a running process is not held. */
function readHolder(file: string): RunLockHolder & { token?: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    // A directory (or a file that just went) with a lock's name holds no lock.
    if (errno(error) === 'EISDIR' || errno(error) === 'ENOENT') return { file, state: 'garbage' };
    throw error;
  }
  if (text === RELEASED) return { file, state: 'released' };
  const [first = '', token] = text.split('\n');
  const pid = /^\s*\d+\s*$/.test(first) ? Number(first) : NaN;
  if (!Number.isSafeInteger(pid) || pid <= 0) return { file, state: 'garbage' };
  return { file, pid, state: 'held', token: token || undefined };
}

function publicHolder(holder: RunLockHolder): RunLockHolder {
  return holder.pid === undefined ? { file: holder.file, state: holder.state } : { file: holder.file, pid: holder.pid, state: holder.state };
}

/** True when the lock in `holder` still belongs to a running job. */
function isHeld(holder: RunLockHolder & { token?: string }): boolean {
  if (holder.state !== 'held' || holder.pid === undefined) return false;
  // Our own pid is ours only if this process wrote the file; else it is a dead job whose pid we reuse.
  if (holder.pid === process.pid) return holder.token !== undefined && heldHere.get(holder.file) === holder.token;
  return isAlive(holder.pid);
}

/** The current run lock of `dataDir` (the highest-numbered lock file), if any. */
export function readRunLock(dataDir: string): RunLockHolder | undefined {
  if (!fs.existsSync(dataDir)) return undefined;
  const files = lockFiles(dataDir);
  const top = Math.max(...files.keys());
  const file = files.get(top);
  if (!file) return undefined;
  return publicHolder(readHolder(file));
}

/** Writes `text` under a temporary name and returns it, for an atomic link or rename into place. */
function writeTemp(dataDir: string, text: string): string {
  const temp = path.join(dataDir, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(temp, text, { flag: 'wx' });
  return temp;
}

/** Creates `file` with `text` only if no such name exists; false when it does. */
function createWhole(dataDir: string, file: string, text: string): boolean {
  const temp = writeTemp(dataDir, text);
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    if (errno(error) === 'EPERM' || errno(error) === 'ENOTSUP' || errno(error) === 'EOPNOTSUPP') {
      throw new DigestError(ErrorCodes.LOCKED, 'the data folder does not support hard links, which the run lock needs', {
        file: dataDir,
        hint: 'put dataDir on a local file system',
        cause: error,
      });
    }
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** Removes numbers below the two highest, and temporary files of processes that are gone. */
function cleanUp(dataDir: string, held: number): void {
  for (const [number, file] of lockFiles(dataDir)) {
    if (number >= held - 1) continue;
    if (fs.lstatSync(file, { throwIfNoEntry: false })?.isFile()) fs.rmSync(file, { force: true });
  }
  for (const name of fs.readdirSync(dataDir)) {
    const pid = name.startsWith(TEMP_PREFIX) ? Number(name.slice(TEMP_PREFIX.length).split('-')[0]) : NaN;
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !isAlive(pid)) fs.rmSync(path.join(dataDir, name), { force: true });
  }
}

function lockedError(holder: RunLockHolder): DigestError {
  return new DigestError(ErrorCodes.LOCKED, `another digest job (pid ${holder.pid}) is running`, {
    file: holder.file,
    hint: 'wait for it to finish (a lock whose process has gone is taken over by itself); if that pid is no digest job, delete this file',
  });
}

function release(file: string, token: string): void {
  if (heldHere.get(file) !== token) return;
  heldHere.delete(file);
  const current = readHolder(file);
  if (current.state !== 'held' || current.pid !== process.pid || current.token !== token) return;
  const temp = writeTemp(path.dirname(file), RELEASED);
  fs.renameSync(temp, file);
}

/**
 * Takes the run lock of `dataDir`, creating the folder; throws `LOCKED`
 * while another running job holds it. A lock left by a process that no
 * longer exists, or a file that holds no lock, is taken over.
 */
export function acquireRunLock(dataDir: string): RunLock {
  fs.mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const files = lockFiles(dataDir);
    const top = files.size ? Math.max(...files.keys()) : -1;
    const current = files.get(top);
    let previous: RunLockHolder | undefined;
    if (current) {
      const found = readHolder(current);
      if (isHeld(found)) throw lockedError(found);
      if (found.state !== 'released') previous = publicHolder(found);
    }
    const mine = top + 1;
    const file = fileName(dataDir, mine);
    const token = randomBytes(9).toString('base64url');
    if (!createWhole(dataDir, file, `${process.pid}\n${token}\n`)) continue;
    heldHere.set(file, token);
    // Only a number reused after clean-up can sit below a higher one; whoever holds that one wins.
    if (Math.max(...lockFiles(dataDir).keys()) > mine) {
      release(file, token);
      continue;
    }
    if (previous && fs.lstatSync(previous.file, { throwIfNoEntry: false })?.isFile()) {
      // Said in the file, so that it no longer names a dead job; only its existence matters to the lock.
      fs.renameSync(writeTemp(dataDir, RELEASED), previous.file);
    }
    cleanUp(dataDir, mine);
    return { file, tookOver: previous, release: () => release(file, token) };
  }
  throw new DigestError(ErrorCodes.LOCKED, 'could not take the run lock: other jobs kept taking it', {
    file: path.join(dataDir, BASE),
    hint: 'try again when the other digest jobs have finished',
  });
}
