import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../../src/render/colors.js';
import { buildViewModel } from '../../../src/render/view-model.js';
import { NEWSLETTER, makeArticle, makeIssue, sampleIssue } from '../../fixtures/unit/issue.js';
import { busyWeek } from '../../fixtures/unit/week.js';

const urlOf = (i: number): string => `https://news.example.com/article-${i}`;

describe('buildViewModel: layout', () => {
  it('leads with the featured article, large, first in the email and in no section', () => {
    const view = buildViewModel(busyWeek(8), NEWSLETTER);
    expect(view.lead).toMatchObject({ url: urlOf(3), number: 1, lead: true, compact: false });
    expect(view.articles[0]?.url).toBe(urlOf(3));
    expect(view.sections.flatMap((section) => section.articles).map((article) => article.url)).not.toContain(urlOf(3));
  });

  it('has no lead when nothing is featured', () => {
    expect(buildViewModel(sampleIssue(), NEWSLETTER).lead).toBeNull();
  });

  it('heads sections in config order, other names by count, and articles without one under "Also this week"', () => {
    const view = buildViewModel(busyWeek(12), { ...NEWSLETTER, sections: ['Product'] });
    expect(view.sections.map((section) => section.heading)).toEqual(['Product', 'Engineering', 'Design', 'Also this week']);
  });

  it('shows no headings when no article has a section', () => {
    const view = buildViewModel(makeIssue([makeArticle('a', 'A', '2026-11-24T09:00:00Z'), makeArticle('b', 'B', '2026-11-25T09:00:00Z')]), NEWSLETTER);
    expect(view.sections.map((section) => section.heading)).toEqual([null]);
  });

  it('compacts the articles placed after compactAfter, with a one-sentence teaser and a byline', () => {
    const view = buildViewModel(busyWeek(20), { ...NEWSLETTER, compactAfter: 12 });
    expect(view.articles.map((article) => article.compact)).toEqual([...Array(12).fill(false), ...Array(8).fill(true)]);
    const compact = view.articles[15];
    expect(compact?.teaser).toMatch(/^Article \d+ opens with a first sentence of a typical teaser\.$/);
    expect(compact?.byline).toMatch(/^by Writer Number\d$/);
  });

  it('numbers articles in the order the email shows them', () => {
    const view = buildViewModel(busyWeek(9), NEWSLETTER);
    expect(view.articles.map((article) => article.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const inSections = view.sections.flatMap((section) => section.articles.map((article) => article.number));
    expect([view.lead?.number, ...inSections]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('lists "In this issue" from 5 shown articles: the full-size ones, and a count of the brief ones', () => {
    expect(buildViewModel(busyWeek(4), NEWSLETTER).contents).toBeNull();
    expect(buildViewModel(busyWeek(5), NEWSLETTER).contents?.articles).toHaveLength(5);
    const busy = buildViewModel(busyWeek(20), NEWSLETTER).contents;
    expect(busy?.articles).toHaveLength(12);
    expect(busy?.rest).toBe('and 8 more in brief');
  });

  it('lists each author once, with a bio cut at a sentence end', () => {
    const view = buildViewModel(busyWeek(30), NEWSLETTER);
    const firstSeen = [...new Set(view.articles.map((article) => article.author?.id))];
    expect(view.authors.map((author) => author.id)).toEqual(firstSeen);
    expect(view.authors).toHaveLength(5);
    for (const author of view.authors) expect(author.bio).toMatch(/^Writer \d leads the storage team at Northwind\. Before that, ran databases at a bank for six years\. Lives in Hamburg with two cats and a bicycle\.$/);
    expect(view.issue.authorsHeading).toBe('Authors this week');
  });
});

describe('buildViewModel: size plan', () => {
  const plan = { compacted: [urlOf(0), urlOf(4)], moved: [urlOf(29), urlOf(25), urlOf(21)] };

  it('compacts the planned articles even before compactAfter', () => {
    const view = buildViewModel(busyWeek(30), NEWSLETTER, { plan });
    const byUrl = new Map(view.articles.map((article) => [article.url, article]));
    expect(byUrl.get(urlOf(0))?.compact).toBe(true);
    expect(byUrl.get(urlOf(4))?.compact).toBe(true);
    expect(byUrl.get(urlOf(8))?.compact).toBe(false);
  });

  it('leaves moved articles out of the sections, "In this issue" and authors, into one "N more" block', () => {
    const view = buildViewModel(busyWeek(30), NEWSLETTER, { plan });
    const shown = view.sections.flatMap((section) => section.articles.map((article) => article.url));
    for (const url of plan.moved) expect(shown).not.toContain(url);
    expect(shown).toHaveLength(26);
    expect(view.more).toEqual({ count: 3, label: '3 more articles this week', url: 'https://news.example.com/archive/2026-W48' });
    // 18 placed after compactAfter and 2 planned, less the 3 moved.
    expect(view.contents?.rest).toBe('and 17 more in brief');
  });

  it('keeps every article in the text part', () => {
    const view = buildViewModel(busyWeek(30), NEWSLETTER, { plan });
    const inText = [view.text.lead, ...view.text.sections.flatMap((section) => section.articles)].map((article) => article?.url);
    expect(inText.sort()).toEqual(Array.from({ length: 30 }, (_, i) => urlOf(i)).sort());
    expect(view.text.authors).toHaveLength(5);
  });

  it('has no "N more" block without a plan', () => {
    expect(buildViewModel(busyWeek(30), NEWSLETTER).more).toBeNull();
  });
});

describe('buildViewModel: the editor\'s issue', () => {
  it('takes the subject, preheader and note from the issue file', () => {
    const issue = sampleIssue();
    issue.editorial = {
      file: 'content/issues/2026-W48.md',
      subject: 'Postgres ate our queue',
      preheader: 'And three other stories from the week',
      noteHtml: '<p>A short week, but a <strong>big</strong> move.</p>',
      noteText: 'A short week, but a big move.',
    };
    const view = buildViewModel(issue, NEWSLETTER);
    expect(view.issue).toMatchObject({
      subject: 'Postgres ate our queue',
      preheader: 'And three other stories from the week',
      note: { html: '<p>A short week, but a <strong>big</strong> move.</p>', text: 'A short week, but a big move.' },
    });
  });

  it('falls back to the default subject and preheader, and no note, for an issue file without them', () => {
    const issue = sampleIssue();
    issue.editorial = { file: 'content/issues/2026-W48.md', featured: 'backfilling-rows' };
    const view = buildViewModel(issue, NEWSLETTER);
    expect(view.issue.subject).toBe('Field Notes · Nov 23 – 29, 2026');
    expect(view.issue.preheader.startsWith('Moving our queue to Postgres, and 2 more this week')).toBe(true);
    expect(view.issue.note).toBeNull();
  });
});

describe('buildViewModel: language and theme', () => {
  it.each([
    ['en', 'ltr', 'left'],
    ['de', 'ltr', 'left'],
    ['ar', 'rtl', 'right'],
    ['he-IL', 'rtl', 'right'],
  ])('%s is written %s', (language, dir, start) => {
    const view = buildViewModel(sampleIssue(), { ...NEWSLETTER, language });
    expect(view).toMatchObject({ lang: language, dir, align: { start } });
  });

  it('labels dates with the date-fns locale of the language', () => {
    const view = buildViewModel(sampleIssue(), { ...NEWSLETTER, language: 'fr' }, { words: { ...buildViewModel(sampleIssue(), NEWSLETTER).words, dateFormat: 'EEE d MMM' } });
    expect(view.articles[0]?.dateLabel).toBe('mar. 24 nov.');
  });

  it.each(['#0b5cad', '#c2410c', '#111111'])('keeps accent %s readable in dark mode', (accent) => {
    const view = buildViewModel(sampleIssue(), { ...NEWSLETTER, accent });
    expect(view.theme.accent).toBe(accent);
    expect(contrastRatio(view.theme.accentDark, '#161b22')).toBeGreaterThanOrEqual(4.5);
  });

  it('shows the logo with its size and the newsletter name as alt text', () => {
    const view = buildViewModel(sampleIssue(), { ...NEWSLETTER, logo: 'https://cdn.example.com/logo.png' });
    expect(view.theme.logo).toEqual({ src: 'https://cdn.example.com/logo.png', alt: 'Field Notes', width: 120, height: 40 });
    expect(buildViewModel(sampleIssue(), NEWSLETTER).theme.logo).toBeNull();
  });
});
