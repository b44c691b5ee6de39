import { describe, expect, it } from 'vitest';
import { selectWeek } from '../../../src/collect/index.js';
import type { Article, WeekWindow } from '../../../src/types.js';

/** 2026-W48 in Europe/Berlin: Mon 23 Nov 00:00 CET to Mon 30 Nov 00:00 CET. */
const WEEK: WeekWindow = {
  id: '2026-W48',
  start: new Date('2026-11-22T23:00:00.000Z'),
  end: new Date('2026-11-29T23:00:00.000Z'),
};

function candidate(title: string, iso: string, extra: Partial<Article> = {}): Article {
  const slug = title.toLowerCase().replace(/\s+/g, '-');
  return {
    file: `articles/${slug}.md`,
    slug,
    title,
    date: new Date(iso),
    url: `https://news.example.com/${slug}`,
    tags: [],
    draft: false,
    body: '',
    ...extra,
  };
}

describe('selectWeek', () => {
  it('keeps the week articles oldest first and reports the others with their reasons', () => {
    const result = selectWeek(
      [
        candidate('Friday', '2026-11-27T10:00:00Z'),
        candidate('Last week', '2026-11-20T10:00:00Z'),
        candidate('Draft', '2026-11-25T10:00:00Z', { draft: true }),
        candidate('Monday', '2026-11-23T08:00:00Z'),
        candidate('Next week', '2026-12-01T10:00:00Z'),
      ],
      WEEK,
    );
    expect(result.articles.map((article) => article.title)).toEqual(['Monday', 'Friday']);
    expect(result.excluded).toEqual([
      { title: 'Last week', file: 'articles/last-week.md', reason: 'before the week' },
      { title: 'Draft', file: 'articles/draft.md', reason: 'draft' },
      { title: 'Next week', file: 'articles/next-week.md', reason: 'after the week' },
    ]);
  });

  it.each([
    ['the first instant of the week', '2026-11-22T23:00:00.000Z', undefined],
    ['1 ms before the week', '2026-11-22T22:59:59.999Z', 'before the week'],
    ['the last millisecond of the week', '2026-11-29T22:59:59.999Z', undefined],
    ['the first instant of the next week', '2026-11-29T23:00:00.000Z', 'after the week'],
    ['Sunday 23:30 local', '2026-11-29T22:30:00.000Z', undefined],
    ['Monday 00:30 local of the next week', '2026-11-29T23:30:00.000Z', 'after the week'],
  ])('at %s (%s) the reason is %s', (_label, iso, reason) => {
    const result = selectWeek([candidate('A', iso)], WEEK);
    expect(result.excluded.map((entry) => entry.reason)).toEqual(reason ? [reason] : []);
    expect(result.articles).toHaveLength(reason ? 0 : 1);
  });

  it('reports a draft as a draft even when it is outside the week', () => {
    const result = selectWeek([candidate('Old draft', '2026-01-01T00:00:00Z', { draft: true })], WEEK);
    expect(result.excluded).toEqual([{ title: 'Old draft', file: 'articles/old-draft.md', reason: 'draft' }]);
  });

  it('orders articles with the same date by title', () => {
    const at = '2026-11-24T09:00:00Z';
    const result = selectWeek([candidate('Beta', at), candidate('alpha', at), candidate('Gamma', at)], WEEK);
    expect(result.articles.map((article) => article.title)).toEqual(['alpha', 'Beta', 'Gamma']);
  });

  it('returns the candidates themselves and leaves the input order alone', () => {
    const later = candidate('Later', '2026-11-26T09:00:00Z');
    const earlier = candidate('Earlier', '2026-11-24T09:00:00Z');
    const input = [later, earlier];
    const result = selectWeek(input, WEEK);
    expect(result.articles[0]).toBe(earlier);
    expect(input).toEqual([later, earlier]);
  });

  it('handles no candidates', () => {
    expect(selectWeek([], WEEK)).toEqual({ articles: [], excluded: [] });
  });
});
