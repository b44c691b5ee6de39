import type { Config } from '../config/schema.js';
import { lastCompleteWeek, weekWindow } from '../util/week.js';
import { openStore, type Store } from '../store/db.js';
import type { DeliveryEvent, DeliveryReport } from '../send/deliver.js';
import { assertFresh } from './policy.js';
import type { Clock, WeekWindow } from '../types.js';
import type { BuiltIssue } from './build.js';
import { buildInWorker } from './build-in-worker.js';
import type { TestSendResult } from './test-send.js';
import { DigestError, ErrorCodes } from '../errors.js';
import { acquireRunLock } from './lock.js';
import type { Log } from './log.js';
import { resolveSecret } from './secret.js';
import { readCompiledIssue } from '../util/issue-files.js';
import { hasDeliveries, isIssueDone, sendRenderedIssue } from './send.js';

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

/** How `digest send` / `digest run` were asked to send. */
export interface SendOptions {
  /** Send even when the issue is older than `sending.maxDelay`. */
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

/**
 * `digest send`: sends one issue. An issue already (partly) sent is resumed
 * from the email frozen at its first send; otherwise it is built now.
 */
export async function send(context: PipelineContext, weekId?: string, options: SendOptions = {}): Promise<SendOutcome> {
  const week = chooseWeek(context, weekId);
  const startedAt = context.clock.now();
  const lock = acquireRunLock(context.config.dataDir);
  try {
    return await withStore(context.config, async (store) => {
      // A finished issue is not stale, just done: rerunning it reports that and exits 0.
      if (!isIssueDone(store, week.id)) assertFresh(context.config, week, startedAt, options.force ?? false);
      const frozen = hasDeliveries(store, week.id) ? readCompiledIssue(context.config, week.id) : undefined;
      let built: BuiltIssue | undefined;
      let rendered = frozen;
      if (frozen) {
        context.log.info(`Issue ${week.id} was already sent in part or in full: resuming with the email as first sent`);
      } else {
        built = await buildInWorker(context, week);
        rendered = built.rendered;
      }
      if (!rendered) {
        const skipped = `no articles in week ${week.id}: nothing to send`;
        context.log.info(skipped);
        return { built, skipped };
      }
      const report = await sendRenderedIssue(context.config, rendered, { ...context, ...options, store });
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
  const [{ compileIssue }, { sendTestMessage }] = await Promise.all([import('./build.js'), import('./test-send.js')]);
  const compiled = await compileIssue(config, week, { secret: secret.value });
  if (!compiled.rendered) {
    throw new DigestError(ErrorCodes.INPUT_INVALID, `week ${week.id} has no articles: there is nothing to test`, {
      hint: 'pick a week with --week',
    });
  }
  return { ...(await sendTestMessage(config, compiled.rendered, to, context)), issue: week.id };
}

/** `digest run`, the scheduled job's unit: build and send the last complete week. */
export async function runJob(context: PipelineContext, options: SendOptions = {}): Promise<SendOutcome> {
  return send(context, undefined, options);
}
