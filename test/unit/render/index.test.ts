import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates, renderIssue, type Templates } from '../../../src/render/index.js';
import type { RenderedIssue } from '../../../src/types.js';
import { PACKAGE_ROOT } from '../../../src/util/paths.js';
import { NEWSLETTER, largeIssue, sampleIssue } from '../../fixtures/unit/issue.js';

const GMAIL_CLIP_BYTES = 102 * 1024;

let templates: Templates;
let rendered: RenderedIssue;

beforeAll(async () => {
  templates = loadTemplates(path.join(PACKAGE_ROOT, 'templates'));
  rendered = await renderIssue(sampleIssue(), NEWSLETTER, templates);
});

/** Every `<a>` as `{ href, text }`. */
function links(html: string): { href: string; text: string }[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((match) => ({
    href: match[1] ?? '',
    text: (match[2] ?? '').replace(/<[^>]+>/g, '').trim(),
  }));
}

/** Every `<img>` tag. */
function images(html: string): string[] {
  return html.match(/<img\b[^>]*>/g) ?? [];
}

describe('renderIssue: HTML part', () => {
  it('returns the issue id, subject and preheader, without warnings', () => {
    expect(rendered.issueId).toBe('2026-W48');
    expect(rendered.subject).toBe('Field Notes · Nov 23 – 29, 2026');
    expect(rendered.preheader.startsWith('Moving our queue to Postgres, and 2 more this week: ')).toBe(true);
    expect(rendered.warnings).toEqual([]);
    expect(rendered.html).toMatch(/^<!doctype html>/i);
    expect(rendered.html).toContain('<title>Field Notes · Nov 23 – 29, 2026</title>');
  });

  it('links each title to its url, with no bare "Read more" links', () => {
    const all = links(rendered.html);
    for (const article of sampleIssue().articles) {
      expect(all).toContainEqual({ href: article.url, text: article.title });
    }
    expect(all.filter((link) => /read more/i.test(link.text))).toEqual([]);
  });

  it('draws an initials badge, not an <img>, for the author without avatar', () => {
    expect(rendered.html).toMatch(/<td\b[^>]*\bbgcolor="#[0-9a-f]{6}"[^>]*>TL<\/td>/);
    expect(images(rendered.html).filter((tag) => tag.includes('Tomás Lindqvist'))).toEqual([]);
  });

  it('shows the avatar <img> of the authors that have one, and the article image', () => {
    const tags = images(rendered.html);
    expect(tags.filter((tag) => tag.includes('src="https://cdn.example.com/avatars/noor.png"'))).toHaveLength(1);
    expect(tags.filter((tag) => tag.includes('src="https://cdn.example.com/avatars/kenji.png"'))).toHaveLength(1);
    // The name is beside the avatar: the image itself says nothing more.
    // (The minifier writes an empty alt as a bare `alt`, which HTML reads as alt="".)
    expect(tags.find((tag) => tag.includes('avatars/noor.png'))).toMatch(/\salt(?:="")?[\s>]/);
    expect(tags.find((tag) => tag.includes('img/rows.png'))).toContain('alt="A chart of rows over time"');
    expect(rendered.html).not.toMatch(/>NH<\/td>|>KS<\/td>/);
  });

  it('keeps the recipient placeholders intact through MJML, in text and in attributes', () => {
    expect(rendered.html).toContain('Hi [[digest:greetingName]],');
    expect(rendered.html).toContain('at [[digest:email]].');
    expect(rendered.html).toContain('href="[[digest:unsubscribeUrl]]"');
    expect(rendered.mjml).toContain('href="[[digest:unsubscribeUrl]]"');
    // Nothing percent-encoded or half-escaped on the way.
    expect(rendered.html).not.toMatch(/%5B%5Bdigest|\[\[digest:[^\]]*%|&#91;/i);
  });

  it('shows the footer line and the archive link', () => {
    expect(rendered.html).toContain('Northwind Labs · 12 Harbour Street · Hamburg');
    expect(links(rendered.html)).toContainEqual({ href: 'https://news.example.com/archive/2026-W48', text: 'Read this issue online' });
  });
});

describe('renderIssue: text part', () => {
  it('contains every article URL, the archive URL and the unsubscribe placeholder', () => {
    for (const article of sampleIssue().articles) {
      expect(rendered.text).toContain(article.url);
      expect(rendered.text).toContain(article.title);
    }
    expect(rendered.text).toContain('https://news.example.com/archive/2026-W48');
    expect(rendered.text).toContain('[[digest:unsubscribeUrl]]');
    expect(rendered.text).toContain('Hi [[digest:greetingName]],');
  });

  it('has no HTML tags or entities and ends with one newline', () => {
    expect(rendered.text).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(rendered.text).not.toMatch(/&(?:[a-z]+|#\d+);/i);
    expect(rendered.text).not.toMatch(/\n{3,}/);
    expect(rendered.text.endsWith('\n')).toBe(true);
    expect(rendered.text.endsWith('\n\n')).toBe(false);
  });

  it('lists articles in order, numbered', () => {
    const numbered = rendered.text.split('\n').filter((line) => /^\d+\. /.test(line));
    expect(numbered).toEqual(['1. Moving our queue to Postgres', '2. Dark mode tokens we got wrong', '3. Backfilling four billion rows']);
  });

  it('keeps content as written, while the HTML part escapes it', async () => {
    const issue = sampleIssue();
    const first = issue.articles[0];
    if (!first) throw new Error('fixture has articles');
    first.title = 'Q&A: <Postgres> "queues"';
    const result = await renderIssue(issue, NEWSLETTER, templates);
    expect(result.text).toContain('1. Q&A: <Postgres> "queues"');
    expect(result.html).toContain('Q&amp;A: &lt;Postgres&gt; ');
    expect(result.html).not.toContain('<Postgres>');
  });
});

describe('renderIssue: size', () => {
  it('keeps 12 articles with 300-character summaries and 180-character bios under Gmail\'s clipping limit', async () => {
    const issue = largeIssue();
    expect(issue.articles).toHaveLength(12);
    expect(issue.articles.every((article) => article.summary.length === 300)).toBe(true);
    expect(issue.articles.every((article) => article.author?.bioText.length === 180)).toBe(true);
    const result = await renderIssue(issue, NEWSLETTER, templates);
    expect(Buffer.byteLength(result.html)).toBeLessThan(GMAIL_CLIP_BYTES);
    expect(result.warnings.filter((warning) => warning.includes('clipping'))).toEqual([]);
  });
});
