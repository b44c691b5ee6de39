import { describe, expect, it } from 'vitest';
import { feedItemsToArticles, htmlToParagraphs, slugify, type FeedItemFields } from '../../../../src/collect/feeds/to-articles.js';
import type { Author } from '../../../../src/types.js';

const ADA: Author = { id: 'ada', name: 'Ada Park', links: [], bioHtml: '', bioText: 'Ada writes.', file: 'content/authors/ada.md' };
const AUTHORS = new Map([['ada', ADA]]);

function item(fields: Partial<FeedItemFields>): FeedItemFields {
  return { id: 'x', title: 'Title', url: 'https://blog.example.com/x', date: new Date('2026-11-24T09:00:00Z'), author: null, summary: null, contentHtml: null, image: null, categories: [], ...fields };
}

describe('feedItemsToArticles', () => {
  const source = { name: 'Blog', url: 'https://blog.example.com/feed.xml', section: 'From the blog' };

  it('makes an article with the source section, the item body as paragraphs, and its categories as tags', () => {
    const { articles } = feedItemsToArticles([item({ contentHtml: '<p>First <b>para</b>.</p><p>Second.</p>', categories: ['db'] })], source, AUTHORS, null);
    expect(articles[0]).toMatchObject({ file: 'feed Blog', title: 'Title', section: 'From the blog', body: 'First para.\n\nSecond.', tags: ['db'], draft: false });
  });

  it.each([
    ['a known author id', { author: 'ada' }, undefined, 'ada'],
    ['a known author name, any case', { author: 'ada park' }, undefined, 'ada'],
    ['a new name becomes an author without a bio', { author: 'Lin Osei' }, undefined, 'feed-lin-osei'],
    ['no author: the source default', { author: null }, 'ada', 'ada'],
    ['no author and no default', { author: null }, undefined, undefined],
  ])('%s', (_name, fields, fallback, expected) => {
    const result = feedItemsToArticles([item(fields)], { ...source, author: fallback }, AUTHORS, null);
    expect(result.articles[0]?.authorId).toBe(expected);
    if (expected?.startsWith('feed-')) expect(result.newAuthors).toEqual([expect.objectContaining({ id: expected, name: 'Lin Osei', bioText: '' })]);
  });

  it('leaves out items without a date, and uses the feed link for items without one', () => {
    const result = feedItemsToArticles([item({ date: null, title: 'Undated' }), item({ url: null, title: 'Linkless' })], source, AUTHORS, 'https://blog.example.com/');
    expect(result.excluded).toEqual([{ title: 'Undated', file: 'feed Blog', reason: 'invalid', detail: 'the item has no date' }]);
    expect(result.articles[0]?.url).toBe('https://blog.example.com/');
  });
});

describe('helpers', () => {
  it.each([
    ['Jane Doe', 'jane-doe'],
    ['Tomás Lindqvist', 'tomas-lindqvist'],
    ['  ---  ', 'item'],
  ])('slugify(%j) = %j', (text, slug) => expect(slugify(text)).toBe(slug));

  it('turns block HTML into paragraphs of plain text', () => {
    expect(htmlToParagraphs('<h2>Head</h2><p>One &amp; two<br>three</p><ul><li>a</li><li>b</li></ul>')).toBe('Head\n\nOne & two\n\nthree\n\na\n\nb');
  });
});
