import { describe, expect, it } from 'vitest';
import { canonicalUrl, dedupeArticles } from '../../../src/collect/dedupe.js';
import type { Article } from '../../../src/types.js';

function article(file: string, title: string, url: string, iso = '2026-11-24T09:00:00Z'): Article {
  return { file, slug: 'x', title, date: new Date(iso), url, tags: [], draft: false, body: '' };
}

describe('canonicalUrl', () => {
  it.each([
    ['https://Example.com/post/', 'https://example.com/post'],
    ['http://www.example.com/post', 'https://example.com/post'],
    ['https://example.com/post?utm_source=rss&utm_medium=feed', 'https://example.com/post'],
    ['https://example.com/post?id=7&utm_campaign=x#comments', 'https://example.com/post?id=7'],
    ['https://example.com/', 'https://example.com'],
    ['not a url', 'not a url'],
  ])('%s → %s', (url, expected) => {
    expect(canonicalUrl(url)).toBe(expected);
  });
});

describe('dedupeArticles', () => {
  it('keeps the first source of the same canonical URL', () => {
    const md = article('content/articles/a.md', 'Queues', 'https://blog.example.com/queues');
    const feed = article('feed Blog', 'Queues in Postgres', 'https://www.blog.example.com/queues/?utm_source=rss');
    const result = dedupeArticles([md, feed]);
    expect(result.articles).toEqual([md]);
    expect(result.duplicates).toEqual([{ article: feed, of: md }]);
  });

  it('treats the same title on the same day as the same article, whatever the URLs', () => {
    const a = article('feed A', 'Queues in Postgres!', 'https://a.example.com/1', '2026-11-24T09:00:00Z');
    const b = article('feed B', 'queues in postgres', 'https://b.example.com/2', '2026-11-24T17:00:00Z');
    expect(dedupeArticles([a, b]).articles).toEqual([a]);
  });

  it('keeps different articles', () => {
    const a = article('feed A', 'Queues', 'https://a.example.com/1', '2026-11-24T09:00:00Z');
    const b = article('feed A', 'Queues', 'https://a.example.com/2', '2026-11-25T09:00:00Z');
    const c = article('feed A', 'Caches', 'https://a.example.com/3', '2026-11-24T09:00:00Z');
    expect(dedupeArticles([a, b, c]).articles).toEqual([a, b, c]);
  });
});
