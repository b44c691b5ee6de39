import path from 'node:path';
import { runChecks, type Check } from '../checks/index.js';
import type { FeedLoader } from '../collect/index.js';
import { CONFIG_DEFAULTS } from '../config/defaults.js';
import type { Config } from '../config/schema.js';
import { DigestError } from '../errors.js';
import { createPersonalizer, type Personalizer } from '../personalize/index.js';
import { loadTemplates, type Templates } from '../render/index.js';
import type { Store } from '../store/db.js';
import type { FitReport, Issue, Problem, RenderedIssue, WeekWindow } from '../types.js';
import { sharedLexer } from '../util/markdown-lex.js';
import { personalizeOptions } from '../util/personalize-options.js';
import { assembleIssue, SAMPLE_SUBSCRIBER, type BuildCache } from './build.js';
import { checkSampleEmail, type ThoroughOptions } from './email-checks.js';
import { overBudgetError, renderFitted } from './fit-step.js';

/** An issue compiled in memory: the data, the email once, the sample reader's copy and the checks. */
export interface CompiledIssue {
  issue: Issue;
  /** Undefined for an empty week, or when rendering failed in a lenient build. */
  rendered?: RenderedIssue;
  /** Sample-subscriber HTML, exactly as a subscriber receives it. */
  sampleHtml?: string;
  sampleText?: string;
  htmlBytes: number;
  /** What fitting the email under `size.budget` did (0 bytes when nothing was rendered). */
  fit?: FitReport;
  /** Every finding of the checks step, errors first. */
  checks: Check[];
  /** What stopped a lenient build from rendering (invalid files, template errors); always empty otherwise. */
  problems: Problem[];
}

/** How {@link compileIssue} runs. */
export interface CompileOptions {
  /** Signs the sample reader's unsubscribe link. */
  secret: string;
  /** Report invalid files and template or render errors as problems instead of failing (the preview). */
  lenient?: boolean;
  /** Caches a long-running process keeps between builds. */
  cache?: BuildCache;
  /** The templates, when the caller keeps them loaded; read from `templatesDir` otherwise. */
  templates?: () => Templates;
  /** How feed sources are fetched. */
  loadFeed?: FeedLoader;
  /** An issue already assembled (skips steps 1–3). */
  issue?: Issue;
  /** Where sent issues are recorded: with it, articles that missed a sent week come in late. */
  store?: Store;
  /** The build's clock. */
  now?: Date;
  /** Also run the slower checks of the email (`digest check`, the preview): client support, SpamAssassin, DKIM, links online. */
  thorough?: ThoroughOptions;
}

/** A failure as a problem to show; anything but a DigestError stays a failure. */
function asProblem(error: unknown): Problem {
  if (error instanceof DigestError) return { file: error.file, line: error.line, message: error.message, hint: error.hint };
  throw error;
}

/**
 * The pipeline, in order, for one week, all in memory: `digest build`,
 * `digest send`, `send --test` and the preview all compile through here.
 */
export async function compileIssue(config: Config, week: WeekWindow, options: CompileOptions): Promise<CompiledIssue> {
  // 1–3. Collect the week's articles, summarise them, attach their authors.
  // One lexer for the build: the summaries and the content checks read the same bodies.
  const lex = sharedLexer();
  const issue = options.issue ?? (await assembleIssue(config, week, { lenient: options.lenient, cache: options.cache, loadFeed: options.loadFeed, store: options.store, now: options.now, lex }));
  const problems: Problem[] = [...issue.problems];
  const compiled: CompiledIssue = { issue, htmlBytes: 0, fit: { budget: config.size.budget, bytes: 0, compacted: [], moved: [] }, checks: [], problems };
  let sampleReader: Personalizer | undefined;
  if (issue.articles.length > 0) {
    try {
      // 4. Load the templates.
      const templates = (options.templates ?? (() => loadTemplates(config.templatesDir)))();
      // 5. Render (Handlebars to MJML to HTML, and the text part, with recipient placeholders) and fit
      //    it under size.budget as the longest recipient's copy measures: a few MJML compiles at most.
      const fitted = await renderFitted(issue, config, templates);
      // An email over budget is not sent; the preview and `digest check` show it as an error check.
      if (!fitted.fits && !options.lenient) throw overBudgetError(issue, config, fitted);
      const { rendered, fit } = fitted;
      // 6. Personalise for the sample reader.
      const personalizer = createPersonalizer(rendered, personalizeOptions(config, options.secret));
      const sample = personalizer.documentsFor(SAMPLE_SUBSCRIBER);
      Object.assign(compiled, { rendered, fit, sampleHtml: sample.html, sampleText: sample.text, htmlBytes: Buffer.byteLength(sample.html) });
      sampleReader = personalizer;
    } catch (error) {
      if (!options.lenient) throw error;
      problems.push(asProblem(error));
    }
  }
  // 7. Check the email as the sample reader gets it.
  const emailChecks = compiled.rendered && sampleReader && compiled.sampleHtml !== undefined
    ? await checkSampleEmail(config, compiled.rendered, sampleReader, compiled.sampleHtml, options.thorough && { ...options.thorough, now: options.now ?? new Date() })
    : [];
  // 8. Check everything found on the way, and the content itself.
  compiled.checks = runChecks(issue, {
    maxSummaryLength: config.summary.maxLength,
    contentDir: config.contentDir,
    rootDir: path.dirname(config.file),
    htmlBytes: compiled.htmlBytes,
    clipBytes: CONFIG_DEFAULTS.gmailClipBytes,
    size: { budget: config.size.budget, fit: config.size.fit, report: compiled.fit },
    renderWarnings: compiled.rendered?.warnings ?? [],
    problems,
    emailChecks,
    lex,
  });
  return compiled;
}
