import { describe, expect, it } from 'vitest';
import { compactUrls, layoutOf, layoutOrder } from '../../../src/render/layout.js';
import { makeArticle, makeIssue } from '../../fixtures/unit/issue.js';

/** Articles dated one a day from Nov 23, with the given sections (null: none). */
function articles(sections: (string | null)[], featured: number[] = []) {
  return sections.map((section, i) =>
    makeArticle(`a${i}`, `A${i}`, `2026-11-${String(23 + (i % 7)).padStart(2, '0')}T09:00:00Z`, {
      section: section ?? undefined,
      featured: featured.includes(i) ? true : undefined,
    }),
  );
}

const slugs = (list: { slug: string }[]): string[] => list.map((article) => article.slug);

describe('layoutOf', () => {
  it('orders config sections first, in config order, matching names case-insensitively', () => {
    const issue = makeIssue(articles(['Data', 'engineering', 'Design', 'Data']));
    const layout = layoutOf(issue, { sections: ['Engineering', 'Data'] });
    expect(layout.sections.map((section) => section.name)).toEqual(['Engineering', 'Data', 'Design']);
    expect(layout.sections.map((section) => slugs(section.articles))).toEqual([['a1'], ['a0', 'a3'], ['a2']]);
  });

  it('puts unlisted sections after, most articles first, ties by first appearance, then articles without a section', () => {
    const issue = makeIssue(articles([null, 'Events', 'Process', 'Frontend', 'Process', 'Frontend', 'Ops', null]));
    const layout = layoutOf(issue);
    expect(layout.sections.map((section) => section.name)).toEqual(['Process', 'Frontend', 'Events', 'Ops', null]);
    expect(slugs(layout.order)).toEqual(['a2', 'a4', 'a3', 'a5', 'a1', 'a6', 'a0', 'a7']);
  });

  it('keeps one unnamed group, in issue order, when no article has a section', () => {
    const layout = layoutOf(makeIssue(articles([null, null, null])));
    expect(layout.sections).toHaveLength(1);
    expect(layout.sections[0]?.name).toBeNull();
    expect(slugs(layout.order)).toEqual(['a0', 'a1', 'a2']);
  });

  it('leads with the first featured article, taken out of its section', () => {
    const issue = makeIssue(articles(['Data', 'Design', 'Design', 'Data'], [2, 3]));
    const layout = layoutOf(issue);
    expect(layout.lead?.slug).toBe('a2');
    expect(slugs(layout.order)).toEqual(['a2', 'a0', 'a3', 'a1']);
    expect(layout.sections.flatMap((section) => slugs(section.articles))).not.toContain('a2');
  });

  it('drops a section whose only article leads', () => {
    const layout = layoutOf(makeIssue(articles(['Data', 'Design'], [1])));
    expect(layout.sections.map((section) => section.name)).toEqual(['Data']);
  });
});

describe('layoutOrder', () => {
  it('is the order of layoutOf, and lists every article once', () => {
    const issue = makeIssue(articles(['B', null, 'A', 'B', 'A', 'C'], [5]));
    const order = layoutOrder(issue, { sections: ['A'] });
    expect(slugs(order)).toEqual(['a5', 'a2', 'a4', 'a0', 'a3', 'a1']);
    expect(new Set(order).size).toBe(issue.articles.length);
  });
});

describe('compactUrls', () => {
  const order = articles(Array.from({ length: 15 }, () => null));

  it.each([
    [undefined, ['a12', 'a13', 'a14']],
    [13, ['a13', 'a14']],
    [0, order.map((article) => article.slug)],
    [100, []],
  ])('with compactAfter %s compacts %j', (compactAfter, expected) => {
    const urls = compactUrls(order, { compactAfter });
    expect([...urls].sort()).toEqual(expected.map((slug) => `https://news.example.com/${slug}`).sort());
  });

  it('adds the articles a size plan compacted, even before compactAfter', () => {
    const urls = compactUrls(order, { compactAfter: 14 }, { compacted: ['https://news.example.com/a3'], moved: [] });
    expect([...urls].sort()).toEqual(['https://news.example.com/a14', 'https://news.example.com/a3']);
  });
});
