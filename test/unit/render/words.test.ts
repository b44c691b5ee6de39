import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fill, isRightToLeft, loadLocales, plural, wordsFor } from '../../../src/render/words.js';
import { PACKAGE_ROOT } from '../../../src/util/paths.js';

const BUNDLED = path.join(PACKAGE_ROOT, 'templates');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A templates folder whose locales/ holds the given files. */
function localesDir(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-words-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'locales'));
  for (const [name, data] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, 'locales', name), typeof data === 'string' ? data : JSON.stringify(data));
  }
  return dir;
}

describe('the bundled en.json', () => {
  const en = JSON.parse(fs.readFileSync(path.join(BUNDLED, 'locales', 'en.json'), 'utf8')) as Record<string, unknown>;

  it('has only flat string values', () => {
    for (const value of Object.values(en)) expect(typeof value).toBe('string');
  });

  it('has every word the templates use', () => {
    const sources = ['layouts', 'partials', 'text'].flatMap((folder) =>
      fs.readdirSync(path.join(BUNDLED, folder)).map((name) => fs.readFileSync(path.join(BUNDLED, folder, name), 'utf8')),
    );
    const used = new Set(sources.flatMap((source) => [...source.matchAll(/\bwords\.(\w+)/g)].map((match) => match[1])));
    expect(used.size).toBeGreaterThan(5);
    for (const key of used) expect(Object.keys(en)).toContain(key);
  });

  it('has the singular and "other" form of every plural the view model picks', () => {
    for (const base of ['intro', 'preheader', 'authorsHeading', 'moreArticles', 'contentsMore']) {
      expect(en).toHaveProperty(`${base}One`);
      expect(en).toHaveProperty(`${base}Other`);
    }
  });
});

describe('wordsFor', () => {
  const locales = () =>
    loadLocales(
      localesDir({
        'en.json': { hello: 'Hello', bye: 'Bye', only: 'English only' },
        'pt.json': { hello: 'Olá', bye: 'Tchau' },
        'pt-BR.json': { bye: 'Falou' },
      }),
    );

  it.each([
    ['en', { hello: 'Hello', bye: 'Bye', only: 'English only' }],
    ['pt', { hello: 'Olá', bye: 'Tchau', only: 'English only' }],
    ['pt-BR', { hello: 'Olá', bye: 'Falou', only: 'English only' }],
    ['pt-PT', { hello: 'Olá', bye: 'Tchau', only: 'English only' }],
    ['ja', { hello: 'Hello', bye: 'Bye', only: 'English only' }],
  ])('%s: the tag over its language over English', (language, expected) => {
    expect(wordsFor(locales(), language)).toEqual(expected);
  });

  it('borrows the bundled English when a templates folder has none', () => {
    const words = wordsFor(loadLocales(localesDir({ 'de.json': { unsubscribe: 'Abbestellen' } })), 'de');
    expect(words.unsubscribe).toBe('Abbestellen');
    expect(words.readOnline).toBe('Read this issue online');
  });

  it.each([
    ['not JSON', '{ "a": '],
    ['not an object', '["a"]'],
    ['a value that is not a string', '{ "a": 1 }'],
  ])('rejects a locale file that is %s, naming the file', (_, source) => {
    const dir = localesDir({ 'en.json': source });
    expect(() => loadLocales(dir)).toThrow(
      expect.objectContaining({ name: 'DigestError', code: 'TEMPLATE_INVALID', file: expect.stringContaining('en.json') }),
    );
  });
});

describe('fill and plural', () => {
  it('fills placeholders and leaves unknown ones as written', () => {
    expect(fill('by {name} on {day}', { name: 'Noor' })).toBe('by Noor on {day}');
  });

  it.each([
    ['en', 1, 'one'],
    ['en', 2, 'other'],
    ['fr', 0, 'one'],
    ['ar', 2, 'two'],
    ['ar', 5, 'other'],
  ])('%s picks the form for %i', (language, count, form) => {
    const words = { nOne: 'one {count}', nTwo: 'two {count}', nOther: 'other {count}' };
    // Arabic's "few" has no word here: it falls back to "other".
    expect(plural(words, 'n', count, language)).toBe(`${form} ${count}`);
  });
});

describe('isRightToLeft', () => {
  it.each([
    ['ar', true],
    ['he', true],
    ['fa-IR', true],
    ['ur', true],
    ['en', false],
    ['de-CH', false],
    ['ja', false],
  ])('%s → %s', (language, rtl) => {
    expect(isRightToLeft(language)).toBe(rtl);
  });
});
