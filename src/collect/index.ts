import { DigestError } from '../errors.js';
import type { Article, Author, ExcludedArticle, Problem, WeekWindow } from '../types.js';
import { readArticles } from './articles.js';
import { readAuthors } from './authors.js';
import type { ContentCache } from './cache.js';
import { isInWeek } from './week.js';

export { createContentCache, type ContentCache } from './cache.js';

/** The candidates of one week, split into those in the issue and those left out. */
export interface CollectedWeek {
  articles: Article[];
  excluded: ExcludedArticle[];
  authors: Map<string, Author>;
  /** Invalid files (only in lenient mode; strict mode throws the first). */
  problems: Problem[];
}

/** What collecting needs from the config. */
export interface CollectOptions {
  contentDir: string;
  timeZone: string;
  baseUrl: string;
  /** File names are shown relative to this folder (the config file's). */
  root?: string;
  /**
   * Strict (the default, for build and send): the first invalid file throws.
   * Lenient (the preview): invalid files are reported and left out.
   */
  lenient?: boolean;
  /** Parsed files kept between calls (the preview). */
  cache?: ContentCache;
}

/**
 * Stage entry: reads the content folder and picks the articles of `week`.
 * Every file is validated, in the week or not.
 */
export function collectWeek(week: WeekWindow, options: CollectOptions): CollectedWeek {
  const { authors, failures } = readAuthors(options.contentDir, { root: options.root }, options.cache?.authors);
  const problems: Problem[] = [];
  const excludedInvalid: ExcludedArticle[] = [];
  for (const failure of failures) {
    if (!options.lenient) throw failure.error;
    problems.push(toProblem(failure.file, failure.error));
  }
  const candidates: Article[] = [];
  const files = readArticles(
    options.contentDir,
    { root: options.root, timeZone: options.timeZone, baseUrl: options.baseUrl, authorIds: new Set(authors.keys()) },
    options.cache?.articles,
  );
  for (const { file, result } of files) {
    if (result.ok) {
      candidates.push(result.value);
      continue;
    }
    if (!options.lenient) throw result.error;
    const problem = toProblem(file, result.error);
    problems.push(problem);
    excludedInvalid.push({ title: file.split('/').pop() ?? file, file, reason: 'invalid', detail: problem.message });
  }
  const selected = selectWeek(candidates, week);
  return { articles: selected.articles, excluded: [...excludedInvalid, ...selected.excluded], authors, problems };
}

/** A parse failure as the editor sees it; anything but a DigestError is a bug and is rethrown. */
function toProblem(file: string, error: unknown): Problem {
  if (!(error instanceof DigestError)) throw error;
  return { file: error.file ?? file, line: error.line, message: error.message, hint: error.hint };
}

/** Splits candidates into the week's articles (oldest first) and the excluded ones with reasons. */
export function selectWeek(candidates: Article[], week: WeekWindow): Pick<CollectedWeek, 'articles' | 'excluded'> {
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
