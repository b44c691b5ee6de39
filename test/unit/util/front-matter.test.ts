import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../src/util/front-matter.js';
import { ErrorCodes } from '../../../src/errors.js';

function digestError(fields: Record<string, unknown>): unknown {
  return expect.objectContaining({ name: 'DigestError', ...fields });
}

describe('parseFrontMatter', () => {
  it('splits the fields from the body and says where the body starts', () => {
    const file = parseFrontMatter('---\ntitle: Hello\ndraft: true\n---\nFirst line\nSecond\n', 'a.md');
    expect(file.data).toEqual({ title: 'Hello', draft: true });
    expect(file.body).toBe('First line\nSecond\n');
    expect(file.bodyLine).toBe(5);
  });

  it('keeps ISO dates as strings (YAML 1.2 core schema)', () => {
    expect(parseFrontMatter('---\ndate: 2026-11-24\n---\n', 'a.md').data).toEqual({ date: '2026-11-24' });
  });

  it.each([
    ['LF', '---\ntitle: A\n---\nBody\n', 'Body\n', 4],
    ['CRLF', '---\r\ntitle: A\r\n---\r\nBody\r\n', 'Body\r\n', 4],
    ['a BOM', '\uFEFF---\ntitle: A\n---\nBody\n', 'Body\n', 4],
    ['a BOM and CRLF', '\uFEFF---\r\ntitle: A\r\n---\r\nBody', 'Body', 4],
    ['"..." as the closing line', '---\ntitle: A\n...\nBody', 'Body', 4],
    ['trailing spaces on the fences', '---  \ntitle: A\n---\t\nBody', 'Body', 4],
    ['a blank line before the body', '---\ntitle: A\n---\n\nBody', '\nBody', 4],
    ['an empty body', '---\ntitle: A\n---', '', 4],
  ])('reads a file with %s', (_label, text, body, bodyLine) => {
    const file = parseFrontMatter(text, 'a.md');
    expect(file.data).toEqual({ title: 'A' });
    expect(file.body).toBe(body);
    expect(file.bodyLine).toBe(bodyLine);
  });

  it('accepts an empty front matter block', () => {
    const file = parseFrontMatter('---\n---\nBody', 'a.md');
    expect(file.data).toEqual({});
    expect(file.body).toBe('Body');
    expect(file.bodyLine).toBe(3);
  });

  it('counts body lines after a multi-line front matter', () => {
    const text = '---\ntitle: A\ntags:\n  - x\n  - y\n---\nBody on line 7';
    const file = parseFrontMatter(text, 'a.md');
    expect(file.bodyLine).toBe(7);
    expect(text.split('\n')[file.bodyLine - 1]).toBe(file.body);
  });

  it('only ends the front matter at a line holding nothing but the fence', () => {
    const file = parseFrontMatter('---\ntitle: "a --- b"\n---\nBody', 'a.md');
    expect(file.data).toEqual({ title: 'a --- b' });
  });

  it.each([
    ['title', 2],
    ['tags', 3],
    ['summary', 6],
  ])('lineOf(%s) is the file line, not the YAML line', (key, line) => {
    const file = parseFrontMatter('---\ntitle: A\ntags:\n  - x\n  - y\nsummary: S\n---\n', 'a.md');
    expect(file.lineOf([key])).toBe(line);
  });

  it('lineOf finds list items and falls back to the closest parent', () => {
    const file = parseFrontMatter('---\ntitle: A\ntags:\n  - x\n  - y\n---\n', 'a.md');
    expect(file.lineOf(['tags', 1])).toBe(5);
    expect(file.lineOf(['tags', 9])).toBe(3);
    expect(file.lineOf(['nope'])).toBe(2);
  });

  it.each([
    ['no front matter at all', '# Just Markdown\n', 'has no front matter', 1],
    ['an empty file', '', 'has no front matter', 1],
    ['a fence that is not on the first line', '\n---\ntitle: A\n---\n', 'has no front matter', 1],
    ['a fence followed by text on the same line', '--- title: A\n---\n', 'has no front matter', 1],
    ['an unclosed front matter', '---\ntitle: A\n\nBody without a closing fence\n', 'front matter is not closed', 1],
    ['a list instead of fields', '---\n- a\n- b\n---\n', 'front matter must be a set of "key: value" fields', 2],
    ['a scalar instead of fields', '---\njust text\n---\n', 'front matter must be a set of "key: value" fields', 2],
  ])('rejects %s', (_label, text, message, line) => {
    expect(() => parseFrontMatter(text, 'articles/a.md')).toThrow(
      digestError({ code: ErrorCodes.FRONT_MATTER_INVALID, message, file: 'articles/a.md', line }),
    );
  });

  it.each([
    // YAML line 2 is file line 3: the opening fence is line 1.
    ['an unquoted ": " in a value', '---\ntitle: A\nsummary: Why: because\n---\n', 3],
    ['a duplicated key', '---\ntitle: A\ndate: x\ntitle: B\n---\n', 4],
    ['a CRLF file with an error on the fourth line', '---\r\ntitle: A\r\ndate: x\r\nsummary: a: b\r\n---\r\n', 4],
  ])('names the file line of a YAML syntax error: %s', (_label, text, line) => {
    expect(() => parseFrontMatter(text, 'articles/a.md')).toThrow(
      digestError({
        code: ErrorCodes.FRONT_MATTER_INVALID,
        file: 'articles/a.md',
        line,
        message: expect.stringMatching(/^front matter YAML: /),
      }),
    );
  });
});
