import { statementCache, type Store } from './db.js';

const statements = statementCache((db) => ({
  get: db.prepare<[string], string>(`SELECT value FROM settings WHERE key = ?`).pluck(),
  insert: db.prepare<[string, string]>(`INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)`),
}));

/** A stored setting, or `undefined`. */
export function getSetting(store: Store, key: string): string | undefined {
  return statements(store).get.get(key);
}

/**
 * The setting's stored value; when there is none yet, stores `value` first.
 * The first writer wins, so every later run (and every process) reads the
 * value fixed at first use.
 */
export function settleSetting(store: Store, key: string, value: string): string {
  const s = statements(store);
  s.insert.run(key, value);
  return s.get.get(key) ?? value;
}

const LIST_ID = 'list-id';

/**
 * The list id unsubscribe tokens are bound to: the one stored at first use,
 * or `proposed` (stored now) when none is.
 */
export function settleListId(store: Store, proposed: string): string {
  return settleSetting(store, LIST_ID, proposed);
}
