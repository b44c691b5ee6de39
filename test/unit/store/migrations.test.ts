import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/store/migrations.js';
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
