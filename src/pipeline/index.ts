import type { Config } from '../config/schema.js';
import { lastCompleteWeek, weekWindow } from '../util/week.js';
import { openStore, type Store } from '../store/db.js';
import type { DeliveryEvent, DeliveryReport } from '../send/deliver.js';
import { assertFresh } from './policy.js';
import type { Clock, RenderedIssue, WeekWindow } from '../types.js';
import { buildInWorker } from './build-in-worker.js';
import type { TestSendResult } from './test-send.js';
import { DigestError, ErrorCodes } from '../errors.js';
import { acquireRunLock } from './lock.js';
import { displayPath } from '../util/paths.js';
import type { Log } from './log.js';
import { resolveSecret } from './secret.js';
import { readCompiledIssue, readIssueSnapshot } from '../util/issue-files.js';
import { logChecks } from './log-checks.js';
import { cleanUpPendingSignUps } from './pending-cleanup.js';
import type { Check } from '../checks/check.js';
import { hasDeliveries, isIssueDone, sendRenderedIssue } from './send.js';
import { assertWeekEnded, isWeekInProgress } from './week-state.js';
import { writeSendSnapshot, type BuiltIssue } from './write-issue.js';
import type { CompiledIssue } from './compile.js';

export type { BuiltIssue } from './write-issue.js';

/** What every pipeline operation runs with. */
export interface PipelineContext {
  config: Config;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  log: Log;
}

/** The week given with `--week`, else the last complete week before now. */
export function chooseWeek(context: PipelineContext, weekId?: string): WeekWindow {
  return weekId
    ? weekWindow(weekId, context.config.timezone)
    : lastCompleteWeek(context.clock.now(), context.config.timezone);
}

/** Opens the store, runs `work`, and always closes it. */
export async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore(config.dataDir);
  try {
    return await work(store);
  } finally {
    store.close();
  }
}

/** `digest build`: builds one issue and writes its files. */
export async function build(context: PipelineContext, weekId?: string): Promise<BuiltIssue> {
  const week = chooseWeek(context, weekId);
  const { buildAndLog } = await import('./build-step.js');
  return withStore(context.config, (store) => buildAndLog(context, week, store));
}

/** How `digest check` runs. */
export interface CheckOptions {
  /** Also fetch every link of the email. */
  online?: boolean;
  /** Leave the checks to the caller to print (`--json`). */
  quiet?: boolean;
}

/**
 * `digest check`: compiles one week in memory, reporting problems instead of
 * failing, runs every check including the slower ones of the email (client
 * support, SpamAssassin, DKIM; with `online` each link fetched) and logs
 * them; nothing is written.
 */
export async function check(context: PipelineContext, weekId?: string, options: CheckOptions = {}): Promise<CompiledIssue> {
  const { config, clock, env, log } = context;
  const week = chooseWeek(context, weekId);
  const [{ compileIssue }, { logChecks }, { createFeedLoader, storeFeedCache }] = await Promise.all([
    import('./compile.js'),
    import('./build-step.js'),
    import('./feeds.js'),
  ]);
  const secret = resolveSecret(env, config.dataDir, { forDelivery: false });
  return withStore(config, async (store) => {
    const loadFeed = createFeedLoader({ cache: storeFeedCache(store), now: () => clock.now() });
    const compiled = await compileIssue(config, week, {
      secret: secret.value, lenient: true, loadFeed, store, now: clock.now(), thorough: { online: options.online ?? false },
    });
    const count = compiled.issue.articles.length;
    log.info(`Issue ${week.id} (${compiled.issue.dateRange}): ${count} article${count === 1 ? '' : 's'}${isWeekInProgress(week, clock.now()) ? ', week in progress' : ''}`);
    if (!options.quiet) logChecks(log, compiled.checks);
    return compiled;
  });
}

/** How `digest send` / `digest run` were asked to send. */
export interface SendOptions {
  /** Send a week that has not ended yet, or an issue older than `sending.maxDelay`. */
  force?: boolean;
  /** Aborting stops new sends; messages in flight finish and are recorded. */
  signal?: AbortSignal;
  onEvent?(event: DeliveryEvent): void;
}

/** The outcome of `digest send` / `digest run`. */
export interface SendOutcome {
  built?: BuiltIssue;
  report?: DeliveryReport;
  /** Why nothing was sent, when nothing was. */
  skipped?: string;
}

/** The email as first sent, when the issue was sent before (its snapshot, or the folder of an older send). */
function emailAsSent(context: PipelineContext, store: Store, issueId: string): { rendered: RenderedIssue; checks?: unknown } | undefined {
  const snapshot = readIssueSnapshot(context.config, issueId);
  if (snapshot) return { rendered: snapshot.rendered, checks: snapshot.issueJson.checks };
  // Sent before snapshots recorded sentAt: the folder's compiled.json is what went out.
  const rendered = hasDeliveries(store, issueId) ? readCompiledIssue(context.config, issueId) : undefined;
  return rendered ? { rendered } : undefined;
}

/**
 * `digest send`: sends one issue. An issue already (partly) sent is resumed
 * from its send snapshot; otherwise it is built now, and its snapshot is
 * written once, just before the first message goes out.
 */
export async function send(context: PipelineContext, weekId?: string, options: SendOptions = {}): Promise<SendOutcome> {
  const { config, log } = context;
  const week = chooseWeek(context, weekId);
  const startedAt = context.clock.now();
  const lock = acquireRunLock(context.config.dataDir);
  if (lock.tookOver?.state === 'held') {
    log.warn(`took over the run lock ${displayPath(lock.tookOver.file)} left by pid ${lock.tookOver.pid ?? '?'}, which is no longer running`);
  }
  try {
    return await withStore(context.config, async (store) => {
      // 0. Sign-ups whose confirmation link expired are deleted: their data is not kept.
      cleanUpPendingSignUps(store, config, startedAt, log);
      // 1. An issue sent before goes on with the email as first sent.
      const sent = emailAsSent(context, store, week.id);
      // 2. A week still in progress is not sent: its later articles would reach no one.
      if (!sent) assertWeekEnded(week, startedAt, config.timezone, options.force ?? false);
      // 3. Too late is not sent either; a finished issue is not stale, just done: rerunning it reports that and exits 0.
      if (!isIssueDone(store, week.id)) assertFresh(config, week, startedAt, options.force ?? false);
      // 4. Build the issue (in a worker thread) unless it was sent before.
      let built: BuiltIssue | undefined;
      let rendered = sent?.rendered;
      if (sent) {
        context.log.info(`Issue ${week.id} was already sent in part or in full: resuming with the email as first sent`);
        if (Array.isArray(sent.checks)) logChecks(log, sent.checks as Check[], '(as first sent)');
      } else {
        built = await buildInWorker(context, week);
        rendered = built.rendered;
      }
      if (!rendered) {
        const skipped = `no articles in week ${week.id}: nothing to send`;
        context.log.info(skipped);
        return { built, skipped };
      }
      // 5. Send to the audience, writing the snapshot before the first message of a first send.
      const first = built?.rendered ? built : undefined;
      const beforeFirstSend = first
        ? (sending: RenderedIssue) => void writeSendSnapshot(config, { ...first, rendered: sending }, context.clock.now())
        : undefined;
      const report = await sendRenderedIssue(config, rendered, { ...context, ...options, store, beforeFirstSend, issue: first?.issue });
      context.log.info(
        `${report.interrupted ? 'Interrupted: ' : ''}${report.sentNow} sent and ${report.failedNow} failed${report.skippedNow ? ` (${report.skippedNow} skipped: they left after the audience was fixed)` : ''} in this run (${(report.durationMs / 1000).toFixed(1)} s, ${report.rate}/s); issue total: ${report.sent} sent, ${report.failed} failed, ${report.skipped} skipped, ${report.pending} pending`,
      );
      if (report.interrupted) context.log.info('Run the same command again to resume: nobody already sent gets it twice.');
      return { built, report };
    });
  } finally {
    lock.release();
  }
}

/**
 * `digest send --test <address>`: compiles the issue in memory and sends one
 * [TEST] copy; nothing is written to the ledger or the issue folder.
 */
export async function sendTest(
  context: PipelineContext,
  to: string,
  weekId?: string,
): Promise<TestSendResult & { issue: string }> {
  const { config, env } = context;
  const week = chooseWeek(context, weekId);
  const secret = resolveSecret(env, config.dataDir, { forDelivery: false });
  const [{ compileIssue }, { sendTestMessage }, { publishIssueMedia }] = await Promise.all([import('./compile.js'), import('./test-send.js'), import('./media.js')]);
  const compiled = await withStore(config, (store) => compileIssue(config, week, { secret: secret.value, store, now: context.clock.now() }));
  if (!compiled.rendered) {
    throw new DigestError(ErrorCodes.INPUT_INVALID, `week ${week.id} has no articles: there is nothing to test`, {
      hint: 'pick a week with --week',
    });
  }
  // The test copy names the same baseUrl/media/ images as the real one.
  publishIssueMedia(config.dataDir, compiled.issue);
  return { ...(await sendTestMessage(config, compiled.rendered, to, context)), issue: week.id };
}

/** `digest run`, the scheduled job's unit: build and send the last complete week. */
export async function runJob(context: PipelineContext, options: SendOptions = {}): Promise<SendOutcome> {
  return send(context, undefined, options);
}
