import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAuthor } from '../../../src/collect/authors.js';
import { ErrorCodes } from '../../../src/errors.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/unit/content');

function digestError(fields: Record<string, unknown>): unknown {
  return expect.objectContaining({ name: 'DigestError', ...fields });
}

function author(frontMatter: string, body = ''): string {
  return `---\n${frontMatter}\n---\n${body}`;
}

/** Every way the fixture's bio tries to run script; none may reach an email. */
const DANGEROUS = [/<script/i, /alert\(/, /onclick/i, /onerror/i, /javascript:/i, /<img/i, /<span/i, /steal/];

describe('parseAuthor', () => {
  it('reads an author file, with the id from the file name', () => {
    const file = path.join(FIXTURES, 'authors', 'noor.md');
    const parsed = parseAuthor(fs.readFileSync(file, 'utf8'), 'authors/noor.md');
    expect(parsed).toMatchObject({
      id: 'noor',
      name: 'Noor Haddad',
      role: 'Staff Engineer',
      avatar: 'https://cdn.example.com/avatars/noor.png',
      links: [{ label: 'Blog', url: 'https://noor.example.com' }],
      file: 'authors/noor.md',
    });
  });

  it('sanitises the Markdown bio: script, handlers, javascript: links and <img onerror> never survive', () => {
    const file = path.join(FIXTURES, 'authors', 'noor.md');
    const { bioHtml, bioText } = parseAuthor(fs.readFileSync(file, 'utf8'), 'authors/noor.md');
    for (const pattern of DANGEROUS) {
      expect(bioHtml).not.toMatch(pattern);
      expect(bioText).not.toMatch(pattern);
    }
    expect(bioHtml).toContain('<strong>databases</strong> &amp; queues.');
    expect(bioHtml).toContain('<a href="https://noor.example.com">her blog</a>');
    // The link text stays; only the unsafe href goes.
    expect(bioHtml).toContain('<a>anywhere</a>');
    expect(bioText).toBe('Noor writes about databases & queues. She answers mail from anywhere and her blog.');
  });

  it.each([
    ['**bold** and _em_ and `code`', '<p><strong>bold</strong> and <em>em</em> and <code>code</code></p>', 'bold and em and code'],
    ['Tom &amp; Jerry <3', '<p>Tom &amp; Jerry &lt;3</p>', 'Tom & Jerry <3'],
    ['Line one\nline two\n\nPara two', '<p>Line one\nline two</p>\n<p>Para two</p>', 'Line one line two Para two'],
    ['# Heading\n\n- item', 'Heading\n\nitem', 'Heading item'],
    ['<iframe src="https://evil.example"></iframe>Hi', 'Hi', 'Hi'],
    ['[x](https://a.example "t"){onclick}', '<p><a href="https://a.example">x</a>{onclick}</p>', 'x{onclick}'],
    ['', '', ''],
  ])('turns the bio %j into safe HTML and text', (body, html, text) => {
    const parsed = parseAuthor(author('name: N', body), 'authors/n.md');
    expect(parsed.bioHtml).toBe(html);
    expect(parsed.bioText).toBe(text);
  });

  it('drops a data: link and a protocol-relative link from the bio', () => {
    const parsed = parseAuthor(
      author('name: N', '[a](data:text/html,<b>x</b>) [b](//evil.example) [c](mailto:n@example.com)'),
      'authors/n.md',
    );
    expect(parsed.bioHtml).not.toMatch(/data:|evil\.example/);
    expect(parsed.bioHtml).toContain('<a href="mailto:n@example.com">c</a>');
  });

  it('defaults links to an empty list and leaves role and avatar out', () => {
    const parsed = parseAuthor(author('name: "  Prince  "'), 'authors/prince.md');
    expect(parsed).toMatchObject({ id: 'prince', name: 'Prince', links: [], role: undefined, avatar: undefined });
  });

  it.each([
    ['a missing name', 'role: Editor', 'name', 2, '"name" is required'],
    ['an empty name', 'name: ""', 'name', 2, '"name" is required'],
    ['a javascript: avatar', 'name: N\navatar: "javascript:alert(1)"', 'avatar', 3, expect.stringMatching(/^"avatar" must be an http\(s\) URL or the path of an image file/)],
    ['a protocol-relative avatar', 'name: N\navatar: //cdn.example.com/a.png', 'avatar', 3, expect.stringMatching(/^"avatar" must be an http\(s\) URL or the path of an image file/)],
    ['a link without url', 'name: N\nlinks:\n  - label: Blog', 'links.0.url', 4, expect.stringMatching(/^"links\.0\.url" /)],
    ['a javascript: link', 'name: N\nlinks:\n  - label: X\n    url: "javascript:x()"', 'links.0.url', 5, '"links.0.url" must be an absolute http(s) URL'],
    ['an unknown key', 'name: N\nbio: hi', 'bio', 3, '"bio" is not a known field (check its spelling)'],
  ])('rejects %s', (_label, frontMatter, field, line, message) => {
    expect(() => parseAuthor(author(frontMatter), 'authors/n.md')).toThrow(
      digestError({ code: ErrorCodes.FRONT_MATTER_INVALID, field, line, message, file: 'authors/n.md' }),
    );
  });
});
