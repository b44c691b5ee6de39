import { Option, type Command } from 'commander';
import { ENV } from '../config/defaults.js';
import { DigestError, ErrorCodes, formatError } from '../errors.js';
import { chooseWeek, runJob, send, sendTest, type PipelineContext, type SendOptions, type SendOutcome } from '../pipeline/index.js';
import { nextRuns, runSchedule } from '../schedule/index.js';
import { deliveryCounts } from '../store/deliveries.js';
import { openStore } from '../store/db.js';
import { displayPath } from '../util/paths.js';
import type { Io } from './io.js';
import { createProgressReporter } from './progress.js';
import type { ActionResult, Runner } from './runner.js';

const WEEK_OPTION = ['--week <YYYY-Www>', 'ISO week of the issue (default: the last complete week before now)'] as const;
/** Exit code of a run stopped with Ctrl-C (128 + SIGINT). */
export const INTERRUPTED_EXIT_CODE = 130;

interface DeliveryFlags {
  week?: string;
  test?: string;
  force?: boolean;
  json?: boolean;
  resume?: boolean;
}

/**
 * `send --resume`: a script that means "finish what was started" must not
 * start a new issue by mistake, so an issue nobody got yet is refused.
 */
function assertSendBegun(context: PipelineContext, weekId: string | undefined): void {
  const week = chooseWeek(context, weekId);
  const store = openStore(context.config.dataDir);
  try {
    if (deliveryCounts(store, week.id).total > 0) return;
  } finally {
    store.close();
  }
  throw new DigestError(ErrorCodes.INPUT_INVALID, `issue ${week.id} was never sent: there is nothing to resume`, {
    field: '--resume',
    hint: `run "digest send${weekId ? ` --week ${weekId}` : ''}" without --resume to start sending it`,
  });
}

/**
 * Runs a send with Ctrl-C handling: the first Ctrl-C finishes the messages
 * in flight, records them and stops; a second one quits at once.
 */
async function withInterrupts(
  io: Io,
  context: PipelineContext,
  flags: DeliveryFlags,
  work: (options: SendOptions) => Promise<SendOutcome>,
): Promise<ActionResult> {
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(INTERRUPTED_EXIT_CODE);
    context.log.warn('stopping: finishing the messages in flight (Ctrl-C again to quit now)');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const progress = createProgressReporter(io, { json: Boolean(flags.json) });
  try {
    const outcome = await work({ force: flags.force, signal: stop.signal, onEvent: (event) => progress.onEvent(event) });
    progress.finish();
    reportOutcome(io, context, outcome, Boolean(flags.json));
    return outcome.report?.interrupted ? INTERRUPTED_EXIT_CODE : 0;
  } finally {
    progress.finish();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Prints the run's report: failures and where captured messages are. */
function reportOutcome(io: Io, context: PipelineContext, outcome: SendOutcome, json: boolean): void {
  const { report } = outcome;
  if (json && report) io.out(JSON.stringify({ time: new Date().toISOString(), event: 'report', ...report }));
  if (report && report.failed > 0) {
    context.log.warn(`${report.failed} deliveries failed (see "digest report${report.issue ? ` --week ${report.issue}` : ''}")`);
  }
  if (!context.env[ENV.smtpUrl] && report) {
    context.log.info(`Captured messages: ${displayPath(`${context.config.dataDir}/outbox/${report.issue}`)}/ (open the .eml files in any mail client)`);
  }
}

const MAX_DRY_RUNS = 1000;

/** The n of `schedule --dry-run [n]`: a whole number from 1 to 1000 (a typo is said, not read as 5). */
function dryRunCount(value: string): number {
  const count = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (Number.isSafeInteger(count) && count >= 1 && count <= MAX_DRY_RUNS) return count;
  throw new DigestError(ErrorCodes.INPUT_INVALID, `--dry-run takes how many run times to print, got "${value}"`, {
    field: '--dry-run',
    hint: `give a whole number from 1 to ${MAX_DRY_RUNS}, e.g. --dry-run 10, or no number for 5`,
  });
}

/** `digest send`, `digest run` and `digest schedule`. */
export function registerDeliveryCommands(program: Command, io: Io, runner: Runner): void {
  program
    .command('send')
    .description('send an issue to every subscriber of its audience not yet sent (resumes a partial or interrupted send)')
    .option(...WEEK_OPTION)
    .option('--test <address>', 'send one copy marked [TEST] to this address only (the ledger is not touched)')
    .addOption(
      new Option('--resume', 'only continue a send already begun: exit 1, sending nothing, if the issue was never sent to anyone').conflicts('test'),
    )
    .option('--force', 'send even if the week has not ended yet, or the issue is older than sending.maxDelay')
    .option('--json', 'one JSON line per event on stdout instead of a progress bar')
    .action((flags: DeliveryFlags, command: Command) =>
      runner.withContext(command, async (context) => {
        if (flags.test) {
          const result = await sendTest(context, flags.test, flags.week);
          context.log.info(`Sent [TEST] ${result.issue} to ${result.to} via ${result.transport}${result.capturedFile ? `: ${displayPath(result.capturedFile)}` : ''}`);
          return 0;
        }
        if (flags.resume) assertSendBegun(context, flags.week);
        return withInterrupts(io, context, flags, (options) => send(context, flags.week, options));
      }),
    );

  program
    .command('run')
    .description('the scheduled job: build and send the last complete week (running it again sends nothing more)')
    .option('--force', 'send even if the issue is older than sending.maxDelay')
    .option('--json', 'one JSON line per event on stdout instead of a progress bar')
    .action((flags: DeliveryFlags, command: Command) =>
      runner.withContext(command, (context) => withInterrupts(io, context, flags, (options) => runJob(context, options))),
    );

  program
    .command('schedule')
    .description("run the job at the config's cron schedule in the newsletter's time zone, one run at a time")
    .option('--dry-run [count]', 'print the next run times and exit')
    .action((options: { dryRun?: string | boolean }, command: Command) =>
      runner.withContext(command, async (context) => {
        const { config, clock, log } = context;
        if (options.dryRun !== undefined) {
          const count = typeof options.dryRun === 'string' ? dryRunCount(options.dryRun) : 5;
          for (const date of nextRuns(config.schedule, config.timezone, clock.now(), count)) {
            log.info(`${date.toISOString()}  (${date.toLocaleString('en-GB', { timeZone: config.timezone, dateStyle: 'full', timeStyle: 'short' })} ${config.timezone})`);
          }
          return 0;
        }
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          await runSchedule({
            pattern: config.schedule,
            timeZone: config.timezone,
            clock,
            signal: stop.signal,
            onNext: (next) => log.info(`Next run: ${next.toISOString()} (schedule "${config.schedule}" in ${config.timezone})`),
            job: async () => {
              try {
                const outcome = await runJob(context, { signal: stop.signal });
                reportOutcome(io, context, outcome, false);
              } catch (error) {
                // One failed run must not stop the schedule; it is reported and the next run still happens.
                log.warn(`scheduled run failed: ${formatError(error)}`);
              }
            },
          });
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
        return 0;
      }),
    );
}
