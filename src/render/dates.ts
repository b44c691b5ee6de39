import { TZDate } from '@date-fns/tz';
import { format, type Locale } from 'date-fns';

/** A date as the email labels it, in the time zone, e.g. "Tue, Nov 24" (`pattern` from the locale file). */
export function dateLabel(date: Date, timeZone: string, pattern: string, locale: Locale): string {
  return format(new TZDate(date, timeZone), pattern, { locale });
}
