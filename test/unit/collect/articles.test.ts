import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticle, slugFromFileName, type ArticleContext } from '../../../src/collect/articles.js';
import { ErrorCodes } from '../../../src/errors.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/unit/content');

const CONTEXT: ArticleContext = {
  timeZone: 'Europe/Berlin',
  baseUrl: 'https://news.example.com',
  authorIds: new Set(['noor', 'tomas']),
};

const FILE = 'articles/2026-11-24-moving-queues.md';

/** An article whose front matter is `lines`; line 1 is the opening fence, so lines[0] is file line 2. */
function article(...lines: string[]): string {
  return `---\n${lines.join('\n')}\n---\nBody.\n`;
}

function digestError(fields: Record<string, unknown>): unknown {
  return expect.objectContaining({ name: 'DigestError', ...fields });
}

describe('parseArticle', () => {
  it('reads a complete article file', () => {
    const file = path.join(FIXTURES, 'articles', '2026-11-24-moving-our-job-queue.md');
    const parsed = parseArticle(fs.readFileSync(file, 'utf8'), 'articles/2026-11-24-moving-our-job-queue.md', CONTEXT);
    expect(parsed).toEqual({
      file: 'articles/2026-11-24-moving-our-job-queue.md',
      slug: 'moving-our-job-queue',
      title: 'Moving our job queue from Redis to Postgres',
      // 09:30 wall-clock time in Berlin (CET, UTC+1).
      date: new Date('2026-11-24T08:30:00.000Z'),
      authorId: 'noor',
      summary: 'We moved 40 million jobs a day off Redis without a minute of downtime.',
      url: 'https://news.example.com/moving-our-job-queue',
      section: 'Engineering',
      tags: ['postgres', 'queues'],
      image: undefined,
      imageAlt: undefined,
      draft: false,
      body: '\n# Why we moved\n\nRedis served us well for five years.\n',
    });
  });

  it('gives optional fields their defaults', () => {
    const parsed = parseArticle(article('title: A', 'date: 2026-11-24'), FILE, CONTEXT);
    expect(parsed.tags).toEqual([]);
    expect(parsed.draft).toBe(false);
    expect(parsed.authorId).toBeUndefined();
    expect(parsed.url).toBe('https://news.example.com/moving-queues');
    expect(parsed.date).toEqual(new Date('2026-11-23T23:00:00.000Z'));
  });

  it.each([
    ['tags: ops', ['ops']],
    ['tags: [ops, db]', ['ops', 'db']],
    ['tags:\n  - ops\n  - db', ['ops', 'db']],
    ['tags: "  spaced  "', ['spaced']],
  ])('reads %j as tags %j', (line, tags) => {
    expect(parseArticle(article('title: A', 'date: 2026-11-24', line), FILE, CONTEXT).tags).toEqual(tags);
  });

  it.each([
    ['no slug or url', [], 'moving-queues', 'https://news.example.com/moving-queues'],
    ['an explicit slug', ['slug: queues-2'], 'queues-2', 'https://news.example.com/queues-2'],
    ['an explicit url', ['url: https://blog.example.org/q?id=1'], 'moving-queues', 'https://blog.example.org/q?id=1'],
    ['both', ['slug: q', 'url: http://blog.example.org/q'], 'q', 'http://blog.example.org/q'],
  ])('derives slug and url from %s', (_label, extra, slug, url) => {
    const parsed = parseArticle(article('title: A', 'date: 2026-11-24', ...extra), FILE, CONTEXT);
    expect(parsed.slug).toBe(slug);
    expect(parsed.url).toBe(url);
  });

  it.each([
    ['draft: true', true],
    ['draft: false', false],
  ])('reads %s', (line, draft) => {
    expect(parseArticle(article('title: A', 'date: 2026-11-24', line), FILE, CONTEXT).draft).toBe(draft);
  });

  it.each([
    ['2026-11-24T09:30:00Z', '2026-11-24T09:30:00.000Z'],
    ['2026-11-24 09:30', '2026-11-24T08:30:00.000Z'],
    ['2026-07-01T09:30', '2026-07-01T07:30:00.000Z'],
    ['"2026-11-24T09:30:00+05:30"', '2026-11-24T04:00:00.000Z'],
  ])('reads date %s in the newsletter time zone', (value, iso) => {
    expect(parseArticle(article('title: A', `date: ${value}`), FILE, CONTEXT).date.toISOString()).toBe(iso);
  });

  it.each([
    ['a missing title', ['date: 2026-11-24'], ErrorCodes.FRONT_MATTER_INVALID, 'title', 2, '"title" is required'],
    ['an empty title', ['title: ""', 'date: 2026-11-24'], ErrorCodes.FRONT_MATTER_INVALID, 'title', 2, '"title" is required'],
    ['a blank title', ['date: 2026-11-24', 'title: "   "'], ErrorCodes.FRONT_MATTER_INVALID, 'title', 3, '"title" is required'],
    ['a title list', ['title: [a]', 'date: 2026-11-24'], ErrorCodes.FRONT_MATTER_INVALID, 'title', 2, '"title" must be text'],
    ['a missing date', ['title: A'], ErrorCodes.FRONT_MATTER_INVALID, 'date', 2, '"date" is required'],
    ['a numeric date', ['title: A', 'date: 20261124'], ErrorCodes.FRONT_MATTER_INVALID, 'date', 3, expect.stringContaining('ISO date')],
    ['a date in words', ['title: A', 'author: noor', 'date: next tuesday'], ErrorCodes.DATE_INVALID, 'date', 4, '"date" "next tuesday" is not an ISO date'],
    ['a day that does not exist', ['title: A', 'date: 2026-02-30'], ErrorCodes.DATE_INVALID, 'date', 3, '"date" "2026-02-30" is not a calendar date'],
    ['an hour out of range', ['title: A', 'date: 2026-11-28T25:00'], ErrorCodes.DATE_INVALID, 'date', 3, expect.stringContaining('out of range')],
    ['an unknown author', ['title: A', 'date: 2026-11-24', 'author: bob'], ErrorCodes.AUTHOR_UNKNOWN, 'author', 4, '"author" names an unknown author "bob"'],
    ['a misspelt draft key', ['title: A', 'date: 2026-11-24', 'drfat: true'], ErrorCodes.FRONT_MATTER_INVALID, 'drfat', 4, '"drfat" is not a known field (check its spelling)'],
    ['a javascript: url', ['title: A', 'date: 2026-11-24', 'url: "javascript:alert(1)"'], ErrorCodes.FRONT_MATTER_INVALID, 'url', 4, '"url" must be an absolute http(s) URL'],
    ['a relative url', ['title: A', 'date: 2026-11-24', 'url: /q'], ErrorCodes.FRONT_MATTER_INVALID, 'url', 4, '"url" must be an absolute http(s) URL'],
    ['a data: image', ['title: A', 'date: 2026-11-24', 'image: "data:image/png;base64,AAAA"'], ErrorCodes.FRONT_MATTER_INVALID, 'image', 4, expect.stringMatching(/^"image" must be an http\(s\) URL or the path of an image file/)],
    ['draft: yes', ['title: A', 'date: 2026-11-24', 'draft: yes'], ErrorCodes.FRONT_MATTER_INVALID, 'draft', 4, '"draft" must be true or false'],
    ['draft: "true"', ['title: A', 'date: 2026-11-24', 'draft: "true"'], ErrorCodes.FRONT_MATTER_INVALID, 'draft', 4, '"draft" must be true or false'],
    ['a slug with spaces', ['title: A', 'date: 2026-11-24', 'slug: Moving Queues'], ErrorCodes.FRONT_MATTER_INVALID, 'slug', 4, expect.stringContaining('lowercase')],
    ['an empty tag in a list', ['title: A', 'date: 2026-11-24', 'tags:', '  - ops', '  - ""'], ErrorCodes.FRONT_MATTER_INVALID, 'tags.1', 6, '"tags.1" must not be empty'],
    ['an empty summary', ['title: A', 'date: 2026-11-24', 'summary: ""'], ErrorCodes.FRONT_MATTER_INVALID, 'summary', 4, '"summary" must not be empty'],
  ])('rejects %s', (_label, lines, code, field, line, message) => {
    expect(() => parseArticle(article(...lines), FILE, CONTEXT)).toThrow(
      digestError({ code, field, line, message, file: FILE }),
    );
  });

  it('lists the known author ids in the hint for an unknown author', () => {
    expect(() => parseArticle(article('title: A', 'date: 2026-11-24', 'author: bob'), FILE, CONTEXT)).toThrow(
      digestError({ hint: 'create authors/bob.md or use one of: noor, tomas' }),
    );
    const none = { ...CONTEXT, authorIds: new Set<string>() };
    expect(() => parseArticle(article('title: A', 'date: 2026-11-24', 'author: bob'), FILE, none)).toThrow(
      digestError({ hint: 'create authors/bob.md or use one of: (no authors yet)' }),
    );
  });

  it('passes front matter syntax errors through with the file line', () => {
    expect(() => parseArticle('---\ntitle: A\nsummary: Why: because\n---\n', FILE, CONTEXT)).toThrow(
      digestError({ code: ErrorCodes.FRONT_MATTER_INVALID, line: 3, file: FILE }),
    );
  });
});

describe('slugFromFileName', () => {
  it.each([
    ['2026-11-24-moving-queues.md', 'moving-queues'],
    ['articles/2026/2026-11-24-moving-queues.md', 'moving-queues'],
    ['2026-11-24-Moving_Queues (v2).md', 'moving-queues-v2'],
    ['Hello World.md', 'hello-world'],
    ['2026-11-24.md', '2026-11-24'],
    ['2026-11-24-2027-plans.md', '2027-plans'],
    ['---.md', 'article'],
  ])('%s → %s', (file, slug) => {
    expect(slugFromFileName(file)).toBe(slug);
  });
});
