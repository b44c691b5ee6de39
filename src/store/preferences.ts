import { statementCache, type Store } from './db.js';

/** What a subscriber chose in the preference centre. */
export interface Preferences {
  /** The sections they read; `null`: all of them, including sections added later. */
  sections: string[] | null;
  /** Left out of every issue until then (ISO time); `null`: not paused. */
  pausedUntil: string | null;
}

const statements = statementCache((db) => ({
  get: db.prepare<[number], { sections: string | null; paused_until: string | null }>(
    `SELECT sections, paused_until FROM subscribers WHERE id = ?`,
  ),
  setSections: db.prepare<{ id: number; sections: string | null; now: string }>(
    `UPDATE subscribers SET sections = :sections, updated_at = :now WHERE id = :id`,
  ),
  setPause: db.prepare<{ id: number; until: string | null; now: string }>(
    `UPDATE subscribers SET paused_until = :until, updated_at = :now WHERE id = :id`,
  ),
}));

/** A subscriber's stored preferences; undefined for an unknown id. */
export function preferencesOf(store: Store, id: number): Preferences | undefined {
  const row = statements(store).get.get(id);
  if (!row) return undefined;
  return { sections: row.sections === null ? null : (JSON.parse(row.sections) as string[]), pausedUntil: row.paused_until };
}

/** Stores the sections a subscriber reads (`null`: all). */
export function setSections(store: Store, id: number, sections: readonly string[] | null, now: Date): void {
  statements(store).setSections.run({ id, sections: sections === null ? null : JSON.stringify(sections), now: now.toISOString() });
}

/** Pauses a subscriber until `until` (`null` resumes at once). */
export function setPausedUntil(store: Store, id: number, until: Date | null, now: Date): void {
  statements(store).setPause.run({ id, until: until ? until.toISOString() : null, now: now.toISOString() });
}

/** Whether a pause stored as `pausedUntil` still holds at `now`. */
export function isPaused(pausedUntil: string | null | undefined, now: Date): boolean {
  return Boolean(pausedUntil) && Date.parse(pausedUntil as string) > now.getTime();
}
