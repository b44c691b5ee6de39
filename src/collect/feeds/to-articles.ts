import type { Article, Author, ExcludedArticle } from '../../types.js';
import { htmlToText } from '../../util/sanitize.js';
import type { FeedItem } from './parse.js';

/** The fields of a parsed feed item that make an article. */
export type FeedItemFields = FeedItem;

/** A feed source as configured. */
export interface FeedSourceFields {
  name: string;
  url: string;
  section?: string;
  /** An author id from authors/, or a name. */
  author?: string;
}

/** Articles made from one feed, items that cannot be placed, and authors met for the first time. */
export interface FeedArticles {
  articles: Article[];
  excluded: ExcludedArticle[];
  newAuthors: Author[];
}

/** "Jane Doe" → "jane-doe" (ASCII, for ids and slugs). */
export function slugify(text: string, max = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/, '') || 'item';
}

/** Feed HTML as Markdown-ish plain paragraphs, for the summarizer. */
export function htmlToParagraphs(html: string): string {
  return html
    .split(/<\/(?:p|div|li|h[1-6]|blockquote|pre|figure|section|article)>|<br\s*\/?>/i)
    .map((block) => htmlToText(block))
    .filter((block) => block.length > 0)
    .join('\n\n');
}

/**
 * Turns feed items into articles of the digest, exactly like Markdown ones:
 * the item's author when it has one (matched to a known author by name),
 * else the source's default author. Items without a date cannot be placed
 * in a week and are left out as invalid.
 */
export function feedItemsToArticles(
  items: readonly FeedItemFields[],
  source: FeedSourceFields,
  authors: ReadonlyMap<string, Author>,
  fallbackUrl: string | null,
): FeedArticles {
  const byName = new Map([...authors.values()].map((author) => [author.name.toLowerCase(), author]));
  const newAuthors = new Map<string, Author>();
  const file = `feed ${source.name}`;
  const authorIdOf = (name: string | null): string | undefined => {
    const wanted = name ?? source.author;
    if (!wanted) return undefined;
    if (authors.has(wanted)) return wanted;
    const known = byName.get(wanted.toLowerCase());
    if (known) return known.id;
    const id = `feed-${slugify(wanted)}`;
    if (!newAuthors.has(id)) newAuthors.set(id, { id, name: wanted, links: [], bioHtml: '', bioText: '', file });
    return id;
  };
  const articles: Article[] = [];
  const excluded: ExcludedArticle[] = [];
  for (const item of items) {
    const url = item.url ?? fallbackUrl;
    if (!item.date || !url) {
      excluded.push({ title: item.title, file, reason: 'invalid', detail: item.date ? 'the item has no link' : 'the item has no date' });
      continue;
    }
    const body = item.contentHtml ? htmlToParagraphs(item.contentHtml) : (item.summary ?? '');
    articles.push({
      file,
      slug: slugify(item.title),
      title: item.title,
      date: item.date,
      authorId: authorIdOf(item.author),
      url,
      section: source.section,
      tags: item.categories,
      image: item.image ?? undefined,
      draft: false,
      body,
    });
  }
  return { articles, excluded, newAuthors: [...newAuthors.values()] };
}
