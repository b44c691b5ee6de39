import { describe, expect, it } from 'vitest';
import { htmlToText, safeUrl, sanitizeInlineHtml } from '../../../src/util/sanitize.js';

describe('safeUrl', () => {
  it.each([
    ['https://a.example/x?y=1#z', 'https://a.example/x?y=1#z', 'https://a.example/x?y=1#z'],
    ['http://a.example', 'http://a.example', 'http://a.example'],
    ['  https://a.example/padded  ', 'https://a.example/padded', 'https://a.example/padded'],
    ['HTTPS://A.EXAMPLE/Caps', 'HTTPS://A.EXAMPLE/Caps', 'HTTPS://A.EXAMPLE/Caps'],
    ['mailto:news@a.example', undefined, 'mailto:news@a.example'],
    ['javascript:alert(1)', undefined, undefined],
    ['JaVaScRiPt:alert(1)', undefined, undefined],
    ['  javascript:alert(1)', undefined, undefined],
    ['java\tscript:alert(1)', undefined, undefined],
    ['java\nscript:alert(1)', undefined, undefined],
    ['vbscript:msgbox(1)', undefined, undefined],
    ['data:text/html,<script>alert(1)</script>', undefined, undefined],
    ['file:///etc/passwd', undefined, undefined],
    ['ftp://a.example/f', undefined, undefined],
    ['//a.example/protocol-relative', undefined, undefined],
    ['/relative/path', undefined, undefined],
    ['a.example', undefined, undefined],
    ['', undefined, undefined],
    [undefined, undefined, undefined],
  ])('%j → %j (with mailto allowed: %j)', (input, plain, withMailto) => {
    expect(safeUrl(input)).toBe(plain);
    expect(safeUrl(input, { allowMailto: true })).toBe(withMailto);
  });
});

describe('sanitizeInlineHtml', () => {
  it.each([
    ['<p>Hi <strong>there</strong> <em>you</em> <b>b</b> <i>i</i> <code>c</code><br></p>', '<p>Hi <strong>there</strong> <em>you</em> <b>b</b> <i>i</i> <code>c</code><br /></p>'],
    ['<a href="https://a.example" onclick="x()" title="t" style="color:red">l</a>', '<a href="https://a.example">l</a>'],
    ['<a href="mailto:n@a.example">m</a>', '<a href="mailto:n@a.example">m</a>'],
    ['<a href="javascript:alert(1)">j</a>', '<a>j</a>'],
    ['<a href="//evil.example">p</a>', '<a>p</a>'],
    ['<a href="data:text/html,x">d</a>', '<a>d</a>'],
    ['before<script>alert(1)</script>after', 'beforeafter'],
    ['<style>p{}</style>text', 'text'],
    ['<img src="x" onerror="alert(1)">text', 'text'],
    ['<div onmouseover="x()">kept text</div>', 'kept text'],
    ['<iframe src="https://a.example"></iframe>', ''],
    ['  <p>trimmed</p>\n', '<p>trimmed</p>'],
    ['5 < 6 & 7 > 3', '5 &lt; 6 &amp; 7 &gt; 3'],
  ])('%j → %j', (html, expected) => {
    expect(sanitizeInlineHtml(html)).toBe(expected);
  });
});

describe('htmlToText', () => {
  it.each([
    ['<p>One</p><p>Two</p>', 'One Two'],
    ['Line<br>break<br/>s<br />!', 'Line break s !'],
    ['<ul><li>a</li><li>b</li></ul>', 'a b'],
    ['<h2>Title</h2>Body', 'Title Body'],
    ['<p>Tom &amp; Jerry &lt;3 &gt; &quot;q&quot; &apos;a&apos;</p>', 'Tom & Jerry <3 > "q" \'a\''],
    ['&#39;single&#39; &#x27;hex&#x27; &#X41;', "'single' 'hex' A"],
    ['&#x1F600; smile', '😀 smile'],
    ['caf&eacute; cr&egrave;me', 'café crème'],
    ['a&nbsp;b', 'a b'],
    ['&amp;lt;b&amp;gt; is literal', '&lt;b&gt; is literal'],
    // Invalid code points become U+FFFD, as in a browser; unknown names stay as written.
    ['&unknownentity; &#0; &#x110000;', '&unknownentity; \uFFFD \uFFFD'],
    ['<script>alert(1)</script>safe', 'safe'],
    ['  lots   of\n\n  space  ', 'lots of space'],
    ['', ''],
  ])('%j → %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});
