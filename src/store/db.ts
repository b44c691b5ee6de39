import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DigestError, ErrorCodes } from '../errors.js';
import { migrate } from './migrations.js';

/** Name of the database file inside the data directory. */
export const STORE_FILE = 'digest.sqlite';

/** An open, migrated SQLite store. */
export interface Store {
  /** The underlying connection; prefer the functions in `store/`. */
  readonly db: Database.Database;
  /** Path of the database file. */
  readonly file: string;
  /** Closes the connection. Safe to call twice. */
  close(): void;
}

/** Opens (creating if needed) `<dataDir>/digest.sqlite` and migrates it. */
export function openStore(dataDir: string): Store {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (cause) {
    throw new DigestError(ErrorCodes.STORE_FAILED, `cannot create the data directory ${dataDir}`, {
      file: dataDir,
      hint: 'check that dataDir points to a writable location',
      cause,
    });
  }
  return openStoreAt(path.join(dataDir, STORE_FILE));
}

/**
 * Opens (creating if needed) the database at `file` and migrates it. The
 * parent directory must exist.
 */
export function openStoreAt(file: string): Store {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrate(db, file);
  } catch (cause) {
    db?.close();
    if (cause instanceof DigestError) throw cause;
    throw new DigestError(ErrorCodes.STORE_FAILED, `cannot open the database: ${errorMessage(cause)}`, {
      file,
      hint: 'check that the file is a digest database and that no other process holds it locked',
      cause,
    });
  }
  const opened = db;
  return {
    db: opened,
    file,
    close: () => {
      if (opened.open) opened.close();
    },
  };
}

/**
 * Memoises `prepare` per connection: each module prepares its statements
 * once per Store instead of once per call, which matters at one call per
 * recipient.
 */
export function statementCache<T>(prepare: (db: Database.Database) => T): (store: Store) => T {
  const cache = new WeakMap<Database.Database, T>();
  return (store) => {
    let statements = cache.get(store.db);
    if (statements === undefined) {
      statements = prepare(store.db);
      cache.set(store.db, statements);
    }
    return statements;
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
