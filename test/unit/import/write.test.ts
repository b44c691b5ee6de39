import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArticle, slugFromFileName } from '../../../src/collect/articles.js';
import { parseAuthor } from '../../../src/collect/authors.js';
import { articleFileName, articleMarkdown, authorMarkdown, freeArticleFile, slugify, writeArticleFile, writeNewFile } from '../../../src/import/write.js';

describe('slugify', () => {
  it.each([
    ['How we halved our CI build times', 'how-we-halved-our-ci-build-times'],
    ['Ünïcode & Straße: 2026!', 'unicode-strasse-2026'],
    ["We're hiring: Data Platform", 'were-hiring-data-platform'],
    ['Ærø, Łódź and Þórr', 'aero-lodz-and-thorr'],
    ['  --Already-sluggy--  ', 'already-sluggy'],
    ['日本語のタイトル', 'article'],
    ['A very long title that goes on and on about moving our job queue from Redis to Postgres', 'a-very-long-title-that-goes-on-and-on-about-moving-our-job'],
    ['x'.repeat(80), 'x'.repeat(60)],
  ])('%j → %j', (title, slug) => {
    const result = slugify(title);
    expect(result).toBe(slug);
    expect(result.length).toBeLessThanOrEqual(60);
    expect(result).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('round-trips through the article file name', () => {
    const slug = slugify('2026-03-03 release notes: Lattice 4.2');
    expect(slugFromFileName(articleFileName('2026-03-03', slug))).toBe(slug);
  });
});

describe('articleMarkdown', () => {
  const context = { timeZone: 'Europe/Berlin', baseUrl: 'https://news.test', authorIds: new Set(['jane-doe']) };

  it('writes title, date, author and section first and quotes YAML where needed', () => {
    const text = articleMarkdown({ url: 'https://a.test/x', title: 'Postgres: a queue? "Yes" #1', date: '2026-03-03', section: 'Engineering', author: 'jane-doe' }, 'Body.\n');
    expect(text).toBe('---\ntitle: \'Postgres: a queue? "Yes" #1\'\ndate: 2026-03-03\nauthor: jane-doe\nsection: Engineering\nurl: https://a.test/x\n---\nBody.\n');
    const article = parseArticle(text, '2026-03-03-postgres.md', context);
    expect(article).toMatchObject({ title: 'Postgres: a queue? "Yes" #1', authorId: 'jane-doe', section: 'Engineering', url: 'https://a.test/x' });
  });

  it('leaves out undefined fields and keeps numbers-as-text titles text', () => {
    const text = articleMarkdown({ title: '2026', date: '2026-03-03', author: undefined }, '');
    expect(text).toBe('---\ntitle: "2026"\ndate: 2026-03-03\n---\n');
    expect(parseArticle(text, 'x.md', context).title).toBe('2026');
  });

  it('writes author cards that parse', () => {
    const author = parseAuthor(authorMarkdown('Jane Doe', 'Jane Doe is a staff engineer.'), 'authors/jane-doe.md');
    expect(author).toMatchObject({ id: 'jane-doe', name: 'Jane Doe', bioText: 'Jane Doe is a staff engineer.' });
  });
});

describe('file naming and writing', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-write-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds -2, -3… instead of replacing a file', () => {
    expect(freeArticleFile(dir, '2026-03-03', 'post')).toEqual({ file: path.join(dir, '2026-03-03-post.md'), copy: 1 });
    expect(writeArticleFile(dir, '2026-03-03', 'post', 'one')).toMatchObject({ copy: 1 });
    expect(writeArticleFile(dir, '2026-03-03', 'post', 'two')).toEqual({ file: path.join(dir, '2026-03-03-post-2.md'), copy: 2 });
    expect(writeArticleFile(dir, '2026-03-03', 'post', 'three').file).toBe(path.join(dir, '2026-03-03-post-3.md'));
    expect(fs.readFileSync(path.join(dir, '2026-03-03-post.md'), 'utf8')).toBe('one');
  });

  it('never overwrites with writeNewFile', () => {
    const file = path.join(dir, 'authors', 'jane-doe.md');
    expect(writeNewFile(file, 'first')).toBe(true);
    expect(writeNewFile(file, 'second')).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('first');
  });
});
