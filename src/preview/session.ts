import path from 'node:path';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { formatWeekRange, weekContaining, weekWindow } from '../util/week.js';
import { CONFIG_DEFAULTS } from '../config/defaults.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { DigestError } from '../errors.js';
import { assembleIssue, compileIssue, createBuildCache, type BuildCache } from '../pipeline/build.js';
import { resolveSecret } from '../pipeline/secret.js';
import { createFeedLoader, memoryFeedCache } from '../pipeline/feeds.js';
import { loadTemplates, type Templates } from '../render/index.js';
import type { Clock, ExcludedArticle, Problem, RenderedIssue } from '../types.js';
import { checkIssue, type CheckWarning } from './checks.js';

/** An article as the preview lists it. */
export interface PreviewArticle {
  title: string;
  file: string;
  date: string;
  /** Date and time in the newsletter's time zone, e.g. "Mon, Nov 23, 09:30". */
  dateLabel: string;
  author: string | null;
  summary: string;
  url: string;
}

/** Everything the preview page shows for one week. */
export interface PreviewSnapshot {
  version: number;
  week: { id: string; dateRange: string; upcoming: boolean };
  newsletter: string;
  /** False when nothing could be rendered (config or template error). */
  rendered: boolean;
  subject: string | null;
  preheader: string | null;
  html: string | null;
  text: string | null;
  htmlBytes: number;
  clipBytes: number;
  articles: PreviewArticle[];
  excluded: ExcludedArticle[];
  checks: CheckWarning[];
  problems: Problem[];
  buildMs: number;
}

/** A DigestError (or any error) as a problem to show. */
export function problemOf(error: unknown): Problem {
  if (error instanceof DigestError) return { file: error.file, line: error.line, message: error.message, hint: error.hint };
  return { message: error instanceof Error ? error.message : String(error), hint: 'run with DEBUG=1 and report it' };
}

/**
 * The preview's state: the config, templates and parsed content kept between
 * builds, rebuilt only where a saved file changed. Errors become problems on
 * the snapshot; they never escape.
 */
export class PreviewSession {
  private config: Config;
  private templates?: Templates;
  private templatesError?: Problem;
  private configError?: Problem;
  private cache: BuildCache = createBuildCache();
  // Feeds are fetched at most every few minutes while editing, not on every keystroke's rebuild.
  private readonly loadFeed = createFeedLoader({
    cache: memoryFeedCache(),
    now: () => this.clock.now(),
    maxAgeMs: CONFIG_DEFAULTS.feeds.previewMaxAgeMs,
  });
  private snapshots = new Map<string, Promise<PreviewSnapshot>>();
  private rendered = new Map<string, RenderedIssue>();
  private versionCounter = 0;

  constructor(
    private readonly configArg: string | undefined,
    private readonly cwd: string,
    private readonly clock: Clock,
    private readonly env: NodeJS.ProcessEnv,
    /** The config when the caller has already loaded it (saves reading it twice). */
    initial?: Config,
  ) {
    this.config = initial ?? loadConfig(configArg, cwd);
  }

  /** The config in use (the last valid one). */
  get currentConfig(): Config {
    return this.config;
  }

  /** Increases on every change; clients compare it to know they are current. */
  get version(): number {
    return this.versionCounter;
  }

  /** Files and folders whose changes refresh the preview. */
  watchedPaths(): string[] {
    return [this.config.file, this.config.contentDir, this.config.templatesDir];
  }

  /** The week the next scheduled run sends: the one containing now. */
  upcomingWeekId(): string {
    return weekContaining(this.clock.now(), this.config.timezone).id;
  }

  /** Reacts to saved files: reloads what they affect and drops stale snapshots. */
  invalidate(changed: readonly string[]): void {
    const inside = (dir: string, file: string) => !path.relative(dir, file).startsWith('..');
    if (changed.some((file) => path.resolve(file) === this.config.file)) {
      try {
        const previousTemplates = this.config.templatesDir;
        this.config = loadConfig(this.configArg, this.cwd);
        this.configError = undefined;
        this.cache = createBuildCache();
        if (this.config.templatesDir !== previousTemplates) this.templates = undefined;
      } catch (error) {
        this.configError = problemOf(error);
      }
    }
    if (changed.some((file) => inside(this.config.templatesDir, path.resolve(file)))) this.templates = undefined;
    this.snapshots.clear();
    this.versionCounter++;
  }

  /** The rendered issue of a week, as last previewed (for "send me a test"). */
  async renderedIssue(weekId: string): Promise<RenderedIssue | undefined> {
    await this.snapshot(weekId);
    return this.rendered.get(weekId);
  }

  /** The snapshot of a week, built once per version. */
  snapshot(weekId: string): Promise<PreviewSnapshot> {
    const key = `${weekId}@${this.versionCounter}`;
    let snapshot = this.snapshots.get(key);
    if (!snapshot) {
      snapshot = this.build(weekId);
      this.snapshots.set(key, snapshot);
    }
    return snapshot;
  }

  private loadTemplatesOnce(): Templates | undefined {
    if (!this.templates) {
      try {
        this.templates = loadTemplates(this.config.templatesDir);
        this.templatesError = undefined;
      } catch (error) {
        this.templatesError = problemOf(error);
      }
    }
    return this.templates;
  }

  private async build(weekId: string): Promise<PreviewSnapshot> {
    const started = performance.now();
    const config = this.config;
    const week = weekWindow(weekId, config.timezone);
    const base: PreviewSnapshot = {
      version: this.versionCounter,
      week: { id: week.id, dateRange: formatWeekRange(week, config.timezone), upcoming: week.id === this.upcomingWeekId() },
      newsletter: config.newsletter.name,
      rendered: false,
      subject: null,
      preheader: null,
      html: null,
      text: null,
      htmlBytes: 0,
      clipBytes: CONFIG_DEFAULTS.gmailClipBytes,
      articles: [],
      excluded: [],
      checks: [],
      problems: this.configError ? [this.configError] : [],
      buildMs: 0,
    };
    try {
      const issue = await assembleIssue(config, week, { lenient: true, cache: this.cache, loadFeed: this.loadFeed });
      base.problems.push(...issue.problems);
      base.excluded = issue.excluded;
      base.articles = issue.articles.map((article) => ({
        title: article.title,
        file: article.file,
        date: article.date.toISOString(),
        dateLabel: format(new TZDate(article.date, config.timezone), 'EEE, MMM d, HH:mm'),
        author: article.author?.name ?? null,
        summary: article.summary,
        url: article.url,
      }));
      const templates = this.loadTemplatesOnce();
      if (this.templatesError) base.problems.push(this.templatesError);
      if (templates && issue.articles.length > 0) {
        const secret = resolveSecret(this.env, config.dataDir, { forDelivery: false }).value;
        const compiled = await compileIssue(config, week, { secret, templates, issue });
        if (compiled.rendered) {
          this.rendered.set(weekId, compiled.rendered);
          Object.assign(base, {
            rendered: true,
            subject: compiled.rendered.subject,
            preheader: compiled.rendered.preheader,
            html: compiled.sampleHtml ?? null,
            text: compiled.sampleText ?? null,
            htmlBytes: compiled.htmlBytes,
          });
        }
      }
      base.checks = [
        ...issue.sourceWarnings.map((message): CheckWarning => ({ kind: 'source', message })),
        ...checkIssue(issue, {
        maxSummaryLength: config.summary.maxLength,
        contentDir: config.contentDir,
        rootDir: path.dirname(config.file),
        htmlBytes: base.htmlBytes,
        clipBytes: base.clipBytes,
        }),
      ];
    } catch (error) {
      base.problems.push(problemOf(error));
    }
    base.buildMs = Math.round(performance.now() - started);
    return base;
  }
}
