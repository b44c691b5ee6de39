import { describe, expect, it } from 'vitest';
import { absoluteUrl, nestedBase } from '../../../../src/collect/feeds/urls.js';

describe('absoluteUrl', () => {
  it.each([
    ['https://a.example/x', null, 'https://a.example/x'],
    ['  https://a.example/padded  ', null, 'https://a.example/padded'],
    ['HTTP://A.EXAMPLE/Caps', null, 'http://a.example/Caps'],
    ['/root', 'https://a.example/dir/page', 'https://a.example/root'],
    ['sibling', 'https://a.example/dir/page', 'https://a.example/dir/sibling'],
    ['../up', 'https://a.example/dir/sub/', 'https://a.example/dir/up'],
    ['//cdn.example/x', 'https://a.example/', 'https://cdn.example/x'],
    ['?q=1', 'https://a.example/p', 'https://a.example/p?q=1'],
    ['https://b.example/abs', 'https://a.example/', 'https://b.example/abs'],
    ['/relative', null, null],
    ['javascript:alert(1)', 'https://a.example/', null],
    ['java\tscript:alert(1)', 'https://a.example/', null],
    ['JAVASCRIPT:alert(1)', null, null],
    ['data:text/html,x', 'https://a.example/', null],
    ['mailto:a@a.example', 'https://a.example/', null],
    ['ftp://a.example/f', null, null],
    ['http://[broken', null, null],
    ['', 'https://a.example/', null],
    [null, 'https://a.example/', null],
    [undefined, 'https://a.example/', null],
  ])('%j against %j → %j', (href, base, expected) => {
    expect(absoluteUrl(href, base)).toBe(expected);
  });
});

describe('nestedBase', () => {
  it.each([
    ['sub/', 'https://a.example/blog/', 'https://a.example/blog/sub/'],
    ['https://b.example/', 'https://a.example/blog/', 'https://b.example/'],
    ['sub/', null, null],
    [undefined, 'https://a.example/blog/', 'https://a.example/blog/'],
    ['javascript:x', 'https://a.example/blog/', 'https://a.example/blog/'],
  ])('%j inside %j → %j', (xmlBase, outer, expected) => {
    expect(nestedBase(xmlBase, outer)).toBe(expected);
  });
});
