import type { Config } from '../config/schema.js';
import type { Store } from '../store/db.js';
import { isPaused, preferencesOf, setPausedUntil, setSections, type Preferences } from '../store/preferences.js';
import { setSubscriberStatus } from '../store/subscribers.js';
import type { Subscriber } from '../types.js';
import { escapeHtml } from '../util/html.js';
import { HttpError } from './http.js';
import { page } from './pages.js';

/** Pauses the page offers, in weeks; a request may ask for any whole number up to {@link MAX_PAUSE_WEEKS}. */
export const PAUSE_CHOICES = [1, 2, 4, 8, 12] as const;
export const MAX_PAUSE_WEEKS = 52;
const WEEK_MS = 7 * 86_400_000;

/** One change asked of the preference centre. */
export type PreferencesRequest =
  | { action: 'save'; sections: string[] }
  | { action: 'pause'; weeks: number }
  | { action: 'resume' }
  | { action: 'unsubscribe' };

/** What was done, for the answer. */
export type PreferencesChange = PreferencesRequest['action'];

const refuse = (message: string) => new HttpError(400, 'Not saved', message);

/** The fields of a form or JSON body: every value of a key, as strings. */
function fieldsOf(body: string, contentType: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  const add = (key: string, value: unknown) => {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') throw refuse(`"${key}" must be text or a list of text.`);
      fields.set(key, [...(fields.get(key) ?? []), String(item)]);
    }
  };
  if (/^application\/json/i.test(contentType)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw refuse('The body is not valid JSON.');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw refuse('The body must be a JSON object.');
    for (const [key, value] of Object.entries(parsed)) add(key, value);
    return fields;
  }
  for (const [key, value] of new URLSearchParams(body)) add(key, value);
  return fields;
}

/**
 * Reads a POST to the preference centre. One form has several buttons, so
 * `action` (save, pause, resume, unsubscribe) says which was pressed; without
 * it, a `pause`, `resume` or `unsubscribe` field names the change, and
 * anything else saves `sections`.
 */
export function parsePreferences(body: string, contentType: string): PreferencesRequest {
  const fields = fieldsOf(body, contentType);
  const first = (key: string) => fields.get(key)?.[0];
  const action = first('action') ?? (fields.has('unsubscribe') ? 'unsubscribe' : fields.has('pause') ? 'pause' : fields.has('resume') ? 'resume' : 'save');
  switch (action) {
    case 'save':
      return { action, sections: fields.get('sections') ?? [] };
    case 'pause': {
      const raw = first('weeks') ?? first('pause') ?? '';
      const weeks = Number(raw);
      if (!/^\d+$/.test(raw.trim()) || weeks < 1 || weeks > MAX_PAUSE_WEEKS) throw refuse(`Pause for a whole number of weeks from 1 to ${MAX_PAUSE_WEEKS}.`);
      return { action, weeks };
    }
    case 'resume':
    case 'unsubscribe':
      return { action };
    default:
      throw refuse(`Unknown action "${action}": use save, pause, resume or unsubscribe.`);
  }
}

/**
 * The sections to store for a choice: known names only, in config order;
 * every section chosen is stored as `null` (all), so sections added later
 * reach them too.
 */
export function sectionsToStore(config: Config, requested: readonly string[]): string[] | null {
  const known = config.sections ?? [];
  if (known.length === 0) throw refuse('This newsletter has no sections to choose from.');
  const names = new Set(requested.map((name) => name.trim()).filter(Boolean));
  const unknown = [...names].filter((name) => !known.includes(name));
  if (unknown.length > 0) throw refuse(`Unknown section ${unknown.map((name) => `"${name}"`).join(', ')}; choose from ${known.join(', ')}.`);
  if (names.size === 0) throw refuse('Choose at least one section, or unsubscribe.');
  const chosen = known.filter((name) => names.has(name));
  return chosen.length === known.length ? null : chosen;
}

/** Applies a change to one subscriber's preferences. */
export function applyPreferences(config: Config, store: Store, subscriber: Subscriber, request: PreferencesRequest, now: Date): void {
  switch (request.action) {
    case 'save':
      setSections(store, subscriber.id, sectionsToStore(config, request.sections), now);
      return;
    case 'pause':
      setPausedUntil(store, subscriber.id, new Date(now.getTime() + request.weeks * WEEK_MS), now);
      return;
    case 'resume':
      setPausedUntil(store, subscriber.id, null, now);
      return;
    case 'unsubscribe':
      if (subscriber.status !== 'unsubscribed') setSubscriberStatus(store, subscriber.id, 'unsubscribed', now);
  }
}

/** The stored preferences of a subscriber a valid token named (always there). */
export function currentPreferences(store: Store, subscriber: Subscriber): Preferences {
  return preferencesOf(store, subscriber.id) ?? { sections: null, pausedUntil: null };
}

const SAVED: Record<PreferencesChange, string> = {
  save: 'Your sections are saved.',
  pause: 'Your subscription is paused.',
  resume: 'Your subscription is resumed.',
  unsubscribe: 'You are unsubscribed.',
};

/** The preference centre: sections (when the newsletter has any), a pause, and unsubscribe. */
export function preferencesPage(
  config: Config,
  subscriber: Subscriber,
  preferences: Preferences,
  now: Date,
  saved?: PreferencesChange,
): string {
  const newsletter = config.newsletter.name;
  const known = config.sections ?? [];
  const chosen = new Set(preferences.sections ?? known);
  const status =
    subscriber.status === 'unsubscribed'
      ? `<p><strong>${escapeHtml(subscriber.email)} is unsubscribed.</strong> Sign up again on the newsletter's site to receive it.</p>`
      : isPaused(preferences.pausedUntil, now)
        ? `<p><strong>Paused until ${escapeHtml((preferences.pausedUntil ?? '').slice(0, 10))}.</strong></p>
<form method="post"><button type="submit" name="action" value="resume">Resume now</button></form>`
        : '';
  const sections = known.length
    ? `<form method="post"><h2>Sections</h2><p>Your copy holds only the sections you choose; articles without a section reach everyone.</p>
${known.map((name) => `<label><input type="checkbox" name="sections" value="${escapeHtml(name)}"${chosen.has(name) ? ' checked' : ''}> ${escapeHtml(name)}</label><br>`).join('\n')}
<p><button type="submit" name="action" value="save">Save sections</button></p></form>`
    : '';
  const pause = `<form method="post"><h2>Take a break</h2><p><label>Pause for <select name="weeks">${PAUSE_CHOICES.map((weeks) => `<option value="${weeks}">${weeks} week${weeks === 1 ? '' : 's'}</option>`).join('')}</select></label>
<button type="submit" name="action" value="pause">Pause</button></p></form>`;
  const unsubscribe = subscriber.status === 'unsubscribed' ? '' : `<form method="post"><h2>Leave</h2><p><button type="submit" name="action" value="unsubscribe">Unsubscribe</button></p></form>`;
  return page(
    `${newsletter}: your preferences`,
    `<h1>Your ${escapeHtml(newsletter)} preferences</h1>${saved ? `<p role="status">${SAVED[saved]}</p>` : ''}
<p>For ${escapeHtml(subscriber.email)}.</p>${status}${sections}${pause}${unsubscribe}`,
  );
}
