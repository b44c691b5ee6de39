import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { escapeMarkdownText, isSafeDestination, sanitizeMarkdown } from '../../../src/import/sanitize-markdown.js';

describe('sanitizeMarkdown', () => {
  it.each([
    ['script element with content', 'Before <script>alert(1)</script> after.', 'Before  after.'],
    ['event handler on simple formatting', 'A <b onmouseover="x()">bold</b> word.', 'A <b>bold</b> word.'],
    ['other inline tags', 'A <span class="x" onclick="y()">span</span> and <img src=x onerror=alert(1)> image.', 'A span and  image.'],
    ['raw anchor with a safe href', 'See <a href="https://example.com" onclick="x()">the docs</a>.', 'See [the docs](https://example.com).'],
    ['raw anchor with javascript:', 'See <a href="javascript:alert(1)">this</a>.', 'See this.'],
    ['javascript: link', 'A [link](javascript:alert(1)) here.', 'A link here.'],
    ['obfuscated scheme', 'A [link](jav&#x61;script:alert(1)) and [b](JAVASCRIPT:x) here.', 'A link and b here.'],
    ['javascript: image', 'An ![image](javascript:alert(1)) here.', 'An  here.'],
    ['data: link', '[x](data:text/html;base64,PHNjcmlwdD4=)', 'x'],
    ['safe links kept', '[a](https://example.com/a_(b)) [b](/relative) [c](#top) [d](mailto:x@example.com)', '[a](https://example.com/a_(b)) [b](/relative) [c](#top) [d](mailto:x@example.com)'],
    ['unsafe autolink', 'Go <javascript:alert(1)> or <https://example.com>.', 'Go  or <https://example.com>.'],
    ['unsafe reference definition', '[a][1]\n\n[1]: javascript:alert(1)\n[2]: https://example.com', '[a][1]\n\n[2]: https://example.com'],
    ['HTML block', 'Para.\n\n<div class="ad">\n  <p>Buy <b>now</b></p>\n</div>\n\nNext.', 'Para.\n\nNext.'],
    ['iframe block', '<iframe src="https://evil.test"></iframe>\n\nText.', 'Text.'],
    ['HTML comment', 'A <!-- hidden --> B', 'A  B'],
    ['escaped tag stays text', 'Write \\<div> in HTML.', 'Write \\<div> in HTML.'],
    ['inline code untouched', 'Use `<script>` tags and `[x](javascript:y)` carefully.', 'Use `<script>` tags and `[x](javascript:y)` carefully.'],
    ['fenced code untouched', '```html\n<script>alert(1)</script>\n```\n\n<script>alert(2)</script>', '```html\n<script>alert(1)</script>\n```'],
    ['unclosed tag at the end of a line', 'Text <img src=x onerror=alert(1)\nNext line.', 'Text \nNext line.'],
    ['link text with balanced brackets', 'x [a [b] c](javascript:alert(1)) y', 'x a [b] c y'],
    ['link text nested deeper keeps no unsafe destination', 'x [a [b [c] d] e](javascript:alert(1)) y', 'x [a [b [c] d] e]() y'],
    ['safe links with brackets in their text stay', 'ok [a [b] c](https://e.com) [x](https://f.com "t")', 'ok [a [b] c](https://e.com) [x](https://f.com "t")'],
  ])('%s', (_, input, expected) => {
    expect(sanitizeMarkdown(input)).toBe(expected);
  });

  it.each([
    '<script>alert(1)</script>',
    '<SCRIPT SRC=//evil.test/x.js></SCRIPT>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)><circle/></svg>',
    '<a href="javascript:alert(1)">x</a>',
    '[x](javascript:alert(1))',
    '[x]( javascript:alert(1) "title")',
    '[x](<javascript:alert(1)>)',
    '![x](javascript:alert(1))',
    '[x][r]\n\n[r]: javascript:alert(1)',
    '[a [b [c [d] e] f] g](javascript:alert(1))',
    '<javascript:alert(1)>',
    '<div onclick="x()">\n\n**md inside**\n\n</div>',
    '<details open ontoggle=alert(1)>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<b onclick=alert(1)>x</b>',
    '[x](java\tscript:alert(1))',
  ])('renders %j without script, handler or javascript: URL', (input) => {
    const html = marked.parse(sanitizeMarkdown(`Intro.\n\n${input}\n\nOutro.`), { async: false });
    expect(html).not.toMatch(/<script|<iframe|<svg|\son[a-z]+\s*=|javascript:/i);
  });
});

describe('isSafeDestination', () => {
  it.each([
    ['https://example.com', true],
    ['http://example.com', true],
    ['mailto:a@example.com', true],
    ['/relative/path', true],
    ['#anchor', true],
    ['javascript:alert(1)', false],
    [' JavaScript:alert(1)', false],
    ['jav&#x09;ascript:alert(1)', false],
    ['vbscript:x', false],
    ['data:text/html,x', false],
    ['file:///etc/passwd', false],
  ])('%j → %s', (url, safe) => {
    expect(isSafeDestination(url)).toBe(safe);
  });
});

describe('escapeMarkdownText', () => {
  it.each([
    ['*not emphasis*', '\\*not emphasis\\*'],
    ['# not a heading', '\\# not a heading'],
    ['- not a list', '\\- not a list'],
    ['> not a quote', '\\> not a quote'],
    ['1. not a list', '1\\. not a list'],
    ['<b>not html</b>', '\\<b>not html\\</b>'],
    ['[not](a link)', '\\[not\\](a link)'],
    ['snake_case stays, _emphasis_ does not', 'snake_case stays, \\_emphasis\\_ does not'],
    ['AT&T and &amp;', 'AT&T and &amp;amp;'],
    ['back\\slash', 'back\\\\slash'],
  ])('%j → %j', (text, escaped) => {
    expect(escapeMarkdownText(text)).toBe(escaped);
  });

  it.each([['*a* _b_ `c` [d](e) <f> # g'], ['1. x'], ['&lt;script&gt;']])('%j renders as the same text', (text) => {
    const html = marked.parse(escapeMarkdownText(text), { async: false });
    const shown = html.replace(/<\/?p>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim();
    expect(shown).toBe(text);
  });
});
