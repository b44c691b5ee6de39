import path from 'node:path';
import { collectWeek, createContentCache, readIssueFile, readSentRecord, settleFeatured, type ContentCache, type FeedLoader, type IssueFile } from '../collect/index.js';
import { DigestError } from '../errors.js';
import { dateLocaleOf } from '../util/date-locale.js';
import { createFeedLoader } from './feeds.js';
import { formatWeekRange } from '../util/week.js';
import type { Config } from '../config/schema.js';
import type { NewsletterInfo } from '../render/index.js';
import type { Store } from '../store/db.js';
import { toSummary } from '../summarize/index.js';
import type { MarkdownLexer } from '../util/markdown-lex.js';
import type { Article, Issue, IssueArticle, Problem, Subscriber, WeekWindow } from '../types.js';

/** The fixed reader every build and preview is rendered for. */
export const SAMPLE_SUBSCRIBER: Subscriber = { id: 0, email: 'reader@example.com', name: 'Alex Reader', status: 'active' };

/** What a long-running process (the preview) keeps between builds. */
export interface BuildCache {
  content: ContentCache;
  /** Summaries by article object: an unchanged file keeps its Article, so its summary is reused. */
  summaries: WeakMap<Article, { maxLength: number; summary: string }>;
}

/** Fresh caches for {@link assembleIssue}. */
export function createBuildCache(): BuildCache {
  return { content: createContentCache(), summaries: new WeakMap() };
}

function summaryOf(article: Article, maxLength: number, cache?: BuildCache, lex?: MarkdownLexer): string {
  const cached = cache?.summaries.get(article);
  if (cached && cached.maxLength === maxLength) return cached.summary;
  const summary = toSummary(article, { maxLength, lex });
  cache?.summaries.set(article, { maxLength, summary });
  return summary;
}

/** How {@link assembleIssue} collects. */
export interface AssembleOptions {
  /** Report invalid files instead of failing (the preview). */
  lenient?: boolean;
  cache?: BuildCache;
  /** How feed sources are fetched (with the SQLite cache in build and send). */
  loadFeed?: FeedLoader;
  /** Where sent issues are recorded: with it, articles that missed a sent week come in late. */
  store?: Store;
  /** The build's clock (late articles older than `lateArticlesMaxAge` before it are left out). */
  now?: Date;
  /** How article bodies are lexed: the build's shared lexer lets the content checks reuse the tokens. */
  lex?: MarkdownLexer;
}

/** Steps 1–3 of the pipeline: collect the week and its issue file, summarise, attach authors, settle the lead story. */
export async function assembleIssue(config: Config, week: WeekWindow, options: AssembleOptions = {}): Promise<Issue> {
  const sent = options.store ? readSentRecord(options.store, config) : undefined;
  const policy = { mode: config.lateArticles, maxAgeMs: config.lateArticlesMaxAge, now: options.now ?? new Date(), timeZone: config.timezone };
  const collected = await collectWeek(week, {
    sources: config.sources,
    contentDir: config.contentDir,
    timeZone: config.timezone,
    baseUrl: config.newsletter.baseUrl,
    root: path.dirname(config.file),
    lenient: options.lenient,
    cache: options.cache?.content,
    loadFeed: options.loadFeed ?? createFeedLoader({ now: () => new Date() }),
    sourceErrors: config.sourceErrors,
    late: sent && { sent: sent.sent, policy },
  });
  const warnings: string[] = [];
  const problems: Problem[] = [...collected.problems];
  const issueFile = readEditorial(config, week, options.lenient ? problems : undefined, warnings);
  const summarised: IssueArticle[] = collected.articles.map((article) => {
    const summary = summaryOf(article, config.summary.maxLength, options.cache, options.lex);
    // An empty summary or a missing author is reported by the checks step (checks/).
    const author = article.authorId ? collected.authors.get(article.authorId) : undefined;
    return { ...article, summary, author };
  });
  const featuredName = issueFile?.editorial.featured;
  const lead = settleFeatured(
    summarised,
    featuredName === undefined ? undefined : { name: featuredName, file: issueFile?.editorial.file ?? '', line: issueFile?.featuredLine },
    collected.excluded,
  );
  warnings.push(...lead.warnings);
  const dates = dateLocaleOf(config.newsletter.language);
  if (!dates.matched) warnings.push(`newsletter.language "${config.newsletter.language}": no date format for this language; dates are shown in English`);
  return {
    id: week.id,
    week,
    dateRange: formatWeekRange(week, config.timezone, dates.locale),
    timezone: config.timezone,
    articles: lead.articles,
    excluded: collected.excluded,
    warnings,
    problems,
    sourceWarnings: [...(sent?.warnings ?? []), ...collected.warnings],
    ...(issueFile ? { editorial: issueFile.editorial } : {}),
  };
}

/**
 * The week's issue file, when there is one. Invalid, it fails the build, or
 * (lenient, the preview) becomes a problem and the issue goes on without it.
 */
function readEditorial(config: Config, week: WeekWindow, problems: Problem[] | undefined, warnings: string[]): IssueFile | undefined {
  try {
    const read = readIssueFile(config.contentDir, week.id, { root: path.dirname(config.file) });
    warnings.push(...read.warnings);
    return read.file;
  } catch (error) {
    if (!problems || !(error instanceof DigestError)) throw error;
    problems.push({ file: error.file, line: error.line, message: error.message, hint: error.hint });
    return undefined;
  }
}

/** Newsletter fields the templates show, and what lays the issue out (sections, compactAfter). */
export function newsletterInfo(config: Config): NewsletterInfo {
  const { name, baseUrl, tagline, footer, language } = config.newsletter;
  return {
    name,
    baseUrl,
    tagline,
    footer,
    language,
    accent: config.theme.accent,
    logo: config.theme.logo,
    sections: config.sections,
    compactAfter: config.layout.compactAfter,
  };
}
