import { describe, expect, it } from 'vitest';
import { dateLocaleOf, formatDayRange } from '../../../src/util/date-locale.js';
import { formatWeekRange, weekWindow } from '../../../src/util/week.js';

describe('dateLocaleOf', () => {
  it.each([
    ['en', 'en-US', true],
    ['en-US', 'en-US', true],
    ['en-GB', 'en-GB', true],
    ['de', 'de', true],
    ['de-CH', 'de', true],
    ['de-AT', 'de-AT', true],
    ['fr', 'fr', true],
    ['fr-CA', 'fr-CA', true],
    ['es', 'es', true],
    ['es-MX', 'es', true],
    ['pt-BR', 'pt-BR', true],
    ['pt', 'pt', true],
    ['zh', 'zh-CN', true],
    ['zh-Hant', 'zh-TW', true],
    ['zh-HK', 'zh-HK', true],
    ['sr-Latn', 'sr-Latn', true],
    ['ar', 'ar', true],
    ['he', 'he', true],
    ['EN-gb', 'en-GB', true],
    ['tlh', 'en-US', false],
    ['xx-YY', 'en-US', false],
  ])('%s → date-fns %s (matched: %s)', (tag, code, matched) => {
    const chosen = dateLocaleOf(tag);
    expect(chosen.locale.code).toBe(code);
    expect(chosen.matched).toBe(matched);
    expect(chosen.tag).toBe(tag);
  });
});

describe('formatWeekRange in a language', () => {
  // Weeks in one month, across two months, across two years.
  const weeks = ['2026-W48', '2026-W49', '2026-W53'];
  it.each([
    ['en', ['Nov 23 – 29, 2026', 'Nov 30 – Dec 6, 2026', 'Dec 28, 2026 – Jan 3, 2027']],
    ['en-GB', ['23–29 Nov 2026', '30 Nov – 6 Dec 2026', '28 Dec 2026 – 3 Jan 2027']],
    ['de', ['23.–29. Nov. 2026', '30. Nov. – 6. Dez. 2026', '28. Dez. 2026 – 3. Jan. 2027']],
    ['fr', ['23–29 nov. 2026', '30 nov. – 6 déc. 2026', '28 déc. 2026 – 3 janv. 2027']],
    ['es', ['23–29 nov 2026', '30 nov – 6 dic 2026', '28 dic 2026 – 3 ene 2027']],
    ['it', ['23–29 nov 2026', '30 nov – 6 dic 2026', '28 dic 2026 – 3 gen 2027']],
    ['pt', ['23–29 de nov de 2026', '30 de nov – 6 de dez de 2026', '28 de dez de 2026 – 3 de jan de 2027']],
    ['ru', ['23–29 нояб. 2026 г.', '30 нояб. – 6 дек. 2026 г.', '28 дек. 2026 г. – 3 янв. 2027 г.']],
    // Year-first and numeric medium dates repeat the whole date on both sides.
    ['ja', ['2026/11/23 – 2026/11/29', '2026/11/30 – 2026/12/06', '2026/12/28 – 2027/01/03']],
    ['hu', ['2026. nov. 23. – 2026. nov. 29.', '2026. nov. 30. – 2026. dec. 6.', '2026. dec. 28. – 2027. jan. 3.']],
    ['xx', ['Nov 23 – 29, 2026', 'Nov 30 – Dec 6, 2026', 'Dec 28, 2026 – Jan 3, 2027']],
  ])('%s', (tag, expected) => {
    const { locale } = dateLocaleOf(tag);
    expect(weeks.map((id) => formatWeekRange(weekWindow(id, 'Europe/Berlin'), 'Europe/Berlin', locale))).toEqual(expected);
  });

  it('without a locale, and with en, is English as before', () => {
    for (const id of ['2026-W01', '2026-W13', '2026-W44', '2026-W48', '2026-W53']) {
      const week = weekWindow(id, 'America/New_York');
      expect(formatWeekRange(week, 'America/New_York', dateLocaleOf('en').locale)).toBe(formatWeekRange(week, 'America/New_York'));
    }
  });

  it('reads the days in the time zone given, not the machine one', () => {
    // 23:30 UTC on Sunday is already Monday in Berlin.
    expect(formatDayRange(new Date('2026-11-22T23:30:00Z'), new Date('2026-11-28T23:30:00Z'), 'Europe/Berlin', dateLocaleOf('de').locale)).toBe('23.–29. Nov. 2026');
    expect(formatDayRange(new Date('2026-11-22T23:30:00Z'), new Date('2026-11-28T23:30:00Z'), 'UTC', dateLocaleOf('de').locale)).toBe('22.–28. Nov. 2026');
  });
});
