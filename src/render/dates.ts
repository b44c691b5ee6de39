import { TZDate } from '@date-fns/tz';
import { format, type Locale } from 'date-fns';
import { dateLocaleOf as dateLocaleOfTag } from '../util/date-locale.js';

/**
 * The date-fns locale of a BCP 47 tag ("pt-BR" → ptBR, then "pt"); English
 * (US) when date-fns has none. Only that locale is loaded.
 */
export function dateLocaleOf(language: string): Locale {
  return dateLocaleOfTag(language).locale;
}

/** A date as the email labels it, in the time zone, e.g. "Tue, Nov 24" (`pattern` from the locale file). */
export function dateLabel(date: Date, timeZone: string, pattern: string, locale: Locale): string {
  return format(new TZDate(date, timeZone), pattern, { locale });
}
