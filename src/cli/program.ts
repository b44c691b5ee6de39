import { Command, CommanderError } from 'commander';
import { ENV } from '../config/defaults.js';
import { formatError } from '../errors.js';
import { build, runJob, send, sendTest, type PipelineContext, type SendOutcome } from '../pipeline/index.js';
import { nextRuns, runSchedule } from '../schedule/index.js';
import { displayPath } from '../util/paths.js';
import { pipelineContext, type GlobalOptions } from './context.js';
import type { Io } from './io.js';
import { registerPreviewCommand } from './preview.js';
import { registerSubscriberCommands } from './subscribers.js';
import { registerSummarizeCommand } from './summarize.js';

const WEEK_OPTION = ['--week <YYYY-Www>', 'ISO week of the issue (default: the last complete week before now)'] as const;

/** Prints where the messages went and what to look at. */
function reportOutcome(context: PipelineContext, outcome: SendOutcome): void {
  if (outcome.report && outcome.report.failed > 0) {
    context.log.warn(`${outcome.report.failed} deliveries failed: see "failed:" lines above`);
  }
  if (!context.env[ENV.smtpUrl] && outcome.report) {
    context.log.info(`Captured messages: ${displayPath(`${context.config.dataDir}/outbox/${outcome.report.issue}`)}/ (open the .eml files in any mail client)`);
  }
}

/** Builds the `digest` command line; `io` makes it testable in-process. */
export function createProgram(io: Io): { program: Command; exitCode: () => number } {
  let exitCode = 0;
  const run = async (action: () => Promise<void>): Promise<void> => {
    try {
      await action();
    } catch (error) {
      exitCode = 1;
      io.err(`error: ${formatError(error)}`);
      if (io.env[ENV.debug] && error instanceof Error) io.err(error.stack ?? String(error));
    }
  };
  const withContext = (command: Command, action: (context: PipelineContext) => Promise<void>) =>
    run(() => action(pipelineContext(command.optsWithGlobals<GlobalOptions>(), io)));

  const program = new Command('digest')
    .description('Turns a week of articles into an email digest and sends it.')
    .option('--config <file>', 'config file (default: ./digest.config.yaml)')
    .option('--now <ISO-8601>', 'the clock for everything: week choice, schedule, dates shown')
    .showHelpAfterError()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) })
    .exitOverride();

  program
    .command('build')
    .description('build an issue into <dataDir>/issues/<week>/ (email.mjml, email.html, email.txt, issue.json)')
    .option(...WEEK_OPTION)
    .action((options: { week?: string }, command: Command) =>
      withContext(command, async (context) => {
        await build(context, options.week);
      }),
    );

  program
    .command('send')
    .description('send an issue to every active subscriber who has not had it (resumes a partial send)')
    .option(...WEEK_OPTION)
    .option('--test <address>', 'send one copy marked [TEST] to this address only (the ledger is not touched)')
    .action((options: { week?: string; test?: string }, command: Command) =>
      withContext(command, async (context) => {
        if (options.test) {
          const result = await sendTest(context, options.test, options.week);
          context.log.info(`Sent [TEST] ${result.issue} to ${result.to} via ${result.transport}${result.capturedFile ? `: ${displayPath(result.capturedFile)}` : ''}`);
          return;
        }
        reportOutcome(context, await send(context, options.week));
      }),
    );

  program
    .command('run')
    .description('the scheduled job: build and send the last complete week (running it again sends nothing more)')
    .action((_options: unknown, command: Command) =>
      withContext(command, async (context) => reportOutcome(context, await runJob(context))),
    );

  program
    .command('schedule')
    .description('run the job at the config\'s cron schedule in the newsletter\'s time zone, one run at a time')
    .option('--dry-run [count]', 'print the next run times and exit')
    .action((options: { dryRun?: string | boolean }, command: Command) =>
      withContext(command, async (context) => {
        const { config, clock, log } = context;
        if (options.dryRun !== undefined) {
          const count = options.dryRun === true ? 5 : Math.max(1, Number(options.dryRun) || 5);
          for (const date of nextRuns(config.schedule, config.timezone, clock.now(), count)) {
            log.info(`${date.toISOString()}  (${date.toLocaleString('en-GB', { timeZone: config.timezone, dateStyle: 'full', timeStyle: 'short' })} ${config.timezone})`);
          }
          return;
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
                reportOutcome(context, await runJob(context));
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
      }),
    );

  registerSubscriberCommands(program, io, run);
  registerSummarizeCommand(program, io, run);
  registerPreviewCommand(program, io, run);

  return { program, exitCode: () => exitCode };
}

/** Runs the CLI with `argv` (including node and script) and returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const { program, exitCode } = createProgram(io);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    throw error;
  }
  return exitCode();
}
