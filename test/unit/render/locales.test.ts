import fs from 'node:fs';
import path from 'node:path';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { loadLocales, wordsFor } from '../../../src/render/words.js';
import { dateLocaleOf } from '../../../src/util/date-locale.js';
import { PACKAGE_ROOT } from '../../../src/util/paths.js';

const DIR = path.join(PACKAGE_ROOT, 'templates', 'locales');
const read = (name: string) => JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8')) as Record<string, string>;
const en = read('en.json');
const translations = fs
  .readdirSync(DIR)
  .filter((name) => name.endsWith('.json') && name !== 'en.json')
  .sort()
  .map((name) => [name.slice(0, -'.json'.length), read(name)] as const);

/** `{name}` and `{{name}}` placeholders of a word, sorted, each as often as it occurs. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*[^}]+?\s*\}\}|\{\w+\}/g)].map((match) => match[0].replace(/\s+/g, '')).sort();
}

describe('the bundled locale files', () => {
  it('ship German, French and Spanish beside English', () => {
    expect(translations.map(([tag]) => tag)).toEqual(expect.arrayContaining(['de', 'es', 'fr']));
  });

  describe.each(translations)('%s.json', (tag, words) => {
    it("has exactly en.json's keys", () => {
      expect(Object.keys(words).sort()).toEqual(Object.keys(en).sort());
    });

    it('keeps every placeholder of each English word, no more and no fewer', () => {
      for (const [key, english] of Object.entries(en)) expect({ key, placeholders: placeholders(words[key] ?? '') }).toEqual({ key, placeholders: placeholders(english) });
    });

    it('translates every word that has words (only a bare placeholder may equal English)', () => {
      for (const [key, english] of Object.entries(en)) {
        const word = words[key] ?? '';
        expect(word.trim(), key).not.toBe('');
        const hasWords = /\p{L}/u.test(english.replace(/\{\w+\}/g, ''));
        if (hasWords && key !== 'dateFormat') expect(word, key).not.toBe(english);
      }
    });

    it('has a date format that date-fns reads in that language', () => {
      const pattern = words.dateFormat ?? '';
      const label = format(new Date('2026-11-24T12:00:00Z'), pattern, { locale: dateLocaleOf(tag).locale });
      expect(label).toMatch(/24/);
      // The weekday and month come out in the language, not in English.
      expect(label).not.toBe(format(new Date('2026-11-24T12:00:00Z'), pattern, { locale: dateLocaleOf('en').locale }));
      expect(label).not.toMatch(/Tue/);
    });

    it('is what the email uses for the language, with nothing borrowed from English', () => {
      expect(wordsFor(loadLocales(path.dirname(DIR)), tag)).toEqual(words);
    });
  });

  it.each([
    ['de', 'Di., 24. Nov.'],
    ['fr', 'mar. 24 nov.'],
    ['es', 'mar, 24 nov'],
  ])('%s dates an article like %j', (tag, expected) => {
    const words = translations.find(([name]) => name === tag)?.[1];
    expect(format(new Date('2026-11-24T12:00:00Z'), words?.dateFormat ?? '', { locale: dateLocaleOf(tag).locale })).toBe(expected);
  });
});
