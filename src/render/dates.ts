import { TZDate } from '@date-fns/tz';
import { format, type Locale } from 'date-fns';
import * as locales from 'date-fns/locale';

const BY_NAME = locales as unknown as Record<string, Locale | undefined>;

/**
 * The date-fns locale of a BCP 47 tag: "pt-BR" → ptBR, then its language
 * ("pt"), then the language's first regional locale ("en" → enUS, for
 * languages date-fns only ships by region); English (US) when none is known.
 */
export function dateLocaleOf(language: string): Locale {
  const [base = 'en', region] = language.split('-');
  const lower = base.toLowerCase();
  const exact = region ? BY_NAME[`${lower}${region.toUpperCase()}`] : undefined;
  const regional = Object.keys(BY_NAME)
    .filter((name) => name.startsWith(lower) && /^[A-Z]/.test(name.slice(lower.length)))
    .sort((a, b) => (a === `${lower}US` ? -1 : b === `${lower}US` ? 1 : a.localeCompare(b)))[0];
  return exact ?? BY_NAME[lower] ?? (regional ? BY_NAME[regional] : undefined) ?? locales.enUS;
}

/** A date as the email labels it, in the time zone, e.g. "Tue, Nov 24" (`pattern` from the locale file). */
export function dateLabel(date: Date, timeZone: string, pattern: string, locale: Locale): string {
  return format(new TZDate(date, timeZone), pattern, { locale });
}
