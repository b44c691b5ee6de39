import fs from 'node:fs';
import path from 'node:path';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { cleanByline } from '../../../src/import/html-meta.js';
import { extractHtmlArticle, toMarkdown, type HtmlArticle } from '../../../src/import/html.js';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/import');
const PAGE_URL = 'https://blog.acme.test/engineering/ci-build-times';
const blogPost = fs.readFileSync(path.join(FIXTURES, 'blog-post.html'), 'utf8');

const PARAGRAPHS = [
  'Our tracing pipeline dropped one span in twenty during peak traffic, which made the slowest requests the least visible ones.',
  'We moved sampling decisions to the collector, kept every error trace, and sampled the rest by latency bucket.',
  'Storage grew by eight percent while the share of slow requests with a full trace went from forty to ninety-nine percent.',
].map((text) => `<p>${text}</p>`);

/** A small page: `head` markup plus an article with enough text for Readability. */
function page(head: string, articleStart = '', url?: string): HtmlArticle | undefined {
  const html = `<!doctype html><html><head>${head}</head><body><article>${articleStart}${PARAGRAPHS.join('')}</article></body></html>`;
  return extractHtmlArticle(html, { url: url ?? 'https://example.test/posts/tracing' });
}

describe('extractHtmlArticle on a blog page', () => {
  const article = extractHtmlArticle(blogPost, { url: PAGE_URL });

  it('finds the metadata: title, byline, published time, section, og:image, canonical URL', () => {
    expect(article).toMatchObject({
      title: 'How we halved our CI build times',
      author: 'Jane Doe',
      published: '2026-03-03T09:30:00+01:00',
      section: 'Engineering',
      image: 'https://blog.acme.test/images/ci-lead.png',
      imageAlt: 'A build pipeline chart',
      url: 'https://blog.acme.test/engineering/ci-build-times',
      notes: [],
    });
  });

  it('keeps the article text and structure as Markdown (ATX headings, fenced code, "-" bullets)', () => {
    const body = article?.body ?? '';
    expect(body.startsWith('Our CI pipeline used to take forty minutes')).toBe(true);
    expect(body).toContain('\n## Caching the dependency install\n');
    expect(body).toContain('```yaml\ncache:\n  key: ${{ hashFiles(\'package-lock.json\') }}');
    expect(body).toContain('\n- Shards are rebalanced every night.\n- A failing shard is retried once before the build fails.\n');
    expect(body).toContain('*Median build time per week*');
    expect(body).toContain('The whole effort took three engineers about six weeks.');
  });

  it('resolves relative links and images against the page URL', () => {
    expect(article?.body).toContain('![Build time per week, falling from 40 to 19 minutes](https://blog.acme.test/images/ci-chart.png)');
    expect(article?.body).toContain('[Our caching guide](https://blog.acme.test/docs/ci-cache)');
  });

  it('leaves out the nav, header, footer, sidebar, cookie banner and the tracking pixel', () => {
    for (const text of ['Careers', 'Popular posts', 'Ten things we learned', 'Join 10,000 readers', 'We use cookies', 'Accept all', 'All rights reserved', 'Privacy', '6 min read', 'pixel.gif']) {
      expect(article?.body).not.toContain(text);
    }
  });

  it('drops the script and the onclick handler and turns the javascript: link into text', () => {
    const body = article?.body ?? '';
    expect(body).not.toMatch(/<script|injected by a script|dataLayer|onclick|track\(\)|javascript:|alert/i);
    expect(body).toContain('Click this harmless link and this tracked text should arrive as plain words.');
    const html = marked.parse(body, { async: false });
    expect(html).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
  });

  it('does not repeat the title in the body', () => {
    expect(article?.body).not.toContain('How we halved our CI build times');
  });
});

describe('extractHtmlArticle metadata sources', () => {
  it('reads JSON-LD when there are no meta tags (author object, datePublished, image, articleSection, @graph)', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Example' },
        { '@type': 'NewsArticle', headline: 'Tracing every slow request', datePublished: '2026-02-27', author: [{ '@type': 'Person', name: 'Ana María Ruiz' }], image: { '@type': 'ImageObject', url: '/img/lead.jpg' }, articleSection: ['Reliability'] },
      ],
    };
    expect(page(`<title>Tracing | Example</title><script type="application/ld+json">${JSON.stringify(ld)}</script>`)).toMatchObject({
      title: 'Tracing every slow request',
      author: 'Ana María Ruiz',
      published: '2026-02-27',
      section: 'Reliability',
      image: 'https://example.test/img/lead.jpg',
    });
  });

  it('falls back to <time datetime> and the byline in the page', () => {
    const article = page('<title>Tracing every slow request</title>', '<h1>Tracing every slow request</h1><p class="byline">By Lin Osei · <time datetime="2026-02-26T18:00:00Z">Feb 26</time></p>');
    expect(article).toMatchObject({ title: 'Tracing every slow request', author: 'Lin Osei', published: '2026-02-26T18:00:00Z' });
  });

  it('prefers the <h1> to a document title with the site name', () => {
    expect(page('<title>Tracing every slow request - Example Blog</title>', '<h1>Tracing every slow request</h1>')?.title).toBe('Tracing every slow request');
  });

  it('notes a broken JSON-LD block and carries on', () => {
    const article = page('<title>Tracing</title><script type="application/ld+json">{ not json</script>');
    expect(article?.notes).toEqual(['ignored a JSON-LD block that is not valid JSON']);
    expect(article?.body).toContain('Our tracing pipeline');
  });

  it('accepts only http(s) lead images and canonical URLs', () => {
    const article = page('<meta property="og:image" content="javascript:alert(1)"><link rel="canonical" href="data:text/html,x">');
    expect(article?.image).toBeUndefined();
    expect(article?.url).toBe('https://example.test/posts/tracing');
  });

  it('uses the canonical URL of a saved page to resolve its links; without one, relative images are dropped', () => {
    const image = '<p><img src="img/chart.png" alt="Chart"></p>';
    const saved = (head: string) =>
      extractHtmlArticle(`<html><head>${head}</head><body><article>${PARAGRAPHS.join('')}${image}</article></body></html>`, { fileUrl: 'file:///home/me/saved.html' });
    expect(saved('<link rel="canonical" href="https://example.test/posts/tracing">')?.body).toContain('![Chart](https://example.test/posts/img/chart.png)');
    const offline = saved('');
    expect(offline?.body).not.toContain('chart.png');
    expect(offline?.url).toBeUndefined();
  });

  it('returns undefined for a page without article text', () => {
    expect(extractHtmlArticle('<html><body><nav><a href="/">Home</a></nav></body></html>', { url: 'https://example.test/' })).toBeUndefined();
  });
});

describe('toMarkdown', () => {
  it.each([
    ['<p>a <b onclick="x()">bold</b> word</p>', 'a **bold** word'],
    ['<p>x</p><iframe src="https://evil.test"></iframe><script>alert(1)</script><style>p{}</style>', 'x'],
    ['<p>Text &lt;img src=x onerror=alert(1)&gt; stays text</p>', 'Text \\<img src=x onerror=alert(1)> stays text'],
    ['<h1>Inner title</h1><h3>Detail</h3>', '## Inner title\n\n### Detail'],
    ['<ol start="3"><li>three</li><li>four<ul><li>nested</li></ul></li></ol>', '3. three\n4. four\n   - nested'],
    ['<p><a href="javascript:alert(1)">click</a> <a href="mailto:a@example.test">mail</a></p>', 'click [mail](mailto:a@example.test)'],
    ['<p><img src="data:image/png;base64,AAAA" alt="inline"></p><p>after</p>', 'after'],
    ['<pre><code class="language-ts hljs">const a = 1;</code></pre>', '```ts\nconst a = 1;\n```'],
    ['<p>1. not a list</p>', '1\\. not a list'],
    ['<blockquote><p>Quoted</p></blockquote>', '> Quoted'],
  ])('%j → %j', (html, markdown) => {
    expect(toMarkdown(html)).toBe(markdown);
  });
});

describe('cleanByline', () => {
  it.each([
    ['By Jane Doe', 'Jane Doe'],
    ['by Jane Doe · March 3, 2026 · 6 min read', 'Jane Doe'],
    ['Jane Doe, Staff Engineer', 'Jane Doe'],
    ['Jane Doe and John Roe', 'Jane Doe'],
    ['Written by: Jane Doe | Acme', 'Jane Doe'],
    ['<a href="/jane">Jane Doe</a>', 'Jane Doe'],
    ['https://example.test/authors/jane', undefined],
    ['2026-03-03', undefined],
    ['', undefined],
  ])('%j → %j', (byline, name) => {
    expect(cleanByline(byline)).toBe(name);
  });
});
