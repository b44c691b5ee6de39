import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates, renderIssue, type Templates } from '../../../src/render/index.js';
import type { RenderedIssue } from '../../../src/types.js';
import { PACKAGE_ROOT } from '../../../src/util/paths.js';
import { NEWSLETTER, sampleIssue } from '../../fixtures/unit/issue.js';
import { WEEK_AUTHORS, busyWeek } from '../../fixtures/unit/week.js';

const urlOf = (i: number): string => `https://news.example.com/article-${i}`;
const PLAN = { compacted: [urlOf(8)], moved: [urlOf(29), urlOf(25), urlOf(21)] };

let templates: Templates;
let week: RenderedIssue;
let planned: RenderedIssue;

beforeAll(async () => {
  templates = loadTemplates(path.join(PACKAGE_ROOT, 'templates'));
  week = await renderIssue(busyWeek(30), NEWSLETTER, templates);
  planned = await renderIssue(busyWeek(30), NEWSLETTER, templates, PLAN);
});

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** The CSS of every <style> with @media blocks and Outlook.com's [data-og…] rules taken out. */
function cssOutsideMediaAndDarkMode(html: string): string {
  const css = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((match) => match[1] ?? '').join('\n');
  let flat = '';
  let depth = 0;
  let media = false;
  for (let i = 0; i < css.length; i++) {
    if (depth === 0 && css.startsWith('@media', i)) media = true;
    const char = css[i];
    if (char === '{') depth++;
    if (!media) flat += char;
    if (char === '}' && --depth === 0) media = false;
  }
  return flat.replace(/\[data-ogs[cb]\][^{]*\{[^}]*\}/g, '');
}

describe('the email of a 30-article week', () => {
  it('shows each author\'s bio at most once, and a byline on every article', () => {
    for (const author of WEEK_AUTHORS) {
      const bio = author.bioText.split('. ')[0] ?? '';
      expect(count(week.html, bio)).toBe(1);
      expect(count(week.html, `by ${author.name}`)).toBe(6);
    }
  });

  it('links every title, with no bare "Read more" and author links kept apart', () => {
    for (let i = 0; i < 30; i++) expect(week.html).toMatch(new RegExp(`<a class="t" href="${urlOf(i)}"[^>]*>Article ${i}:`));
    expect(week.html).not.toMatch(/>\s*Read more/i);
    expect(week.html).not.toMatch(/<\/a><a\b/);
    expect(week.html).toMatch(/>Website<\/a> · <a [^>]*>Talks<\/a>/);
  });

  it('gives every image width and height attributes, and avatars an empty alt', () => {
    const images = week.html.match(/<img\b[^>]*>/g) ?? [];
    expect(images.length).toBeGreaterThan(5);
    for (const tag of images) {
      expect(tag).toMatch(/\swidth="\d+"/);
      expect(tag).toMatch(/\sheight="\d+"/);
    }
    for (const tag of images.filter((image) => image.includes('/avatars/'))) expect(tag).toMatch(/\salt(?:="")?[\s>]/);
    expect(images.find((tag) => tag.includes('/img/0.png'))).toMatch(/alt="Chart for article 0" width="552" height="276"/);
  });

  it('inlines its look, so it reads right without <style>: only media queries and dark mode stay in <head>', () => {
    expect(week.html).toMatch(/<a class="t" href="[^"]+" style="[^"]*color: #1f2328; text-decoration: none/);
    expect(week.html).toMatch(/<p class="m" style="[^"]*font-size: 13px[^"]*color: #59636e/);
    expect(week.html).toMatch(/<td class="ct" style="[^"]*font-size: 14px/);
    expect(week.html).toMatch(/<p style="border-top: solid 1px #e4e7eb/);
    const rest = cssOutsideMediaAndDarkMode(week.html);
    expect(rest).not.toMatch(/\.(?:t|m|k|s|q|c|im)\b[^-]/);
    expect(rest).not.toContain('#1f2328');
  });

  it('keeps the dark-mode grey off the initials badge, and targets Outlook.com', () => {
    expect(week.html).toMatch(/@media \(prefers-color-scheme: dark\)[\s\S]*\.c td\.b \{ color: #ffffff !important; \}/);
    expect(week.html).not.toMatch(/\.c td \{ color: #9198a1/);
    expect(week.html).toContain('[data-ogsc] .c td.b { color: #ffffff !important; }');
    expect(week.html).toContain('[data-ogsb] .card');
  });

  it('opens with a hidden preheader that uses no colour, padded so body text stays out of the preview', () => {
    const hidden = /<body[^>]*>\s*<div[^>]*>\s*<div style="([^"]*)">([^<]*)<\/div>/.exec(week.html);
    expect(hidden?.[1]).toContain('display:none');
    expect(hidden?.[1]).toContain('mso-hide:all');
    // No colour, opacity or 1px-font tricks: spam filters score them.
    expect(hidden?.[1]).not.toMatch(/color|opacity|font-size/);
    expect(hidden?.[2]?.startsWith(week.preheader.replace(/&/g, '&amp;'))).toBe(true);
    expect(count(hidden?.[2] ?? '', '&#8204;&nbsp;')).toBeGreaterThanOrEqual(80);
  });

  it('stays a reasonable size: under 2.5 KB of HTML per article', () => {
    expect(Buffer.byteLength(week.html) / 30).toBeLessThan(2.5 * 1024);
  });
});

describe('the email with a size plan', () => {
  it('leaves the moved articles out of the HTML, behind one "N more" link to the web archive', () => {
    for (const url of PLAN.moved) expect(planned.html).not.toContain(`href="${url}"`);
    expect(planned.html).toContain('3 more articles this week');
    expect(planned.html).toMatch(/<a href="https:\/\/news\.example\.com\/archive\/2026-W48"[^>]*>Read them all in the web archive<\/a>/);
  });

  it('shows a compacted article compact, and keeps the footer and unsubscribe link last', () => {
    expect(planned.html).toMatch(new RegExp(`<h4[^>]*><a class="t" href="${urlOf(8)}"`));
    expect(week.html).toMatch(new RegExp(`<h3[^>]*><a class="t" href="${urlOf(8)}"`));
    const more = planned.html.indexOf('3 more articles this week');
    const unsubscribe = planned.html.indexOf('href="[[digest:unsubscribeUrl]]"');
    expect(more).toBeGreaterThan(0);
    expect(unsubscribe).toBeGreaterThan(more);
    expect(Buffer.byteLength(planned.html)).toBeLessThan(Buffer.byteLength(week.html));
  });

  it('keeps every article in the text part', () => {
    for (let i = 0; i < 30; i++) expect(planned.text).toContain(urlOf(i));
    expect(planned.text).toBe(week.text);
  });
});

describe('the email\'s language', () => {
  it('sets lang and dir, and reads right to left for Arabic', async () => {
    const arabic = await renderIssue(sampleIssue(), { ...NEWSLETTER, language: 'ar' }, templates);
    expect(arabic.html).toMatch(/<html lang="ar" dir="rtl"/);
    const english = await renderIssue(sampleIssue(), NEWSLETTER, templates);
    expect(english.html).toMatch(/<html lang="en" dir="ltr"/);
  });

  it('shows the editor\'s note under the greeting instead of the generic intro, in both parts', async () => {
    const issue = sampleIssue();
    issue.editorial = { file: 'content/issues/2026-W48.md', noteHtml: '<p>Three stories, one <em>theme</em>.</p>', noteText: 'Three stories, one theme.' };
    const result = await renderIssue(issue, NEWSLETTER, templates);
    expect(result.html).toMatch(/Hi \[\[digest:greetingName\]\],<\/p>\s*<p[^>]*>Three stories, one <em>theme<\/em>\.<\/p>/);
    expect(result.html).not.toContain('new articles this week');
    expect(result.text).toContain('Hi [[digest:greetingName]],\n\nThree stories, one theme.\n');
  });
});
