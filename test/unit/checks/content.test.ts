import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkIssue,
  checkLinks,
  checkMissingAlt,
  checkMissingAuthor,
  checkSize,
  checkSummary,
  locateArticle,
  resolveLocalTarget,
  UNKNOWN_LINES,
  type ArticleLines,
  type CheckContext,
} from '../../../src/checks/content.js';
import type { IssueArticle } from '../../../src/types.js';
import { makeArticle, makeIssue, NOOR } from '../../fixtures/unit/issue.js';

const FILE = 'content/articles/moving-queues.md';
const CLIP = 102 * 1024;

/** An article that passes every check unless `extra` breaks it. */
function article(extra: Partial<IssueArticle> = {}): IssueArticle {
  return makeArticle('moving-queues', 'Moving queues', '2026-11-24T09:00:00Z', { file: FILE, author: NOOR, ...extra });
}

/** The body starts on file line 10 and `image:` is on line 5, `summary:` on line 6. */
const LINES: ArticleLines = {
  keyLine: (key) => ({ image: 5, summary: 6 })[key],
  bodyLine: 10,
};

const EXISTING = new Set([
  '/site/content/articles/x.md',
  '/site/content/articles/notes/b.md',
  '/site/content/articles/x y.md',
  '/site/content/img/a.png',
  '/site/content/images/c.png',
]);
const RESOLUTION = { contentDir: '/site/content', rootDir: '/site', exists: (file: string) => EXISTING.has(file) };

describe('locateArticle', () => {
  it.each([
    ['LF', '---\ntitle: A\nimage: https://x/a.png\n---\nBody\n', 'Body\n', 5, 3],
    ['CRLF', '---\r\ntitle: A\r\nimage: x\r\n---\r\nBody\r\n', 'Body\r\n', 5, 3],
    ['a BOM', '\uFEFF---\ntitle: A\n---\nBody', 'Body', 4, undefined],
    ['a quoted key', '---\n"image": x\n---\nBody', 'Body', 4, 2],
    ['a blank line before the body', '---\nimage: x\n---\n\nBody', '\nBody', 4, 2],
    ['an empty front matter block', '---\n---\nBody', 'Body', 3, undefined],
    ['an image key only in a nested map', '---\nmeta:\n  image: x\n---\nBody', 'Body', 5, undefined],
    ['a body edited since it was collected', '---\nimage: x\n---\nNew body', 'Old body', undefined, 2],
    ['no front matter', 'Body', 'Body', 1, undefined],
  ])('finds the body line and the image key in a file with %s', (_label, text, body, bodyLine, imageLine) => {
    const lines = locateArticle(text, body);
    expect(lines.bodyLine).toBe(bodyLine);
    expect(lines.keyLine('image')).toBe(imageLine);
  });
});

describe('checkMissingAlt', () => {
  const markdownFix = 'describe what it shows between the brackets of ![…]';
  const htmlFix = 'add alt="…" to the <img> tag describing what it shows';
  it.each([
    ['a front-matter image with alt text', { image: 'https://cdn/a.png', imageAlt: 'A chart' }, []],
    ['no image at all', {}, []],
    [
      'a front-matter image without alt text',
      { image: 'https://cdn/a.png' },
      [{ line: 5, message: 'image has no alt text: add "imageAlt:" to the front matter' }],
    ],
    [
      'a front-matter image with blank alt text',
      { image: 'https://cdn/a.png', imageAlt: '  ' },
      [{ line: 5, message: 'image has no alt text: add "imageAlt:" to the front matter' }],
    ],
    ['a body image with alt text', { body: '![A chart](https://cdn/a.png)' }, []],
    [
      'a body image without alt text',
      { body: 'Intro\n\n![](https://cdn/a.png)' },
      [{ line: 12, message: `image https://cdn/a.png has no alt text: ${markdownFix}` }],
    ],
    [
      'a body image with blank alt text',
      { body: '![ ](https://cdn/a.png)' },
      [{ line: 10, message: `image https://cdn/a.png has no alt text: ${markdownFix}` }],
    ],
    [
      'a reference-style image without alt text',
      { body: '![][logo]\n\n[logo]: https://cdn/logo.png' },
      [{ line: 10, message: `image https://cdn/logo.png has no alt text: ${markdownFix}` }],
    ],
    ['an <img> with alt text', { body: '<img alt="A chart" src="https://cdn/a.png">' }, []],
    [
      'an <img> without alt',
      { body: 'One\n<img src="https://cdn/a.png">' },
      [{ line: 11, message: `image https://cdn/a.png has no alt text: ${htmlFix}` }],
    ],
    [
      'an <img> with empty alt, inline in a paragraph',
      { body: 'See <IMG alt="" src=https://cdn/b.png> here' },
      [{ line: 10, message: `image https://cdn/b.png has no alt text: ${htmlFix}` }],
    ],
    [
      'an <img> with neither alt nor src',
      { body: '<img>' },
      [{ line: 10, message: `image has no alt text: ${htmlFix}` }],
    ],
    ['an image in a fenced code block', { body: '```md\n![](a.png)\n```' }, []],
    ['an image in inline code', { body: 'Write `![](a.png)` for images.' }, []],
    ['an <img> in an HTML comment', { body: '<!-- <img src="a.png"> -->' }, []],
  ])('%s', (_label, extra, expected) => {
    const warnings = checkMissingAlt(article(extra), LINES);
    expect(warnings).toEqual(expected.map((w) => ({ severity: 'warning', check: 'missing-alt', file: FILE, ...w })));
  });

  it('names the body line in the message when the file lines are unknown', () => {
    expect(checkMissingAlt(article({ image: 'https://cdn/a.png', body: 'One\n![](a.png)' }), UNKNOWN_LINES)).toEqual([
      { severity: 'warning', check: 'missing-alt', file: FILE, message: 'image has no alt text: add "imageAlt:" to the front matter' },
      { severity: 'warning', check: 'missing-alt', file: FILE, message: 'image a.png on body line 2 has no alt text: describe what it shows between the brackets of ![…]' },
    ]);
  });
});

describe('checkMissingAuthor', () => {
  it.each([
    ['an author', article(), []],
    [
      'no author',
      article({ author: undefined }),
      [
        {
          severity: 'warning', check: 'missing-author',
          file: FILE,
          message: 'no author: the article goes out without an author card; add "author:" with an id from authors/',
        },
      ],
    ],
  ])('an article with %s', (_label, input, expected) => {
    expect(checkMissingAuthor(input)).toEqual(expected);
  });
});

describe('checkSummary', () => {
  const empty = {
    severity: 'warning', check: 'empty-summary',
    file: FILE,
    message: 'the summary is empty: the email shows only the title; add "summary:" to the front matter or more prose to the body',
  };
  it.each([
    ['under the budget', 'x'.repeat(279), []],
    ['exactly the budget', 'x'.repeat(280), []],
    [
      'over the budget',
      'x'.repeat(312),
      [
        {
          severity: 'warning', check: 'long-summary',
          file: FILE,
          line: 6,
          message: 'the summary is 312 characters, over the 280-character budget: shorten "summary:" in the front matter',
        },
      ],
    ],
    ['empty', '', [empty]],
    ['only whitespace', ' \n ', [empty]],
  ])('a summary %s', (_label, summary, expected) => {
    expect(checkSummary(article({ summary }), 280, LINES)).toEqual(expected);
  });
});

describe('resolveLocalTarget', () => {
  it.each([
    ['https://example.com/a.md', undefined],
    ['HTTP://example.com', undefined],
    ['mailto:team@example.com', undefined],
    ['tel:+49301234', undefined],
    ['#section', undefined],
    ['//cdn.example.com/a.png', undefined],
    ['?page=2', undefined],
    ['', undefined],
    ['./x.md', '/site/content/articles/x.md'],
    ['notes/b.md#part', '/site/content/articles/notes/b.md'],
    ['../img/a.png?v=2', '/site/content/img/a.png'],
    ['/images/c.png', '/site/content/images/c.png'],
    ['x%20y.md', '/site/content/articles/x y.md'],
    ['100%.md', '/site/content/articles/100%.md'],
  ])('%j -> %s', (target, expected) => {
    expect(resolveLocalTarget(target, FILE, RESOLUTION)).toBe(expected);
  });
});

describe('checkLinks', () => {
  const relative = (subject: string, line: number, fix = 'use an absolute URL (https://…)') => ({
    severity: 'warning', check: 'relative-link',
    file: FILE,
    line,
    message: `${subject} is relative, and relative links do not work in an email: ${fix}`,
  });
  const broken = (subject: string, line: number, fix = "link to the page's absolute URL (https://…)") => ({
    severity: 'warning', check: 'broken-link',
    file: FILE,
    line,
    message: `${subject} points to a file that does not exist: ${fix}`,
  });
  const hostImage = 'host the image and use its absolute URL (https://…)';

  it.each([
    ['absolute, mail, phone and anchor links', '[a](https://e.com) [b](mailto:a@e.com) [c](tel:+4930) [d](#top)', []],
    ['autolinks and bare URLs', '<https://e.com/a> and www.example.com', []],
    ['a relative link to an existing file', 'See [x](./x.md).', [relative('link to ./x.md', 10)]],
    ['a link to a missing file', 'One\nTwo [m](../missing.md)', [broken('link to ../missing.md', 11)]],
    ['a folder-relative link with a hash', '[b](notes/b.md#part)', [relative('link to notes/b.md#part', 10)]],
    ['a root-relative link, against the content folder', '[c](/images/c.png?v=2)', [relative('link to /images/c.png?v=2', 10)]],
    ['a percent-encoded file name', '[x](x%20y.md)', [relative('link to x%20y.md', 10)]],
    ['a relative image', '![A chart](../img/a.png)', [relative('image ../img/a.png', 10, hostImage)]],
    [
      'a missing image',
      '![A chart](../img/gone.png)',
      [broken('image ../img/gone.png', 10, 'use the absolute URL (https://…) of the hosted image')],
    ],
    [
      'a reference definition, once rather than at each use',
      '[one][b] and [b]\n\n[b]: notes/b.md "Notes"',
      [relative('link to notes/b.md', 12)],
    ],
    ['<a href> with double quotes', '<p>\n<a href="./x.md">x</a>\n</p>', [relative('link to ./x.md', 11)]],
    ['<a href> with single quotes, inline', 'Read <a href=\'gone.md\'>this</a>.', [broken('link to gone.md', 10)]],
    ['<img src> relative', '<img alt="A chart" src="/images/c.png">', [relative('image /images/c.png', 10, hostImage)]],
    ['<a> without href', '<a name="top"></a>', []],
    ['a link in a block quote', '> Quoted\n> and [m](missing.md)', [broken('link to missing.md', 11)]],
    ['a link in a list item paragraph', '- one\n\n    more [m](missing.md)', [broken('link to missing.md', 12)]],
    ['a link in a table', '| a |\n|---|\n| [m](missing.md) |', [broken('link to missing.md', 12)]],
    ['links in a fenced code block', '```\n[m](missing.md)\n<a href="gone.md">\n```', []],
    ['links in a tilde fence', '~~~~\n[m](missing.md)\n~~~~', []],
    ['links in an indented code block', 'Text\n\n    [m](missing.md)', []],
    ['links in inline code', 'Write `[m](missing.md)` or ``<a href="gone.md">``.', []],
    ['a link in an HTML comment', '<!-- [m](missing.md) <a href="gone.md"> -->', []],
    [
      'a link after a code block that contains the same link',
      '```\n[m](missing.md)\n```\n\n[m](missing.md)',
      [broken('link to missing.md', 14)],
    ],
    ['CRLF line ends', 'One\r\nTwo\r\n\r\n[m](missing.md)\r\n', [broken('link to missing.md', 13)]],
  ])('%s', (_label, body, expected) => {
    expect(checkLinks(article({ body }), LINES, RESOLUTION)).toEqual(expected);
  });

  it('names the body line in the message when the file lines are unknown', () => {
    expect(checkLinks(article({ body: 'One\n[m](missing.md)' }), UNKNOWN_LINES, RESOLUTION)).toEqual([
      {
        severity: 'warning', check: 'broken-link',
        file: FILE,
        message: "link to missing.md on body line 2 points to a file that does not exist: link to the page's absolute URL (https://…)",
      },
    ]);
  });
});

describe('checkSize', () => {
  it.each([
    [50_000, []],
    [Math.ceil(CLIP * 0.9) - 1, []],
    [Math.ceil(CLIP * 0.9), ["info: the email is 91.8 KB, close to Gmail's 102 KB clipping limit: one more article may get it clipped; keep summaries short"]],
    [CLIP, ["info: the email is 102.0 KB, close to Gmail's 102 KB clipping limit: one more article may get it clipped; keep summaries short"]],
    [
      Math.round(104.3 * 1024),
      ["warning: the email is 104.3 KB, over Gmail's 102 KB clipping limit: Gmail hides the rest behind 'View entire message'; cut articles or summaries"],
    ],
  ])('%i bytes', (bytes, messages) => {
    const expected = messages.map((line) => {
      const [severity, ...rest] = line.split(': ');
      return { severity, check: 'size', message: rest.join(': ') };
    });
    expect(checkSize(bytes, CLIP)).toEqual(expected);
  });
});

describe('checkIssue', () => {
  const context: CheckContext = {
    maxSummaryLength: 280,
    contentDir: '/site/content',
    rootDir: '/site',
    htmlBytes: 110_000,
    clipBytes: CLIP,
    exists: RESOLUTION.exists,
  };

  it('returns nothing for a clean issue', () => {
    expect(checkIssue(makeIssue([article({ body: 'Fine [a](https://e.com).' })]), { ...context, htmlBytes: 20_000 })).toEqual([]);
  });

  it('puts issue-wide warnings first, then each file in order, whatever the article order', () => {
    const later = article({ file: 'content/articles/b.md', author: undefined, body: '[m](missing.md)' });
    const earlier = article({ file: 'content/articles/a.md', summary: '', body: 'One\n![](https://cdn/x.png)\n\n[m](missing.md)' });
    const warnings = checkIssue(makeIssue([later, earlier]), context);
    expect(warnings.map(({ check, file }) => [check, file])).toEqual([
      ['size', undefined],
      ['missing-alt', 'content/articles/a.md'],
      ['empty-summary', 'content/articles/a.md'],
      ['broken-link', 'content/articles/a.md'],
      ['missing-author', 'content/articles/b.md'],
      ['broken-link', 'content/articles/b.md'],
    ]);
  });
});

describe('checkIssue with a real article file', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  function write(dir: string, relative: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), text);
  }

  it('reports file lines and checks existence on disk', () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-checks-'));
    const body = [
      '# Why we moved',
      '',
      'See [the notes](./notes.md) and [the plan](../plans/missing.md).',
      '',
      '```sh',
      'cat [x](ignored.md)',
      '```',
      '',
      '![](/images/queue.png)',
      '',
      'More at [the blog](https://blog.example.com).',
      '',
    ].join('\n');
    const text = [
      '---',
      'title: Moving queues',
      'date: 2026-11-24',
      'author: noor',
      'image: https://cdn.example.com/q.png',
      'summary: We moved.',
      '---',
      body,
    ].join('\n');
    write(root, 'content/articles/moving-queues.md', text);
    write(root, 'content/articles/notes.md', '---\ntitle: Notes\n---\n');
    write(root, 'content/images/queue.png', 'png');
    const issue = makeIssue([article({ file: FILE, body, image: 'https://cdn.example.com/q.png', summary: 'We moved.' })]);

    const warnings = checkIssue(issue, { maxSummaryLength: 280, contentDir: path.join(root, 'content'), rootDir: root, htmlBytes: 1000, clipBytes: CLIP });

    expect(warnings).toEqual([
      { severity: 'warning', check: 'missing-alt', file: FILE, line: 5, message: 'image has no alt text: add "imageAlt:" to the front matter' },
      {
        severity: 'warning', check: 'relative-link',
        file: FILE,
        line: 10,
        message: 'link to ./notes.md is relative, and relative links do not work in an email: use an absolute URL (https://…)',
      },
      {
        severity: 'warning', check: 'broken-link',
        file: FILE,
        line: 10,
        message: "link to ../plans/missing.md points to a file that does not exist: link to the page's absolute URL (https://…)",
      },
      {
        severity: 'warning', check: 'missing-alt',
        file: FILE,
        line: 16,
        message: 'image /images/queue.png has no alt text: describe what it shows between the brackets of ![…]',
      },
      {
        severity: 'warning', check: 'relative-link',
        file: FILE,
        line: 16,
        message: 'image /images/queue.png is relative, and relative links do not work in an email: host the image and use its absolute URL (https://…)',
      },
    ]);
    expect(text.split('\n')[16 - 1]).toBe('![](/images/queue.png)');
  });

  it('falls back to body lines when the file changed after the issue was collected', () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-checks-'));
    write(root, FILE, '---\ntitle: Moving queues\n---\nA new first line\n\n[m](missing.md)\n');
    const issue = makeIssue([article({ body: '[m](missing.md)\n' })]);

    const warnings = checkIssue(issue, { maxSummaryLength: 280, contentDir: path.join(root, 'content'), rootDir: root, htmlBytes: 1000, clipBytes: CLIP });

    expect(warnings).toEqual([
      {
        severity: 'warning', check: 'broken-link',
        file: FILE,
        message: "link to missing.md on body line 1 points to a file that does not exist: link to the page's absolute URL (https://…)",
      },
    ]);
  });
});
