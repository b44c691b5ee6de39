import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DigestError } from '../../../src/errors.js';
import { openStoreAt, STORE_FILE } from '../../../src/store/db.js';
import { migrations } from '../../../src/store/migrations.js';
import { upsertSubscribers, listSubscribers } from '../../../src/store/subscribers.js';
import { NOW, useTempStores } from './temp-store.js';

const temp = useTempStores();

describe('openStore', () => {
  it('creates the data directory and the database file with WAL, busy timeout and foreign keys', () => {
    const dataDir = path.join(temp.dir(), 'nested', 'data');
    const store = temp.open(dataDir);

    expect(store.file).toBe(path.join(dataDir, STORE_FILE));
    expect(fs.existsSync(store.file)).toBe(true);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
  });

  it('creates the tables, the delivery indexes, the opaque-id index and trigger, and the suppression list', () => {
    const store = temp.open();
    const names = store.db
      .prepare<[], string>(`SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name`)
      .pluck()
      .all();
    expect(names).toEqual([
      'deliveries', 'deliveries_issue_status', 'deliveries_message_id', 'deliveries_sent_at', 'feed_cache', 'issues', 'settings',
      'subscriber_events', 'subscriber_events_at', 'subscriber_events_on_insert', 'subscriber_events_on_status',
      'subscribers', 'subscribers_uid', 'subscribers_uid_on_insert', 'suppressions',
    ]);
  });

  it('is idempotent: opening twice keeps the schema version and the data', () => {
    const dataDir = temp.dir();
    const first = temp.open(dataDir);
    upsertSubscribers(first, [{ email: 'a@example.com' }], NOW);
    first.close();

    const second = temp.open(dataDir);
    expect(second.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(listSubscribers(second).map((s) => s.email)).toEqual(['a@example.com']);
  });

  it('refuses a database from a newer schema version', () => {
    const dataDir = temp.dir();
    const raw = new Database(path.join(dataDir, STORE_FILE));
    raw.pragma(`user_version = ${migrations.length + 1}`);
    raw.close();

    expect(() => temp.open(dataDir)).toThrowError(
      expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining('newer') }),
    );
  });

  it('wraps an unopenable file in STORE_FAILED naming the file', () => {
    const dataDir = temp.dir();
    const notADatabase = path.join(dataDir, 'digest.sqlite');
    fs.writeFileSync(notADatabase, 'this is not SQLite, just text that is long enough to have a header page');

    let caught: unknown;
    try {
      openStoreAt(notADatabase);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DigestError);
    expect(caught).toMatchObject({ code: 'STORE_FAILED', file: notADatabase });
  });

  it('close() can be called twice', () => {
    const store = temp.open();
    store.close();
    expect(() => store.close()).not.toThrow();
    expect(store.db.open).toBe(false);
  });
});
