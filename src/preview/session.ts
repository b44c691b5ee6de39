import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Check } from '../checks/index.js';
import { CONFIG_DEFAULTS } from '../config/defaults.js';
import type { Config } from '../config/schema.js';
import { issueMedia } from '../pipeline/media.js';
import { createPreviewBuilder, problemOf, type PreviewBuild, type PreviewBuilder } from '../pipeline/preview-build.js';
import { MEDIA_PATH } from '../util/media.js';
import type { Clock, ExcludedArticle, FitReport, Problem, RenderedIssue } from '../types.js';
import { parseMailbox, type Mailbox } from '../util/address.js';

export { problemOf };

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
  /** The issue's lead story (the issue file's `featured`, or front matter `featured: true`). */
  featured: boolean;
}

/** Everything the preview page shows for one week. */
export interface PreviewSnapshot {
  version: number;
  week: { id: string; dateRange: string; upcoming: boolean; inProgress: boolean; sentAt: string | null };
  /** Weeks already sent, newest first, with when (for the week picker). */
  sent: { id: string; sentAt: string }[];
  newsletter: string;
  /** False when nothing could be rendered (config or template error). */
  rendered: boolean;
  /** The sender as inboxes show it (`newsletter.from`). */
  from: Mailbox;
  /** Subject and preheader as delivered: the inbox row above the email. */
  subject: string | null;
  preheader: string | null;
  /** The week's issue file (`contentDir/issues/<week>.md`), as shown to the editor, when there is one. */
  issueFile: string | null;
  /** The email exactly as a subscriber gets it. */
  html: string | null;
  /**
   * `baseUrl/media/`: the page shows local images from this server instead
   * (at `/media/`), since the public one may not be running yet.
   */
  mediaPrefix: string;
  text: string | null;
  htmlBytes: number;
  /** `size.budget`: what the size meter measures against. */
  budgetBytes: number;
  /** Where Gmail clips an email, shown beside the budget as context. */
  clipBytes: number;
  /** What fitting under `size.budget` did (the checks panel notes it too); null when nothing rendered. */
  fit: FitReport | null;
  articles: PreviewArticle[];
  excluded: ExcludedArticle[];
  /** The checks step's list, the same `digest build` prints and writes to issue.json. */
  checks: Check[];
  problems: Problem[];
  buildMs: number;
}

/** The page's view of a preview build. */
export function snapshotOf(build: PreviewBuild): PreviewSnapshot {
  const { compiled, config } = build;
  const rendered = compiled?.rendered;
  return {
    version: build.version,
    week: { id: build.week.id, dateRange: build.dateRange, upcoming: build.upcoming, inProgress: build.inProgress, sentAt: build.sentAt ?? null },
    sent: build.sent,
    newsletter: config.newsletter.name,
    rendered: rendered !== undefined,
    from: parseMailbox(config.newsletter.from),
    subject: rendered?.subject ?? null,
    preheader: rendered?.preheader ?? null,
    issueFile: compiled?.issue.editorial?.file ?? null,
    html: compiled?.sampleHtml ?? null,
    mediaPrefix: `${config.newsletter.baseUrl.replace(/\/+$/, '')}${MEDIA_PATH}`,
    text: compiled?.sampleText ?? null,
    htmlBytes: compiled?.htmlBytes ?? 0,
    budgetBytes: config.size.budget,
    clipBytes: CONFIG_DEFAULTS.gmailClipBytes,
    fit: rendered && compiled?.fit ? compiled.fit : null,
    articles: (compiled?.issue.articles ?? []).map((article) => ({
      title: article.title,
      file: article.file,
      date: article.date.toISOString(),
      dateLabel: format(new TZDate(article.date, config.timezone), 'EEE, MMM d, HH:mm'),
      author: article.author?.name ?? null,
      summary: article.summary,
      url: article.url,
      featured: article.featured === true,
    })),
    excluded: compiled?.issue.excluded ?? [],
    checks: compiled?.checks ?? [],
    problems: build.problems,
    buildMs: build.buildMs,
  };
}

/** What "send me a test" gets for a week: the email of its current build, or why there is none. */
export type TestIssue = { rendered: RenderedIssue } | { error: string };

/**
 * The preview's view of the pipeline: asks it for the current build of a
 * week and shapes that for the page. It keeps nothing of its own, so what
 * the page shows and what "send me a test" sends are the same build.
 */
export class PreviewSession {
  private readonly builder: PreviewBuilder;

  constructor(configArg: string | undefined, cwd: string, clock: Clock, env: NodeJS.ProcessEnv, initial?: Config) {
    this.builder = createPreviewBuilder({ configArg, cwd, clock, env, config: initial });
  }

  /** The config in use (the last valid one). */
  get currentConfig(): Config {
    return this.builder.config;
  }

  /** Increases on every change; clients compare it to know they are current. */
  get version(): number {
    return this.builder.version;
  }

  /** Files and folders whose changes refresh the preview. */
  watchedPaths(): string[] {
    return this.builder.watchedPaths();
  }

  /** The week the next scheduled run sends: the one containing now. */
  upcomingWeekId(): string {
    return this.builder.upcomingWeekId();
  }

  /** Reacts to saved files: the next builds see them. */
  invalidate(changed: readonly string[]): void {
    this.builder.invalidate(changed);
  }

  /** The page's state for a week, from its current build. */
  async snapshot(weekId: string): Promise<PreviewSnapshot> {
    return snapshotOf(await this.builder.current(weekId));
  }

  /** The source file of a local image that the current build of one of `weeks` shows, by its published name. */
  async mediaFile(name: string, weeks: Iterable<string>): Promise<string | undefined> {
    for (const week of weeks) {
      const issue = (await this.builder.current(week)).compiled?.issue;
      const file = issue && issueMedia(issue).find((media) => media.name === name);
      if (file) return file.source;
    }
    return undefined;
  }

  /**
   * The email "send me a test" sends: the current build's, never an older
   * one, so a week that stopped rendering sends nothing. A build with
   * problems sends nothing either, as `digest send` would refuse it.
   */
  async testIssue(weekId: string): Promise<TestIssue> {
    const build = await this.builder.current(weekId);
    const rendered = build.compiled?.rendered;
    const count = build.problems.length;
    // What `digest send` would refuse is not sent as a test either, even when an email came out.
    if (count > 0) {
      return {
        error: `week ${weekId} does not build now (${count} problem${count === 1 ? '' : 's'} shown): nothing was sent; fix ${count === 1 ? 'it' : 'them'} and send again`,
      };
    }
    if (!rendered) return { error: `week ${weekId} has no articles, so no email: nothing was sent; pick a week with articles` };
    return { rendered };
  }
}
