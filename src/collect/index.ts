import path from 'node:path';
import type { ResolvedSource } from '../config/schema.js';
import { DigestError } from '../errors.js';
import type { Article, Author, ExcludedArticle, Problem, WeekWindow } from '../types.js';
import { dedupeArticles } from './dedupe.js';
import { feedItemsToArticles, type FeedItemFields } from './feeds/to-articles.js';
import { readArticles } from './articles.js';
import { readAuthors } from './authors.js';
import type { ContentCache } from './cache.js';
import { isInWeek } from '../util/week.js';
import { toleratedBecause } from './placement.js';
import { pickLateArticles, type LatePolicy, type SentRecord } from './late.js';

export { createContentCache, type ContentCache } from './cache.js';
export { readSentRecord } from './sent-weeks.js';
export type { LatePolicy, SentRecord } from './late.js';
export { issueFilePath, readIssueFile, type IssueFile, type IssueFileResult } from './issue-file.js';
export { settleFeatured, type FeaturedChoice, type FeaturedResult } from './featured.js';

/** The candidates of one week, split into those in the issue and those left out. */
export interface CollectedWeek {
  articles: Article[];
  excluded: ExcludedArticle[];
  authors: Map<string, Author>;
  /** Invalid files (only in lenient mode; strict mode throws the first that must fail the build). */
  problems: Problem[];
  /** Failing sources, feed oddities, skipped paths, invalid drafts and out-of-week files, late articles. */
  warnings: string[];
}

/** Items of one feed source, as a loader returns them. */
export interface LoadedFeed {
  items: FeedItemFields[];
  /** The feed's own link: the fallback URL of items without one. */
  link: string | null;
  warnings: string[];
}

/** Fetches (or reads) and parses one feed source. */
export type FeedLoader = (source: Extract<ResolvedSource, { type: 'feed' }>) => Promise<LoadedFeed>;

/** What collecting needs from the config. */
export interface CollectOptions {
  /** Where articles come from (default: the Markdown of `contentDir`). */
  sources?: ResolvedSource[];
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
  /** Needed when a feed source is configured. */
  loadFeed?: FeedLoader;
  /** `warn` (default): a failing feed is a warning; `fail`: it stops the build. */
  sourceErrors?: 'warn' | 'fail';
  /** What was already sent, and the policy for articles that missed their week (none: no late articles). */
  late?: { sent: SentRecord; policy: LatePolicy };
}

/**
 * Stage entry: reads every source and picks the articles of `week`. Markdown
 * files are validated, in the week or not: an invalid file of the week, or
 * one that cannot be placed in any week, fails (strict mode); an invalid
 * draft or out-of-week file is a warning. A failing feed is a warning (or an
 * error with `sourceErrors: fail`); the same article from two sources counts
 * once; with `late`, articles that missed a sent week are added, marked late.
 */
export async function collectWeek(week: WeekWindow, options: CollectOptions): Promise<CollectedWeek> {
  const sources = options.sources ?? [{ type: 'markdown', dir: options.contentDir }];
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const excluded: ExcludedArticle[] = [];
  const candidates: Article[] = [];
  const authors = new Map<string, Author>();

  const markdownDirs = sources.flatMap((source) => (source.type === 'markdown' ? [source.dir] : []));
  // Authors whose file is invalid: only an article of the week that names one fails the build.
  const brokenAuthors = new Map<string, unknown>();
  for (const dir of markdownDirs) {
    const read = readAuthors(dir, { root: options.root, baseUrl: options.baseUrl }, options.cache?.authors);
    for (const [id, author] of read.authors) authors.set(id, author);
    for (const skipped of read.skipped) warnings.push(`${skipped.file}: ${skipped.reason}; skipped`);
    for (const failure of read.failures) {
      const problem = toProblem(failure.file, failure.error);
      if (options.lenient) problems.push(problem);
      else warnings.push(`${describeProblem(problem)} (used only if an article of the week names this author)`);
      brokenAuthors.set(path.basename(failure.file, '.md'), failure.error);
    }
  }
  const authorIds = new Set([...authors.keys(), ...brokenAuthors.keys()]);
  for (const dir of markdownDirs) {
    const read = readArticles(
      dir,
      { root: options.root, timeZone: options.timeZone, baseUrl: options.baseUrl, authorIds },
      options.cache?.articles,
    );
    for (const skipped of read.skipped) warnings.push(`${skipped.file}: ${skipped.reason}; skipped`);
    for (const { file, result } of read.results) {
      if (result.ok) {
        candidates.push(result.value);
        continue;
      }
      const problem = toProblem(file, result.error);
      const tolerated = toleratedBecause(result.placement, week);
      if (!options.lenient && !tolerated) throw result.error;
      if (options.lenient) problems.push(problem);
      if (tolerated) warnings.push(`${describeProblem(problem)} (left out: ${tolerated})`);
      excluded.push({ title: file.split('/').pop() ?? file, file, reason: 'invalid', detail: problem.message });
    }
  }
  for (const source of sources) {
    if (source.type !== 'feed') continue;
    if (!options.loadFeed) throw new Error('collectWeek: a feed source needs a loadFeed');
    let loaded: LoadedFeed;
    try {
      loaded = await options.loadFeed(source);
    } catch (error) {
      if (options.sourceErrors === 'fail' || !(error instanceof DigestError)) throw error;
      warnings.push(`feed "${source.name}" (${error.file ?? source.url}): ${error.message}${error.hint ? ` — ${error.hint}` : ''}; the issue is built from the other sources`);
      continue;
    }
    for (const warning of loaded.warnings) warnings.push(`feed "${source.name}": ${warning}`);
    const fromFeed = feedItemsToArticles(loaded.items, source, authors, loaded.link);
    for (const author of fromFeed.newAuthors) authors.set(author.id, author);
    candidates.push(...fromFeed.articles);
    excluded.push(...fromFeed.excluded);
  }

  const unique = dedupeArticles(candidates);
  const late = options.late ? pickLateArticles(unique.articles, week, options.late.sent, options.late.policy) : undefined;
  const selected = selectWeek(late ? unique.articles.filter((article) => !late.handled.has(article)) : unique.articles, week);
  if (late) {
    selected.articles.push(...late.late);
    selected.excluded.push(...late.excluded);
    for (const entry of late.excluded) if (entry.reason === 'duplicate') warnings.push(`${entry.file} ("${entry.title}"): ${entry.detail ?? 'already sent'}`);
  }
  for (const article of selected.articles) {
    const broken = article.authorId === undefined ? undefined : brokenAuthors.get(article.authorId);
    if (broken !== undefined && !options.lenient) throw broken;
  }
  // Only duplicates dated in this week are worth explaining; older ones would only be noise.
  const duplicates = unique.duplicates
    .filter(({ article }) => isInWeek(article.date, week))
    .map(({ article, of }): ExcludedArticle => ({ title: article.title, file: article.file, reason: 'duplicate', detail: `same article as ${of.file}` }));
  return { articles: selected.articles, excluded: [...excluded, ...selected.excluded, ...duplicates], authors, problems, warnings };
}

function describeProblem(problem: Problem): string {
  return `${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`;
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
