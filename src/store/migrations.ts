import type { Database } from 'better-sqlite3';
import { DigestError, ErrorCodes } from '../errors.js';

/**
 * Every schema change, in order. Migration `i` moves the database from
 * `user_version` i to i + 1. Append only: never edit a migration that has
 * shipped, add a new one.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE subscribers (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'unsubscribed', 'bounced')),
    bounce_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    unsubscribed_at TEXT
  );

  CREATE TABLE issues (
    id TEXT PRIMARY KEY, -- YYYY-Www
    week_start TEXT NOT NULL,
    week_end TEXT NOT NULL,
    subject TEXT NOT NULL,
    built_at TEXT NOT NULL,
    article_count INTEGER NOT NULL,
    html_bytes INTEGER NOT NULL,
    report TEXT -- JSON of the last send report
  );

  CREATE TABLE deliveries (
    issue_id TEXT NOT NULL REFERENCES issues (id),
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    message_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_code TEXT,
    last_response TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (issue_id, subscriber_id)
  );

  CREATE INDEX deliveries_issue_status ON deliveries (issue_id, status);
  `,
  `
  -- 1 when a failure is permanent (a 5xx answer); temporary failures are retried by a rerun.
  ALTER TABLE deliveries ADD COLUMN permanent INTEGER NOT NULL DEFAULT 0;
  -- The daily cap counts messages sent since local midnight, over all issues.
  CREATE INDEX deliveries_sent_at ON deliveries (updated_at) WHERE status = 'sent';
  `,
  `
  -- Last response of each feed, for conditional requests (ETag / Last-Modified).
  CREATE TABLE feed_cache (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    content_type TEXT,
    body BLOB NOT NULL,
    fetched_at TEXT NOT NULL
  );
  `,
  `
  -- Opaque per-subscriber id for unsubscribe tokens and Message-IDs, instead of the row id.
  ALTER TABLE subscribers ADD COLUMN uid TEXT;
  UPDATE subscribers SET uid = lower(hex(randomblob(12)));
  CREATE UNIQUE INDEX subscribers_uid ON subscribers (uid);
  CREATE TRIGGER subscribers_uid_on_insert AFTER INSERT ON subscribers WHEN NEW.uid IS NULL
  BEGIN
    UPDATE subscribers SET uid = lower(hex(randomblob(12))) WHERE id = NEW.id;
  END;

  -- Values fixed at first use, e.g. the list id unsubscribe tokens are bound to.
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  -- Rebuilt for the 'skipped' status (a subscriber who left after the audience was fixed) and
  -- message_key: the id in the Message-ID, the row id for deliveries recorded before opaque ids
  -- so a resumed issue keeps the Message-IDs it started with (NULL: the subscriber's uid).
  CREATE TABLE deliveries_next (
    issue_id TEXT NOT NULL REFERENCES issues (id),
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
    message_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_code TEXT,
    last_response TEXT,
    updated_at TEXT NOT NULL,
    permanent INTEGER NOT NULL DEFAULT 0,
    message_key TEXT,
    PRIMARY KEY (issue_id, subscriber_id)
  );
  INSERT INTO deliveries_next
         (issue_id, subscriber_id, status, message_id, attempts, last_code, last_response, updated_at, permanent, message_key)
  SELECT issue_id, subscriber_id, status, message_id, attempts, last_code, last_response, updated_at, permanent,
         CAST(subscriber_id AS TEXT)
    FROM deliveries;
  DROP TABLE deliveries;
  ALTER TABLE deliveries_next RENAME TO deliveries;
  CREATE INDEX deliveries_issue_status ON deliveries (issue_id, status);
  CREATE INDEX deliveries_sent_at ON deliveries (updated_at) WHERE status = 'sent';
  `,
  `
  -- Rebuilt for the 'pending' status (signed up, not yet confirmed: never in an issue's audience),
  -- sections (a JSON array of section names; NULL: all sections) and erased_at (set when the
  -- person's data was removed but deliveries still reference the row, kept as a nameless stub).
  -- deliveries references subscribers, so it is rebuilt too: with foreign keys on, a table that
  -- is still referenced cannot be dropped, and the pragma cannot change inside a transaction.
  CREATE TABLE subscribers_next (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active', 'unsubscribed', 'bounced')),
    bounce_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    unsubscribed_at TEXT,
    uid TEXT,
    sections TEXT,
    erased_at TEXT
  );
  INSERT INTO subscribers_next (id, email, name, status, bounce_count, created_at, updated_at, unsubscribed_at, uid)
  SELECT id, email, name, status, bounce_count, created_at, updated_at, unsubscribed_at, uid FROM subscribers;

  CREATE TABLE deliveries_next (
    issue_id TEXT NOT NULL REFERENCES issues (id),
    subscriber_id INTEGER NOT NULL REFERENCES subscribers_next (id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
    message_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_code TEXT,
    last_response TEXT,
    updated_at TEXT NOT NULL,
    permanent INTEGER NOT NULL DEFAULT 0,
    message_key TEXT,
    PRIMARY KEY (issue_id, subscriber_id)
  );
  INSERT INTO deliveries_next SELECT issue_id, subscriber_id, status, message_id, attempts, last_code, last_response,
         updated_at, permanent, message_key FROM deliveries;

  DROP TABLE deliveries;
  DROP TABLE subscribers;
  -- Renaming also points deliveries_next's foreign key at the new name.
  ALTER TABLE subscribers_next RENAME TO subscribers;
  ALTER TABLE deliveries_next RENAME TO deliveries;
  CREATE UNIQUE INDEX subscribers_uid ON subscribers (uid);
  CREATE TRIGGER subscribers_uid_on_insert AFTER INSERT ON subscribers WHEN NEW.uid IS NULL
  BEGIN
    UPDATE subscribers SET uid = lower(hex(randomblob(12))) WHERE id = NEW.id;
  END;
  CREATE INDEX deliveries_issue_status ON deliveries (issue_id, status);
  CREATE INDEX deliveries_sent_at ON deliveries (updated_at) WHERE status = 'sent';

  -- Addresses that must not be re-activated, by sha256 of the lower-cased address (hex), so a
  -- forgotten address leaves no readable trace.
  CREATE TABLE suppressions (
    address_hash TEXT NOT NULL UNIQUE,
    reason TEXT NOT NULL CHECK (reason IN ('complaint', 'hard-bounce', 'forgotten')),
    created_at TEXT NOT NULL
  );
  `,
  // 6: when a sign-up confirmation was last mailed to a subscriber (at most one an hour).
  `
  ALTER TABLE subscribers ADD COLUMN confirm_sent_at TEXT;
  `,
  // 7: per-section copies, pauses, bounce lookups by Message-ID, and the list's movement.
  `
  -- The sections of the copy a delivery gets (a JSON array, sorted), fixed with the audience so a
  -- resumed send repeats the copy it started with; NULL: every section.
  ALTER TABLE deliveries ADD COLUMN sections_key TEXT;
  -- A paused subscriber stays active but is left out of every issue's audience until then.
  ALTER TABLE subscribers ADD COLUMN paused_until TEXT;
  CREATE INDEX deliveries_message_id ON deliveries (message_id) WHERE message_id IS NOT NULL;

  -- What happened to the list, one row per change, for the weekly movement of \`digest report\`.
  -- No foreign key: a forgotten subscriber's row is deleted, its anonymous events stay counted.
  CREATE TABLE subscriber_events (
    id INTEGER PRIMARY KEY,
    subscriber_id INTEGER,
    kind TEXT NOT NULL CHECK (kind IN ('new', 'confirmed', 'resubscribed', 'unsubscribed', 'bounced', 'complained')),
    at TEXT NOT NULL
  );
  CREATE INDEX subscriber_events_at ON subscriber_events (at);
  INSERT INTO subscriber_events (subscriber_id, kind, at) SELECT id, 'new', created_at FROM subscribers;
  INSERT INTO subscriber_events (subscriber_id, kind, at)
    SELECT id, 'unsubscribed', unsubscribed_at FROM subscribers WHERE status = 'unsubscribed' AND unsubscribed_at IS NOT NULL;
  -- Triggers, so that every writer of subscribers (import, sign-up, unsubscribe, bounces, the
  -- ledger's own bounce count) is logged without each having to remember to.
  CREATE TRIGGER subscriber_events_on_insert AFTER INSERT ON subscribers
  BEGIN
    INSERT INTO subscriber_events (subscriber_id, kind, at) VALUES (NEW.id, 'new', NEW.created_at);
  END;
  CREATE TRIGGER subscriber_events_on_status AFTER UPDATE OF status ON subscribers
    WHEN NEW.status <> OLD.status AND NEW.status <> 'pending'
  BEGIN
    INSERT INTO subscriber_events (subscriber_id, kind, at) VALUES (
      NEW.id,
      CASE
        WHEN NEW.status = 'active' AND OLD.status = 'pending' THEN 'confirmed'
        WHEN NEW.status = 'active' THEN 'resubscribed'
        ELSE NEW.status
      END,
      NEW.updated_at
    );
  END;
  `,
];

/** What {@link migrate} did: the schema version before and after. */
export interface MigrationResult {
  from: number;
  to: number;
}

function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to date. All pending migrations run in one
 * transaction, so a failure leaves the database at its previous version.
 * `list` is only overridden by tests.
 */
export function migrate(db: Database, file: string = db.name, list: readonly string[] = migrations): MigrationResult {
  // IMMEDIATE takes the write lock before reading the version, so two
  // processes opening a fresh file at once cannot both apply migration 0.
  return db
    .transaction((): MigrationResult => {
      const from = userVersion(db);
      if (from > list.length) {
        throw new DigestError(
          ErrorCodes.STORE_FAILED,
          `the database is at schema version ${from}, newer than this version of the tool knows (${list.length})`,
          { file, hint: 'upgrade newsletter-digest, or point dataDir at another directory' },
        );
      }
      for (let version = from; version < list.length; version++) {
        db.exec(list[version] ?? '');
        db.pragma(`user_version = ${version + 1}`);
      }
      return { from, to: list.length };
    })
    .immediate();
}
