import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../../src/util/html.js';
import { collapseSpace, firstWords, htmlText, htmlTitleText, plainText } from '../../../../src/collect/feeds/text.js';

describe('htmlTitleText', () => {
  it.each([
    ['Plain title', 'Plain title'],
    ['<b>Bold</b> title', 'Bold title'],
    ['&lt;b&gt;Escaped&lt;/b&gt; title', 'Escaped title'],
    ['&amp;lt;b&amp;gt;Double&amp;lt;/b&amp;gt;', '&lt;b&gt;Double&lt;/b&gt;'],
    ['AT&T & friends', 'AT&T & friends'],
    ['Tom &amp; Jerry', 'Tom & Jerry'],
    ['caf&eacute; &#8212; &#x2026;', 'café — …'],
    ['a < b', 'a < b'],
    ['Why &lt;template&gt; matters', 'Why <template> matters'],
    ['<a href="x">Link</a> <span class="y">text</span>', 'Link text'],
    ['<script>alert(1)</script>Safe', 'Safe'],
    ['  lots\n\tof   space ', 'lots of space'],
    ['<b></b>', null],
    ['', null],
    [null, null],
  ])('%j → %j', (html, text) => {
    expect(htmlTitleText(html)).toBe(text);
  });
});

describe('htmlText', () => {
  it.each([
    ['<p>One</p><p>Two</p>', 'One Two'],
    ['Line<br>break', 'Line break'],
    ['No markup at all', 'No markup at all'],
    ['<p>   </p>', null],
  ])('%j → %j', (html, text) => {
    expect(htmlText(html)).toBe(text);
  });
});

describe('plainText', () => {
  it.each([
    ['<b>kept</b> as written', '<b>kept</b> as written'],
    ['  spaced \n out ', 'spaced out'],
    ['   ', null],
    [undefined, null],
  ])('%j → %j', (text, expected) => {
    expect(plainText(text)).toBe(expected);
  });
});

describe('firstWords', () => {
  it.each([
    ['one two three', 3, 'one two three'],
    ['one two three four', 3, 'one two three…'],
    ['single', 10, 'single'],
  ])('%j, %i words → %j', (text, count, expected) => {
    expect(firstWords(text, count)).toBe(expected);
  });
});

describe('small helpers', () => {
  it.each([
    [' a \n b ', 'a b'],
    ['\u00a0a\u00a0', 'a'],
  ])('collapseSpace(%j) → %j', (text, expected) => {
    expect(collapseSpace(text)).toBe(expected);
  });

  it('escapes HTML', () => {
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});
