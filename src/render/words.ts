import fs from 'node:fs';
import path from 'node:path';
import { DigestError, ErrorCodes } from '../errors.js';
import { displayPath, PACKAGE_ROOT } from '../util/paths.js';

/** The template's fixed words for one language: flat keys, `{name}` placeholders. */
export type Words = Readonly<Record<string, string>>;

/** Every `locales/<language>.json` of a templates folder. */
export interface Locales {
  /** By lower-case language tag, e.g. "en", "de", "pt-br". */
  byTag: ReadonlyMap<string, Words>;
  /** The files read (for watching). */
  files: string[];
}

const FALLBACK = 'en';
const BUNDLED_LOCALES = path.join(PACKAGE_ROOT, 'templates', 'locales');

/** Right-to-left scripts' languages, for runtimes without `Intl.Locale` text info. */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'ha', 'he', 'iw', 'khw', 'ks', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

/**
 * Reads `locales/*.json` of a templates folder. A folder without English
 * (a custom templates folder that predates locales) borrows the bundled
 * English, so every key always has a word.
 */
export function loadLocales(templatesDir: string): Locales {
  const byTag = new Map<string, Words>();
  const files: string[] = [];
  const dir = path.join(templatesDir, 'locales');
  if (fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir).sort()) {
      if (!name.endsWith('.json')) continue;
      const file = path.join(dir, name);
      files.push(file);
      byTag.set(name.slice(0, -'.json'.length).toLowerCase(), readWords(file));
    }
  }
  if (!byTag.has(FALLBACK)) {
    const file = path.join(BUNDLED_LOCALES, `${FALLBACK}.json`);
    byTag.set(FALLBACK, readWords(file));
  }
  return { byTag, files };
}

function readWords(file: string): Words {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DigestError(ErrorCodes.TEMPLATE_INVALID, `invalid locale file: ${(error as Error).message}`, {
      file: displayPath(file),
      hint: 'a locale file is one JSON object of words, e.g. { "unsubscribe": "Unsubscribe" }',
      cause: error,
    });
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new DigestError(ErrorCodes.TEMPLATE_INVALID, 'invalid locale file: not a JSON object', {
      file: displayPath(file),
      hint: 'a locale file is one JSON object of words, e.g. { "unsubscribe": "Unsubscribe" }',
    });
  }
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string') {
      throw new DigestError(ErrorCodes.TEMPLATE_INVALID, `invalid locale file: "${key}" is not a string`, {
        file: displayPath(file),
        hint: 'every value of a locale file is a string of words',
      });
    }
  }
  return data as Words;
}

/**
 * The words for a BCP 47 language: English, overlaid by the base language
 * ("pt"), overlaid by the exact tag ("pt-BR"). A key missing from a
 * translation falls back to English.
 */
export function wordsFor(locales: Locales, language: string): Words {
  const tag = language.toLowerCase();
  const base = tag.split('-')[0] ?? tag;
  return {
    ...locales.byTag.get(FALLBACK),
    ...(base !== FALLBACK ? locales.byTag.get(base) : undefined),
    ...(tag !== base ? locales.byTag.get(tag) : undefined),
  };
}

/** Replaces `{name}` placeholders; an unknown placeholder stays as written. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/**
 * The plural form of `base` for `count`: `<base>One`, `<base>Two`, `<base>Few`…
 * by the language's plural rules, falling back to `<base>Other`.
 */
export function plural(words: Words, base: string, count: number, language: string): string {
  const category = new Intl.PluralRules(language).select(count);
  const key = `${base}${category.charAt(0).toUpperCase()}${category.slice(1)}`;
  const word = words[key] ?? words[`${base}Other`];
  if (word === undefined) throw new Error(`no word "${base}Other" in the locale files`);
  return fill(word, { count });
}

/** Whether a language is written right to left (Arabic, Hebrew, Persian, Urdu…). */
export function isRightToLeft(language: string): boolean {
  try {
    const locale = new Intl.Locale(language) as Intl.Locale & {
      textInfo?: { direction?: string };
      getTextInfo?: () => { direction?: string };
    };
    const info = locale.getTextInfo?.() ?? locale.textInfo;
    if (info?.direction) return info.direction === 'rtl';
  } catch {
    // An invalid tag was rejected by the config schema; the list below answers for the rest.
  }
  return RTL_LANGUAGES.has((language.split('-')[0] ?? language).toLowerCase());
}
