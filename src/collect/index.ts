import type { Article, Author, ExcludedArticle, WeekWindow } from '../types.js';
import { readArticles } from './articles.js';
import { readAuthors } from './authors.js';
import { isInWeek } from './week.js';

/** The candidates of one week, split into those in the issue and those left out. */
export interface CollectedWeek {
  articles: Article[];
  excluded: ExcludedArticle[];
  authors: Map<string, Author>;
}

/** What collecting needs from the config. */
export interface CollectOptions {
  contentDir: string;
  timeZone: string;
  baseUrl: string;
  /** File names are shown relative to this folder (the config file's). */
  root?: string;
}

/**
 * Stage entry: reads the content folder and picks the articles of `week`.
 * Every file is validated, in the week or not: a broken file fails the build.
 */
export function collectWeek(week: WeekWindow, options: CollectOptions): CollectedWeek {
  const authors = readAuthors(options.contentDir, { root: options.root });
  const candidates = readArticles(options.contentDir, {
    root: options.root,
    timeZone: options.timeZone,
    baseUrl: options.baseUrl,
    authorIds: new Set(authors.keys()),
  });
  return { ...selectWeek(candidates, week), authors };
}

/** Splits candidates into the week's articles (oldest first) and the excluded ones with reasons. */
export function selectWeek(candidates: Article[], week: WeekWindow): Omit<CollectedWeek, 'authors'> {
  const articles: Article[] = [];
  const excluded: ExcludedArticle[] = [];
  for (const article of candidates) {
    const reason = exclusionReason(article, week);
    if (reason) excluded.push({ title: article.title, file: article.file, reason });
    else articles.push(article);
  }
  articles.sort((a, b) => a.date.getTime() - b.date.getTime() || a.title.localeCompare(b.title));
  return { articles, excluded };
}

function exclusionReason(article: Article, week: WeekWindow): ExcludedArticle['reason'] | undefined {
  if (article.draft) return 'draft';
  if (isInWeek(article.date, week)) return undefined;
  return article.date.getTime() < week.start.getTime() ? 'before the week' : 'after the week';
}
