import fs from 'node:fs';
import path from 'node:path';
import { TZDate } from '@date-fns/tz';
import { formatISO } from 'date-fns';
import { collectWeek, createContentCache, readSentRecord, type ContentCache, type FeedLoader } from '../collect/index.js';
import { createFeedLoader } from './feeds.js';
import { formatWeekRange } from '../util/week.js';
import type { Config } from '../config/schema.js';
import { createPersonalizer } from '../personalize/index.js';
import { issueDir } from '../util/issue-files.js';
import { personalizeOptions } from '../util/personalize-options.js';
import { loadTemplates, renderIssue, type Templates } from '../render/index.js';
import type { Store } from '../store/db.js';
import { saveIssue } from '../store/issues.js';
import { toSummary } from '../summarize/index.js';
import type { Article, Issue, IssueArticle, RenderedIssue, Subscriber, WeekWindow } from '../types.js';

/** The fixed reader every build and preview is rendered for. */
export const SAMPLE_SUBSCRIBER: Subscriber = { id: 0, email: 'reader@example.com', name: 'Alex Reader', status: 'active' };

/** A built issue: the data, the compiled email, and where its files are. */
export interface BuiltIssue {
  issue: Issue;
  /** Undefined for an empty week: there is nothing to render. */
  rendered?: RenderedIssue;
  /** Sample-subscriber HTML, exactly as a subscriber receives it. */
  sampleHtml?: string;
  sampleText?: string;
  dir: string;
  htmlBytes: number;
}

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

function summaryOf(article: Article, maxLength: number, cache?: BuildCache): string {
  const cached = cache?.summaries.get(article);
  if (cached && cached.maxLength === maxLength) return cached.summary;
  const summary = toSummary(article, { maxLength });
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
}

/** Steps 1–3 of the pipeline: collect the week, summarise, attach authors. */
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
  const articles: IssueArticle[] = collected.articles.map((article) => {
    const summary = summaryOf(article, config.summary.maxLength, options.cache);
    if (!summary) warnings.push(`${article.file}: no summary could be made (empty body): add "summary:" to its front matter`);
    const author = article.authorId ? collected.authors.get(article.authorId) : undefined;
    if (!author) warnings.push(`${article.file}: no author: the article is shown without an author card`);
    return { ...article, summary, author };
  });
  return {
    id: week.id,
    week,
    dateRange: formatWeekRange(week, config.timezone),
    timezone: config.timezone,
    articles,
    excluded: collected.excluded,
    warnings,
    problems: collected.problems,
    sourceWarnings: [...(sent?.warnings ?? []), ...collected.warnings],
  };
}

/**
 * Collect → summarise → render once → personalise for the sample reader,
 * all in memory (the preview uses this too: the same code path as sending).
 */
export async function compileIssue(
  config: Config,
  week: WeekWindow,
  options: { secret: string; templates?: Templates; issue?: Issue; loadFeed?: FeedLoader; store?: Store; now?: Date },
): Promise<Omit<BuiltIssue, 'dir'>> {
  const issue = options.issue ?? (await assembleIssue(config, week, { loadFeed: options.loadFeed, store: options.store, now: options.now }));
  if (issue.articles.length === 0) return { issue, htmlBytes: 0 };
  const templates = options.templates ?? loadTemplates(config.templatesDir);
  const rendered = await renderIssue(issue, newsletterInfo(config), templates);
  const personalizer = createPersonalizer(rendered, personalizeOptions(config, options.secret));
  const sample = personalizer.documentsFor(SAMPLE_SUBSCRIBER);
  return { issue, rendered, sampleHtml: sample.html, sampleText: sample.text, htmlBytes: Buffer.byteLength(sample.html) };
}

/**
 * `digest build`: compiles an issue and writes email.mjml, email.html,
 * email.txt, compiled.json and issue.json into its folder.
 */
export async function buildIssue(
  config: Config,
  week: WeekWindow,
  options: { secret: string; store?: Store; now: Date; templates?: Templates; loadFeed?: FeedLoader },
): Promise<BuiltIssue> {
  const built: BuiltIssue = { ...(await compileIssue(config, week, options)), dir: issueDir(config, week.id) };
  fs.mkdirSync(built.dir, { recursive: true });
  if (built.rendered) {
    fs.writeFileSync(path.join(built.dir, 'email.mjml'), built.rendered.mjml);
    fs.writeFileSync(path.join(built.dir, 'email.html'), built.sampleHtml ?? '');
    fs.writeFileSync(path.join(built.dir, 'email.txt'), built.sampleText ?? '');
    fs.writeFileSync(path.join(built.dir, 'compiled.json'), JSON.stringify(built.rendered));
  }
  fs.writeFileSync(path.join(built.dir, 'issue.json'), `${JSON.stringify(issueJson(built, options.now), null, 2)}\n`);
  if (options.store && built.rendered) {
    saveIssue(
      options.store,
      {
        id: built.issue.id,
        weekStart: week.start,
        weekEnd: week.end,
        subject: built.rendered.subject,
        articleCount: built.issue.articles.length,
        htmlBytes: built.htmlBytes,
      },
      options.now,
    );
  }
  return built;
}

/** Newsletter fields the templates show. */
export function newsletterInfo(config: Config): { name: string; baseUrl: string; tagline?: string; footer?: string } {
  const { name, baseUrl, tagline, footer } = config.newsletter;
  return { name, baseUrl, tagline, footer };
}

function localIso(date: Date, timeZone: string): string {
  return formatISO(new TZDate(date, timeZone));
}

/** The machine-readable record of a build (`issue.json`). */
export function issueJson(built: BuiltIssue, builtAt: Date): Record<string, unknown> {
  const { issue } = built;
  return {
    id: issue.id,
    week: { start: localIso(issue.week.start, issue.timezone), end: localIso(issue.week.end, issue.timezone) },
    timezone: issue.timezone,
    dateRange: issue.dateRange,
    subject: built.rendered?.subject ?? null,
    builtAt: builtAt.toISOString(),
    htmlBytes: built.htmlBytes,
    articles: issue.articles.map((article) => ({
      title: article.title,
      url: article.url,
      date: localIso(article.date, issue.timezone),
      author: article.authorId ?? null,
      authorName: article.author?.name ?? null,
      summary: article.summary,
      section: article.section ?? null,
      file: article.file,
      late: article.late !== undefined,
      ...(article.late ? { lateReason: article.late.reason } : {}),
    })),
    excluded: issue.excluded.map((entry) => ({ title: entry.title, file: entry.file, reason: entry.reason, ...(entry.reason === 'late' ? { detail: entry.detail } : {}) })),
    warnings: [...issue.sourceWarnings, ...issue.warnings, ...(built.rendered?.warnings ?? [])],
  };
}
