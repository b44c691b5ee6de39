import fs from 'node:fs';
import path from 'node:path';
import { DigestError, ErrorCodes } from '../errors.js';

/** A held run lock; release it in `finally`. */
export interface RunLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `dataDir/run.lock` so two jobs (a cron run and a manual one) never
 * send at once. A lock left by a process that no longer exists is taken over.
 */
export function acquireRunLock(dataDir: string): RunLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'run.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return {
        release: () => {
          if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new DigestError(ErrorCodes.LOCKED, `another digest job (pid ${holder}) is running`, {
          file,
          hint: 'wait for it to finish; if no such process exists, delete the lock file',
        });
      }
      fs.unlinkSync(file);
    }
  }
  throw new DigestError(ErrorCodes.LOCKED, 'could not take the run lock', { file, hint: 'try again' });
}
