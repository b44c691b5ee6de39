import { describe, expect, it } from 'vitest';
import { settleFeatured } from '../../../src/collect/featured.js';
import type { Article, ExcludedArticle } from '../../../src/types.js';

function article(name: string, fields: Partial<Article> = {}): Article {
  return {
    file: `content/articles/${name}.md`,
    slug: name.replace(/^\d{4}-\d{2}-\d{2}-/, ''),
    title: name,
    date: new Date('2026-11-24T09:00:00Z'),
    url: `https://news.example.com/${name}`,
    tags: [],
    draft: false,
    body: '',
    ...fields,
  };
}

const ISSUE_FILE = 'content/issues/2026-W48.md';
const featuredOf = (articles: readonly Article[]) => articles.filter((entry) => entry.featured === true).map((entry) => entry.file);

describe('settleFeatured', () => {
  it('has no lead story when nothing asks for one', () => {
    const result = settleFeatured([article('2026-11-23-a'), article('2026-11-24-b')], undefined);
    expect(result.featured).toBeUndefined();
    expect(featuredOf(result.articles)).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('leads with the article marked featured: true', () => {
    const result = settleFeatured([article('2026-11-23-a'), article('2026-11-24-b', { featured: true })], undefined);
    expect(result.featured?.file).toBe('content/articles/2026-11-24-b.md');
    expect(featuredOf(result.articles)).toEqual(['content/articles/2026-11-24-b.md']);
    expect(result.warnings).toEqual([]);
  });

  it.each([
    ['the file name without .md', '2026-11-23-a'],
    ['the file name with .md', '2026-11-23-a.md'],
    ['a path to the file', 'articles/2026-11-23-a.md'],
    ['the slug', 'a'],
    ['padded with spaces', '  2026-11-23-a '],
  ])("the issue file's featured wins over front matter, named by %s", (_, name) => {
    const articles = [article('2026-11-23-a'), article('2026-11-24-b', { featured: true }), article('2026-11-25-c', { featured: true })];
    const result = settleFeatured(articles, { name, file: ISSUE_FILE, line: 4 });
    expect(featuredOf(result.articles)).toEqual(['content/articles/2026-11-23-a.md']);
    expect(result.featured).toBe(result.articles[0]);
    expect(result.warnings).toEqual([]);
  });

  it('of several marked featured: true, the first in issue order leads, with a warning naming them', () => {
    const articles = [article('2026-11-23-a'), article('2026-11-24-b', { featured: true }), article('2026-11-25-c', { featured: true })];
    const result = settleFeatured(articles, undefined);
    expect(featuredOf(result.articles)).toEqual(['content/articles/2026-11-24-b.md']);
    expect(result.articles[2]?.featured).toBe(false);
    expect(result.warnings).toEqual([
      '2 articles say "featured: true" (content/articles/2026-11-24-b.md, content/articles/2026-11-25-c.md); only one leads: the first in the issue, content/articles/2026-11-24-b.md — keep "featured: true" on one article, or name the lead in the issue file\'s "featured:"',
    ]);
  });

  it('an issue file naming no article of the issue is a warning naming the file, line and value; front matter decides instead', () => {
    const articles = [article('2026-11-23-a'), article('2026-11-24-b', { featured: true })];
    const result = settleFeatured(articles, { name: '2026-11-24-typo', file: ISSUE_FILE, line: 4 });
    expect(featuredOf(result.articles)).toEqual(['content/articles/2026-11-24-b.md']);
    expect(result.warnings).toEqual([
      `${ISSUE_FILE}:4: "featured" names "2026-11-24-typo", which is no article of this issue; no lead story from the issue file — use one of: 2026-11-23-a, 2026-11-24-b`,
    ]);
  });

  it('says why when the named article is left out of the issue (a draft, another week)', () => {
    const excluded: ExcludedArticle[] = [{ title: 'Draft', file: 'content/articles/2026-11-26-draft.md', reason: 'draft' }];
    const result = settleFeatured([article('2026-11-23-a')], { name: '2026-11-26-draft', file: ISSUE_FILE }, excluded);
    expect(result.featured).toBeUndefined();
    expect(result.warnings).toEqual([
      `${ISSUE_FILE}: "featured" names "2026-11-26-draft", which is left out of this issue (draft); no lead story from the issue file — use one of: 2026-11-23-a`,
    ]);
  });

  it('lists at most 8 names in the warning', () => {
    const articles = Array.from({ length: 11 }, (_, index) => article(`2026-11-24-n${index}`));
    const [warning] = settleFeatured(articles, { name: 'nope', file: ISSUE_FILE }).warnings;
    expect(warning).toMatch(/2026-11-24-n7, … \(3 more\)$/);
    expect(warning).not.toContain('n8');
  });

  it('copies the articles it changes and keeps the order and the others as they are', () => {
    const marked = article('2026-11-24-b', { featured: true });
    const plain = article('2026-11-23-a', { featured: false });
    const articles = [plain, marked];
    const result = settleFeatured(articles, { name: '2026-11-23-a', file: ISSUE_FILE });
    expect(marked.featured).toBe(true);
    expect(plain.featured).toBe(false);
    expect(result.articles.map((entry) => entry.file)).toEqual(articles.map((entry) => entry.file));
    expect(result.articles.map((entry) => entry.featured)).toEqual([true, false]);
  });
});
