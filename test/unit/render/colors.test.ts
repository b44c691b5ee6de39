import { describe, expect, it } from 'vitest';
import { contrastRatio, readableOn } from '../../../src/render/colors.js';
import { dateLabel } from '../../../src/render/dates.js';
import { dateLocaleOf as dateLocaleOfTag } from '../../../src/util/date-locale.js';

const dateLocaleOf = (language: string) => dateLocaleOfTag(language).locale;

describe('contrastRatio', () => {
  it.each([
    ['#000000', '#ffffff', 21],
    ['#fff', '#fff', 1],
    ['#767676', '#ffffff', 4.54],
    ['#ffffff', '#767676', 4.54],
  ])('%s on %s is %f', (a, b, ratio) => {
    expect(contrastRatio(a, b)).toBeCloseTo(ratio, 1);
  });
});

describe('readableOn', () => {
  it.each(['#0b5cad', '#c2410c', '#000000', '#7c3aed', '#1a7f37'])('lightens %s to 4.5:1 on the dark card', (accent) => {
    const dark = readableOn(accent, '#161b22');
    expect(contrastRatio(dark, '#161b22')).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps a colour that is already readable, and darkens on light backgrounds', () => {
    expect(readableOn('#6CB6FF', '#161b22')).toBe('#6cb6ff');
    expect(contrastRatio(readableOn('#ffcc00', '#ffffff'), '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});

describe('dateLocaleOf', () => {
  it.each([
    ['en', 'en-US'],
    ['en-GB', 'en-GB'],
    ['de', 'de'],
    ['de-CH', 'de'],
    ['fr-CA', 'fr-CA'],
    ['pt-BR', 'pt-BR'],
    ['zh', 'zh-CN'],
    ['xx', 'en-US'],
  ])('%s → %s', (language, code) => {
    expect(dateLocaleOf(language).code).toBe(code);
  });

  it('labels dates in the locale, in the time zone', () => {
    const date = new Date('2026-11-24T23:30:00Z');
    expect(dateLabel(date, 'Europe/Berlin', 'EEE, MMM d', dateLocaleOf('en'))).toBe('Wed, Nov 25');
    expect(dateLabel(date, 'Europe/Berlin', 'EEEE d MMMM', dateLocaleOf('fr'))).toBe('mercredi 25 novembre');
  });
});
