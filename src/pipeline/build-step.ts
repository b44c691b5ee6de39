import type { Config } from '../config/schema.js';
import type { Store } from '../store/db.js';
import { saveIssue } from '../store/issues.js';
import type { WeekWindow } from '../types.js';
import { issueDir, previewDir, readIssueSnapshot } from '../util/issue-files.js';
import { displayPath } from '../util/paths.js';
import { mediaDir } from '../util/media.js';
import { compileIssue, type CompiledIssue } from './compile.js';
import { createFeedLoader, storeFeedCache } from './feeds.js';
import { issueJson } from './issue-json.js';
import type { PipelineContext } from './index.js';
import { logChecks } from './log-checks.js';
import { publishIssueMedia } from './media.js';
import { resolveSecret } from './secret.js';
import { hasDeliveries } from './send.js';
import { isWeekInProgress, weekEndLabel } from './week-state.js';
import { writeIssueFiles, type BuiltIssue } from './write-issue.js';

export { logChecks } from './log-checks.js';

/** Compiles an issue and writes its files into its folder, with no store (benchmarks, library use). */
export async function buildIssue(config: Config, week: WeekWindow, options: { secret: string; now: Date }): Promise<BuiltIssue> {
  const compiled = await compileIssue(config, week, { secret: options.secret });
  const inProgress = isWeekInProgress(week, options.now);
  const record = issueJson(compiled, { builtAt: options.now, inProgress });
  const built: BuiltIssue = { ...compiled, dir: issueDir(config, week.id), previewCopy: false, inProgress, record };
  publishIssueMedia(config.dataDir, compiled.issue);
  writeIssueFiles(built.dir, built, record);
  return built;
}

/**
 * `digest build` for one week: compiles the issue (feeds through the store's
 * cache), writes its files and logs what went in, what was left out and
 * every check. An issue already sent keeps its snapshot: the build goes to a
 * preview copy and says so.
 */
export async function buildAndLog(context: PipelineContext, week: WeekWindow, store: Store): Promise<BuiltIssue> {
  const { config, clock, env, log } = context;
  const now = clock.now();
  const secret = resolveSecret(env, config.dataDir, { forDelivery: false });
  const loadFeed = createFeedLoader({ cache: storeFeedCache(store), now: () => clock.now() });
  const compiled = await compileIssue(config, week, { secret: secret.value, loadFeed, store, now });
  const snapshot = readIssueSnapshot(config, week.id);
  const previewCopy = snapshot !== undefined || hasDeliveries(store, week.id);
  const inProgress = isWeekInProgress(week, now);
  const record = issueJson(compiled, { builtAt: now, inProgress });
  const built: BuiltIssue = { ...compiled, dir: previewCopy ? previewDir(config, week.id) : issueDir(config, week.id), previewCopy, inProgress, record };
  // Images first: once the email exists, every image it names is already served.
  const published = publishIssueMedia(config.dataDir, compiled.issue);
  writeIssueFiles(built.dir, built, record);
  // The stored record describes the issue as sent; a preview copy leaves it alone.
  if (built.rendered && !previewCopy) {
    const { issue } = built;
    saveIssue(
      store,
      { id: issue.id, weekStart: week.start, weekEnd: week.end, subject: built.rendered.subject, articleCount: issue.articles.length, htmlBytes: built.htmlBytes },
      now,
    );
  }
  const { issue } = built;
  log.info(
    `Issue ${issue.id} (${issue.dateRange}): ${issue.articles.length} article${issue.articles.length === 1 ? '' : 's'}, ${issue.excluded.length} left out${built.rendered ? `, HTML ${(built.htmlBytes / 1024).toFixed(1)} KB` : ''}`,
  );
  if (built.rendered) log.info(`Subject: ${built.rendered.subject}${issue.editorial?.subject ? ` (from ${issue.editorial.file})` : ''}`);
  for (const line of fitLog(built)) log.info(line);
  if (inProgress) {
    log.info(`Week ${week.id} is in progress: it ends ${weekEndLabel(week, config.timezone)}; articles dated later this week still come in, and "digest send" waits for its end (or --force)`);
  }
  logChecks(log, built.checks);
  if (previewCopy) {
    const sentAt = snapshot ? ` on ${snapshot.sentAt}` : '';
    log.info(`Issue ${issue.id} was already sent${sentAt}: its files in ${displayPath(issueDir(config, week.id))}/ stay as sent; this build is a preview copy`);
  }
  if (published.length > 0) log.info(`Published ${published.length} image${published.length === 1 ? '' : 's'} to ${displayPath(mediaDir(config.dataDir))}/ (served at ${config.newsletter.baseUrl}/media/ by "digest serve")`);
  log.info(`Built ${displayPath(built.dir)}/`);
  return built;
}

/** What fitting under `size.budget` did, as build log lines: the budget, then each article compacted or moved. */
export function fitLog(compiled: CompiledIssue): string[] {
  const { fit, rendered, issue } = compiled;
  if (!fit || !rendered) return [];
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const title = new Map(issue.articles.map((article) => [article.url, article.title]));
  const lines = [
    `Size: ${kb(fit.bytes)} as sent (longest recipient), budget ${kb(fit.budget)}: ${fit.compacted.length} compacted, ${fit.moved.length} moved to the web archive`,
  ];
  for (const url of fit.compacted) lines.push(`  compacted: ${title.get(url) ?? url} <${url}>`);
  for (const url of fit.moved) lines.push(`  moved: ${title.get(url) ?? url} <${url}>`);
  return lines;
}
