import type { Article } from '../types.js';

const TRACKING = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref)$/i;

/** A URL reduced to what identifies the page: no fragment, tracking parameters, `www.` or trailing slash. */
export function canonicalUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    for (const key of [...parsed.searchParams.keys()]) if (TRACKING.test(key)) parsed.searchParams.delete(key);
    parsed.hostname = parsed.hostname.toLowerCase().replace(/^www\./, '');
    parsed.protocol = 'https:';
    return parsed.toString().replace(/\/(\?|$)/, '$1');
  } catch {
    return url;
  }
}

function titleKey(article: Article): string {
  const day = article.date.toISOString().slice(0, 10);
  return `${article.title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()}|${day}`;
}

/** An article dropped because an earlier source has the same one. */
export interface Duplicate {
  article: Article;
  of: Article;
}

/**
 * Keeps the first of articles that are the same page reached through two
 * sources (same canonical URL, or same title on the same day). Sources
 * earlier in the list win.
 */
export function dedupeArticles(articles: readonly Article[]): { articles: Article[]; duplicates: Duplicate[] } {
  const seen = new Map<string, Article>();
  const kept: Article[] = [];
  const duplicates: Duplicate[] = [];
  for (const article of articles) {
    const keys = [`url:${canonicalUrl(article.url)}`, `title:${titleKey(article)}`];
    const first = keys.map((key) => seen.get(key)).find((found): found is Article => found !== undefined);
    if (first) {
      duplicates.push({ article, of: first });
      continue;
    }
    for (const key of keys) seen.set(key, article);
    kept.push(article);
  }
  return { articles: kept, duplicates };
}
