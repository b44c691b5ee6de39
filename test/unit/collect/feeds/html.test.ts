import { describe, expect, it } from 'vitest';
import { sanitizeFeedHtml } from '../../../../src/collect/feeds/html.js';

const BASE = 'https://site.example/blog/post/';

describe('sanitizeFeedHtml', () => {
  it.each([
    ['keeps article markup', '<h2>Head</h2><p>A <em>b</em> <strong>c</strong></p><ul><li>x</li></ul><blockquote>q</blockquote><pre><code>c()</code></pre>', '<h2>Head</h2><p>A <em>b</em> <strong>c</strong></p><ul><li>x</li></ul><blockquote>q</blockquote><pre><code>c()</code></pre>'],
    ['keeps tables', '<table><tr><td colspan="2" style="x">a</td></tr></table>', '<table><tr><td colspan="2">a</td></tr></table>'],
    ['drops scripts with their code', '<p>a</p><script>alert(1)</script><p>b</p>', '<p>a</p><p>b</p>'],
    ['drops styles with their rules', '<style>p { color: red }</style><p>a</p>', '<p>a</p>'],
    ['drops iframes with their fallback', '<iframe src="https://evil.example">fallback</iframe><p>a</p>', '<p>a</p>'],
    ['drops noscript, object, svg', '<noscript>n</noscript><object data="x">o</object><svg><text>s</text></svg><p>a</p>', '<p>a</p>'],
    ['keeps the text of forms but not the form', '<form action="/x"><label>Name</label><input name="n"><button>Go</button></form>', 'NameGo'],
    ['drops event handlers, styles and classes', '<p onclick="x()" style="color:red" class="c" id="i">a</p>', '<p>a</p>'],
    ['makes a relative link absolute', '<a href="../other/">o</a>', '<a href="https://site.example/blog/other/">o</a>'],
    ['makes a root-relative image absolute', '<img src="/img/a.png" alt="a">', '<img src="https://site.example/img/a.png" alt="a" />'],
    ['makes a protocol-relative image https', '<img src="//cdn.example/a.png">', '<img src="https://cdn.example/a.png" />'],
    ['keeps a fragment link, absolute', '<a href="#notes">n</a>', '<a href="https://site.example/blog/post/#notes">n</a>'],
    ['drops a javascript: href', '<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['drops an obfuscated javascript: href', '<a href="  java\tscript:alert(1)">x</a>', '<a>x</a>'],
    ['drops an entity-encoded javascript: href', '<a href="&#106;avascript:alert(1)">x</a>', '<a>x</a>'],
    ['drops a data: href', '<a href="data:text/html,x">x</a>', '<a>x</a>'],
    ['keeps a mailto: link', '<a href="mailto:a@site.example">m</a>', '<a href="mailto:a@site.example">m</a>'],
    ['drops an image with a data: source', '<p>a<img src="data:image/png;base64,AAAA"></p>', '<p>a</p>'],
    ['drops an image without a source', '<p>a<img alt="x"></p>', '<p>a</p>'],
    ['drops srcset and keeps src', '<img src="a.png" srcset="javascript:alert(1) 2x">', '<img src="https://site.example/blog/post/a.png" />'],
    ['escapes stray angle brackets', '5 < 6 & 7 > 3', '5 &lt; 6 &amp; 7 &gt; 3'],
  ])('%s', (_case, html, expected) => {
    expect(sanitizeFeedHtml(html, BASE)).toBe(expected);
  });

  it.each([
    ['relative URLs without a base', '<a href="/x">x</a><img src="/i.png">', null, '<a>x</a>'],
    ['nothing left', '<script>x</script>  ', BASE, null],
    ['empty input', '', BASE, null],
    ['no input', null, BASE, null],
  ])('handles %s', (_case, html, base, expected) => {
    expect(sanitizeFeedHtml(html, base)).toBe(expected);
  });
});
