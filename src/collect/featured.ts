/**
 * The issue's lead story: the article the issue file names, else the first
 * one marked `featured: true`; at most one article of an issue stays featured.
 */
import path from 'node:path';
import type { Article, ExcludedArticle } from '../types.js';

/** What the issue file says about the lead story. */
export interface FeaturedChoice {
  /** `featured:` as written: an article's file name without `.md`. */
  name: string;
  /** The issue file, as shown to the editor. */
  file: string;
  line?: number;
}

/** The articles with `featured` settled, and what the editor should know about it. */
export interface FeaturedResult<T extends Article> {
  articles: T[];
  /** The lead story, when there is one. */
  featured?: T;
  warnings: string[];
}

/** Most file names a warning lists before "…". */
const LISTED = 8;

/**
 * Settles which article leads. The issue file's `featured` wins when it
 * names an article of the issue (by file name without `.md`, or by slug);
 * naming none is a warning, and the articles' own `featured: true` decide
 * instead. Of several marked in front matter, the first in issue order
 * leads, with a warning naming the others. Every other article comes back
 * with `featured: false`; articles are copied, never changed in place.
 */
export function settleFeatured<T extends Article>(articles: readonly T[], choice: FeaturedChoice | undefined, excluded: readonly ExcludedArticle[] = []): FeaturedResult<T> {
  const warnings: string[] = [];
  let lead: T | undefined;
  if (choice) {
    const wanted = normaliseName(choice.name);
    lead = articles.find((article) => fileNameOf(article.file) === wanted) ?? articles.find((article) => article.slug === wanted);
    if (!lead) warnings.push(unknownChoice(choice, wanted, articles, excluded));
  }
  if (!lead) {
    const marked = articles.filter((article) => article.featured === true);
    lead = marked[0];
    if (lead && marked.length > 1) {
      warnings.push(
        `${marked.length} articles say "featured: true" (${listOf(marked.map((article) => article.file))}); only one leads: the first in the issue, ${lead.file} — keep "featured: true" on one article, or name the lead in the issue file's "featured:"`,
      );
    }
  }
  const settled = articles.map((article) => {
    const featured = article === lead;
    return article.featured === featured ? article : { ...article, featured };
  });
  const featured = lead === undefined ? undefined : settled[articles.indexOf(lead)];
  return featured === undefined ? { articles: settled, warnings } : { articles: settled, featured, warnings };
}

/** `articles/2026-11-24-queues.md`, `2026-11-24-queues.md` and `2026-11-24-queues` all name `2026-11-24-queues`. */
function normaliseName(name: string): string {
  return path.posix.basename(name.trim().replace(/\\/g, '/')).replace(/\.md$/i, '');
}

function fileNameOf(file: string): string {
  return path.posix.basename(file.replace(/\\/g, '/')).replace(/\.md$/i, '');
}

function unknownChoice(choice: FeaturedChoice, wanted: string, articles: readonly Article[], excluded: readonly ExcludedArticle[]): string {
  const where = `${choice.file}${choice.line ? `:${choice.line}` : ''}`;
  const left = excluded.find((entry) => fileNameOf(entry.file) === wanted);
  const why = left ? `, which is left out of this issue (${left.reason})` : ', which is no article of this issue';
  const names = articles.map((article) => fileNameOf(article.file));
  const fix = names.length > 0 ? `use one of: ${listOf(names)}` : 'the issue has no articles';
  return `${where}: "featured" names "${choice.name}"${why}; no lead story from the issue file — ${fix}`;
}

function listOf(names: readonly string[]): string {
  const shown = names.slice(0, LISTED).join(', ');
  return names.length > LISTED ? `${shown}, … (${names.length - LISTED} more)` : shown;
}
