import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../src/store/migrations.js';
import { useTempStores } from './temp-store.js';

const temp = useTempStores();

describe('migrate', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(path.join(temp.dir(), 'm.sqlite'));
  });
  afterEach(() => db.close());

  const tables = (): string[] =>
    db.prepare<[], string>(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all();

  it('applies only the pending migrations and bumps user_version', () => {
    expect(migrate(db, 'm.sqlite', ['CREATE TABLE a (x)'])).toEqual({ from: 0, to: 1 });
    expect(migrate(db, 'm.sqlite', ['CREATE TABLE a (x)', 'CREATE TABLE b (y)'])).toEqual({ from: 1, to: 2 });
    expect(migrate(db, 'm.sqlite', ['CREATE TABLE a (x)', 'CREATE TABLE b (y)'])).toEqual({ from: 2, to: 2 });
    expect(tables()).toEqual(['a', 'b']);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
  });

  it('rolls back every pending migration when one fails', () => {
    expect(() => migrate(db, 'm.sqlite', ['CREATE TABLE a (x)', 'CREATE TABLE oops ('])).toThrow(/syntax error|incomplete input/);
    expect(tables()).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
  });
});

describe('the opaque-id and skipped-status migration', () => {
  it('rebuilds deliveries keeping every row, gives each subscriber an opaque id, and keeps Message-ID keys of old deliveries', () => {
    const file = path.join(temp.dir(), 'old.sqlite');
    const db = new Database(file);
    try {
      migrate(db, file, migrations.slice(0, 3));
      const at = '2026-11-30T08:00:00.000Z';
      db.prepare(`INSERT INTO subscribers (email, created_at, updated_at) VALUES (?, ?, ?)`).run('a@example.com', at, at);
      db.prepare(`INSERT INTO subscribers (email, created_at, updated_at) VALUES (?, ?, ?)`).run('b@example.com', at, at);
      db.prepare(`INSERT INTO issues (id, week_start, week_end, subject, built_at, article_count, html_bytes) VALUES ('2026-W48', ?, ?, 's', ?, 1, 1)`).run(at, at, at);
      db.prepare(
        `INSERT INTO deliveries (issue_id, subscriber_id, status, message_id, attempts, last_code, updated_at, permanent) VALUES ('2026-W48', 1, 'failed', NULL, 2, '451', ?, 0), ('2026-W48', 2, 'sent', '<m>', 1, NULL, ?, 0)`,
      ).run(at, at);

      expect(migrate(db, file)).toEqual({ from: 3, to: migrations.length });
      expect(db.prepare(`SELECT subscriber_id, status, message_id, attempts, last_code, message_key FROM deliveries ORDER BY subscriber_id`).all()).toEqual([
        { subscriber_id: 1, status: 'failed', message_id: null, attempts: 2, last_code: '451', message_key: '1' },
        { subscriber_id: 2, status: 'sent', message_id: '<m>', attempts: 1, last_code: null, message_key: '2' },
      ]);
      const uids = db.prepare<[], string>(`SELECT uid FROM subscribers ORDER BY id`).pluck().all();
      expect(uids).toHaveLength(2);
      expect(uids.every((uid) => /^[0-9a-f]{24}$/.test(uid))).toBe(true);
      expect(new Set(uids).size).toBe(2);

      // New subscribers get one on insert, whoever inserts them.
      db.prepare(`INSERT INTO subscribers (email, created_at, updated_at) VALUES (?, ?, ?)`).run('c@example.com', at, at);
      expect(db.prepare<[], string>(`SELECT uid FROM subscribers WHERE id = 3`).pluck().get()).toMatch(/^[0-9a-f]{24}$/);
      // The rebuilt status check takes 'skipped' and still refuses anything else.
      db.prepare(`UPDATE deliveries SET status = 'skipped' WHERE subscriber_id = 1`).run();
      expect(() => db.prepare(`UPDATE deliveries SET status = 'lost' WHERE subscriber_id = 1`).run()).toThrow(/CHECK constraint/);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});

describe('the pending-status, sections and suppressions migration', () => {
  it('rebuilds subscribers and deliveries from a version-4 database keeping every row, uid, index and foreign key', () => {
    const file = path.join(temp.dir(), 'v4.sqlite');
    const db = new Database(file);
    try {
      db.pragma('foreign_keys = ON');
      migrate(db, file, migrations.slice(0, 4));
      const at = '2026-11-30T08:00:00.000Z';
      db.prepare(`INSERT INTO subscribers (email, name, status, bounce_count, created_at, updated_at, unsubscribed_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run('a@example.com', 'A', 'active', 0, at, at, null);
      db.prepare(`INSERT INTO subscribers (email, name, status, bounce_count, created_at, updated_at, unsubscribed_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run('b@example.com', null, 'unsubscribed', 2, at, at, at);
      db.prepare(`INSERT INTO issues (id, week_start, week_end, subject, built_at, article_count, html_bytes) VALUES ('2026-W48', ?, ?, 's', ?, 1, 1)`).run(at, at, at);
      db.prepare(
        `INSERT INTO deliveries (issue_id, subscriber_id, status, message_id, attempts, updated_at, permanent, message_key) VALUES ('2026-W48', 1, 'sent', '<m1>', 1, ?, 0, NULL), ('2026-W48', 2, 'skipped', NULL, 0, ?, 0, '2')`,
      ).run(at, at);
      const subscribersBefore = db.prepare(`SELECT id, uid, email, name, status, bounce_count, created_at, updated_at, unsubscribed_at FROM subscribers ORDER BY id`).all();
      const deliveriesBefore = db.prepare(`SELECT * FROM deliveries ORDER BY subscriber_id`).all();

      expect(migrate(db, file, migrations.slice(0, 6))).toEqual({ from: 4, to: 6 });
      expect(db.prepare(`SELECT id, uid, email, name, status, bounce_count, created_at, updated_at, unsubscribed_at FROM subscribers ORDER BY id`).all()).toEqual(subscribersBefore);
      expect(db.prepare(`SELECT sections, erased_at FROM subscribers`).all()).toEqual([{ sections: null, erased_at: null }, { sections: null, erased_at: null }]);
      expect(db.prepare(`SELECT * FROM deliveries ORDER BY subscriber_id`).all()).toEqual(deliveriesBefore);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.prepare(`SELECT "table" FROM pragma_foreign_key_list('deliveries') ORDER BY 1`).pluck().all()).toEqual(['issues', 'subscribers']);
      const names = db.prepare<[], string>(`SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all();
      expect(names).toEqual(['deliveries', 'deliveries_issue_status', 'deliveries_sent_at', 'feed_cache', 'issues', 'settings', 'subscribers', 'subscribers_uid', 'subscribers_uid_on_insert', 'suppressions']);

      // 'pending' is a status now; anything else is still refused; new rows still get a uid.
      db.prepare(`INSERT INTO subscribers (email, status, created_at, updated_at) VALUES ('p@example.com', 'pending', ?, ?)`).run(at, at);
      expect(db.prepare<[], string>(`SELECT uid FROM subscribers WHERE email = 'p@example.com'`).pluck().get()).toMatch(/^[0-9a-f]{24}$/);
      expect(() => db.prepare(`UPDATE subscribers SET status = 'lost' WHERE id = 1`).run()).toThrow(/CHECK constraint/);
      // The foreign key still holds: a delivery for no subscriber is refused.
      expect(() => db.prepare(`INSERT INTO deliveries (issue_id, subscriber_id, status, updated_at) VALUES ('2026-W48', 99, 'pending', ?)`).run(at)).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare(`INSERT INTO suppressions (address_hash, reason, created_at) VALUES ('x', 'spam', ?)`).run(at)).toThrow(/CHECK constraint/);
    } finally {
      db.close();
    }
  });

  describe('the sections, pause and movement migration', () => {
    it('adds the columns and the index, backfills the events and logs every later status change', () => {
      const file = path.join(temp.dir(), 'v6.sqlite');
      const db = new Database(file);
      try {
        migrate(db, file, migrations.slice(0, 6));
        const at = '2026-11-02T08:00:00.000Z';
        db.prepare(`INSERT INTO subscribers (email, status, created_at, updated_at, unsubscribed_at) VALUES ('a@example.com', 'active', ?, ?, NULL), ('b@example.com', 'unsubscribed', ?, ?, ?)`).run(at, at, at, at, at);
        expect(migrate(db, file)).toEqual({ from: 6, to: migrations.length });
        expect(db.prepare(`SELECT subscriber_id, kind, at FROM subscriber_events ORDER BY id`).all()).toEqual([
          { subscriber_id: 1, kind: 'new', at },
          { subscriber_id: 2, kind: 'new', at },
          { subscriber_id: 2, kind: 'unsubscribed', at },
        ]);
        expect(db.prepare(`SELECT paused_until FROM subscribers WHERE id = 1`).pluck().get()).toBeNull();
        expect(db.prepare(`SELECT name FROM sqlite_schema WHERE name = 'deliveries_message_id'`).pluck().get()).toBe('deliveries_message_id');

        const later = '2026-11-09T08:00:00.000Z';
        db.prepare(`INSERT INTO subscribers (email, status, created_at, updated_at) VALUES ('p@example.com', 'pending', ?, ?)`).run(later, later);
        const change = db.prepare<[string, string, string]>(`UPDATE subscribers SET status = ?, updated_at = ? WHERE email = ?`);
        change.run('active', later, 'p@example.com');
        change.run('active', later, 'p@example.com'); // no change: no event
        change.run('bounced', later, 'a@example.com');
        change.run('active', later, 'b@example.com');
        change.run('pending', later, 'a@example.com'); // a re-sign-up waiting for confirmation: no event yet
        expect(db.prepare(`SELECT subscriber_id, kind FROM subscriber_events WHERE at = ? ORDER BY id`).all(later)).toEqual([
          { subscriber_id: 3, kind: 'new' },
          { subscriber_id: 3, kind: 'confirmed' },
          { subscriber_id: 1, kind: 'bounced' },
          { subscriber_id: 2, kind: 'resubscribed' },
        ]);
      } finally {
        db.close();
      }
    });
  });
});
