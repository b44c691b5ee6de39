import { describe, expect, it } from 'vitest';
import { stripControlCharacters, stripControlCharactersInLine } from '../../../src/import/control-chars.js';

describe('control characters', () => {
  it.each<[string, string, string, string]>([
    ['plain text', 'Hello, world', 'Hello, world', 'Hello, world'],
    ['backspace and bell', 'Jo\u0008s\u0007é', 'José', 'José'],
    ['NUL, escape, DEL and C1', 'a\u0000b\u001b[1mc\u007fd\u0085e\u009f', 'ab[1mcde', 'ab[1mcde'],
    ['tabs and line breaks', 'a\tb\r\nc\rd\ne', 'a\tb\nc\nd\ne', 'a b c d e'],
    ['form feed and vertical tab', 'a\u000cb\u000bc', 'abc', 'abc'],
    ['non-ASCII letters and emoji stay', 'Zoë 🚀 日本', 'Zoë 🚀 日本', 'Zoë 🚀 日本'],
  ])('%s', (_label, input, body, line) => {
    expect(stripControlCharacters(input)).toBe(body);
    expect(stripControlCharactersInLine(input)).toBe(line);
  });
});
