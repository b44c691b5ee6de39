/**
 * Dates as subscribers read them, in the newsletter's language: a BCP 47 tag
 * (`newsletter.language`) mapped to a date-fns locale, and the week's range
 * of days in it.
 */
import { createRequire } from 'node:module';
import { TZDate } from '@date-fns/tz';
import { format, type Locale } from 'date-fns';

// date-fns ships each locale as its own CommonJS file too: requiring the one the
// newsletter uses keeps this synchronous without loading all ~95 (≈300 ms).
const require = createRequire(import.meta.url);

/** The date-fns locale names (`de`, `pt-BR`, `sr-Latn`…), from the package's own export map. */
const AVAILABLE: ReadonlySet<string> = new Set(
  Object.keys((require('date-fns/package.json') as { exports: Record<string, unknown> }).exports)
    .filter((key) => key.startsWith('./locale/') && !key.slice('./locale/'.length).includes('/'))
    .map((key) => key.slice('./locale/'.length)),
);

/** Where a language has no locale of its own, the one its speakers read most. */
const DEFAULT_REGION: Record<string, string> = { en: 'en-US', zh: 'zh-CN', fa: 'fa-IR' };

/** The date locale chosen for a language tag. */
export interface DateLocale {
  /** The tag as configured. */
  tag: string;
  locale: Locale;
  /** False when date-fns has no locale for the language and English (en-US) is used instead. */
  matched: boolean;
}

const cache = new Map<string, DateLocale>();

/**
 * The date-fns locale of a BCP 47 tag: the most specific one date-fns has
 * (`pt-BR`, then `pt`), `en` → `en-US`, `zh-Hant` → `zh-TW`; a language
 * date-fns does not know falls back to en-US with `matched: false`.
 */
export function dateLocaleOf(tag: string): DateLocale {
  const cached = cache.get(tag);
  if (cached) return cached;
  const name = candidatesOf(tag).find((candidate) => AVAILABLE.has(candidate));
  const result: DateLocale = { tag, locale: loadLocale(name ?? 'en-US'), matched: name !== undefined };
  cache.set(tag, result);
  return result;
}

function candidatesOf(tag: string): string[] {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag);
  } catch {
    // The config schema rejects tags Intl cannot read; a caller passing one anyway gets English.
    return [];
  }
  const { language, script, region } = locale;
  const names = [locale.baseName];
  if (region) names.push(`${language}-${region}`);
  if (script) names.push(`${language}-${script}`);
  if (language === 'zh' && (script === 'Hant' || region === 'HK' || region === 'MO')) names.push(region === 'HK' ? 'zh-HK' : 'zh-TW');
  names.push(language);
  const fallback = DEFAULT_REGION[language];
  if (fallback) names.push(fallback);
  return names;
}

function loadLocale(name: string): Locale {
  const module = require(`date-fns/locale/${name}`) as Record<string, unknown>;
  const locale = Object.values(module).find((value): value is Locale => typeof value === 'object' && value !== null && 'code' in value);
  if (!locale) throw new Error(`date-fns/locale/${name} exports no locale`);
  return locale;
}

/** Formats for a day range: [first, last] when they share the month, when they share the year, and otherwise. */
interface RangePatterns {
  sameMonth: [string, string];
  sameYear: [string, string];
  full: string;
  /** Between the two days of one month: day-first languages close it up ("23.–29."). */
  sameMonthDash: string;
}

const rangeCache = new WeakMap<Locale, RangePatterns>();
/** A medium date that starts with the day, then the short month: `d MMM y`, `do MMM y`, `d. MMM y`, `d 'de' MMM 'de' y`. */
const DAY_FIRST = /^(do|d\.?)((?: 'de')?) MMM\b/;

/**
 * Range shapes derived from the locale's medium date: month first
 * ("Nov 23 – 29, 2026"), day first ("23 – 29 nov. 2026", "23. – 29. Nov.
 * 2026"); any other shape (year first, numeric) repeats the whole date on
 * both sides, which reads right in every language.
 */
function rangePatternsOf(locale: Locale): RangePatterns {
  const cached = rangeCache.get(locale);
  if (cached) return cached;
  const medium = locale.formatLong?.date({ width: 'medium' }) ?? 'PP';
  let patterns: RangePatterns = { sameMonth: [medium, medium], sameYear: [medium, medium], full: medium, sameMonthDash: ' – ' };
  const monthFirst = /^MMM d, (y+)$/.exec(medium);
  const dayFirst = DAY_FIRST.exec(medium);
  if (monthFirst) {
    patterns = { sameMonth: ['MMM d', `d, ${monthFirst[1] ?? 'y'}`], sameYear: ['MMM d', medium], full: medium, sameMonthDash: ' – ' };
  } else if (dayFirst) {
    const day = dayFirst[1] ?? 'd';
    patterns = { sameMonth: [day, medium], sameYear: [`${day}${dayFirst[2] ?? ''} MMM`, medium], full: medium, sameMonthDash: '–' };
  }
  rangeCache.set(locale, patterns);
  return patterns;
}

/**
 * A range of days as seen in `timeZone`, in `locale` (default en-US):
 * `Nov 23 – 29, 2026`, `Nov 30 – Dec 6, 2026`, `Dec 28, 2026 – Jan 3, 2027`;
 * in German `23. – 29. Nov. 2026`, in French `23 – 29 nov. 2026`.
 */
export function formatDayRange(first: Date, last: Date, timeZone: string, locale: Locale = dateLocaleOf('en').locale): string {
  const from = new TZDate(first, timeZone);
  const to = new TZDate(last, timeZone);
  const patterns = rangePatternsOf(locale);
  if (from.getFullYear() !== to.getFullYear()) return `${format(from, patterns.full, { locale })} – ${format(to, patterns.full, { locale })}`;
  if (from.getMonth() !== to.getMonth()) {
    return `${format(from, patterns.sameYear[0], { locale })} – ${format(to, patterns.sameYear[1], { locale })}`;
  }
  return `${format(from, patterns.sameMonth[0], { locale })}${patterns.sameMonthDash}${format(to, patterns.sameMonth[1], { locale })}`;
}
