import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findImportedArticle, sourceComment, sourceKey } from '../../../src/import/imported-source.js';

describe('sourceKey', () => {
  it.each<[string, string, string, string]>([
    ['a URL keeps its query and loses its fragment', 'https://blog.test/a?id=1#top', '/p/content', 'https://blog.test/a?id=1'],
    ['a URL is normalised', 'HTTPS://Blog.Test/a', '/p/content', 'https://blog.test/a'],
    ['a file beside the content folder', 'inbox/page.txt', '/p/content', '../inbox/page.txt'],
    ['the same file from another folder', '../inbox/page.txt', '/p/content', '../inbox/page.txt'],
  ])('%s', (_label, input, contentDir, expected) => {
    const cwd = input.startsWith('../') ? '/p/other' : '/p';
    expect(sourceKey(input, contentDir, cwd)).toBe(expected);
  });

  it('a comment cannot break the front matter', () => {
    expect(sourceComment('a\nb.txt')).toBe('# imported from a b.txt');
  });
});

describe('findImportedArticle', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-imported-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);

  it.each<[string, Record<string, string>, string, string | undefined, string | undefined]>([
    ['no articles', {}, '../a.txt', undefined, undefined],
    ['a hand-written file is never taken', { 'x.md': '---\ntitle: X\ndate: 2026-03-03\nurl: https://b.test/x\n---\n' }, '../a.txt', 'https://b.test/x', undefined],
    ['the recorded source', { 'x.md': '---\n# imported from ../a.txt\ntitle: X\ndate: 2026-03-03\n---\n' }, '../a.txt', undefined, 'x.md'],
    ['another source', { 'x.md': '---\n# imported from ../b.txt\ntitle: X\ndate: 2026-03-03\n---\n' }, '../a.txt', undefined, undefined],
    ['the page URL', { 'x.md': "---\n# imported from https://a.test/old\ntitle: X\ndate: 2026-03-03\nurl: 'https://b.test/x'\n---\n" }, 'https://a.test/new', 'https://b.test/x', 'x.md'],
    [
      'the first copy wins',
      { 'x-10.md': '---\n# imported from ../a.txt\n---\n', 'x-2.md': '---\n# imported from ../a.txt\n---\n', 'x.md': '---\n# imported from ../a.txt\n---\n' },
      '../a.txt',
      undefined,
      'x.md',
    ],
    ['a comment in the body does not count', { 'x.md': '---\ntitle: X\n---\n# imported from ../a.txt\n' }, '../a.txt', undefined, undefined],
  ])('%s', (_label, files, key, url, expected) => {
    for (const [name, text] of Object.entries(files)) write(name, text);
    const found = findImportedArticle(dir, key, url);
    expect(found === undefined ? undefined : path.basename(found.file)).toBe(expected);
  });

  it('reads the date of the earlier import', () => {
    write('x.md', '---\n# imported from ../a.txt\ntitle: X\ndate: "2026-03-03"\n---\n');
    expect(findImportedArticle(dir, '../a.txt')?.date).toBe('2026-03-03');
  });
});
