import { Command, CommanderError } from 'commander';
import { build } from '../pipeline/index.js';
import { registerBouncesCommand } from './bounces.js';
import { registerCheckCommand } from './check.js';
import { registerDeliveryCommands } from './deliver.js';
import { registerImportCommand } from './import.js';
import { registerFeedCommand } from './feed.js';
import type { Io } from './io.js';
import { registerPreviewCommand } from './preview.js';
import { registerReportCommand } from './report.js';
import { createRunner } from './runner.js';
import { packageVersion, showUsageAfterErrors } from './usage.js';
import { registerServeCommand } from './serve.js';
import { registerSubscriberCommands } from './subscribers.js';
import { registerSummarizeCommand } from './summarize.js';

/** Builds the `digest` command line; `io` makes it testable in-process. */
export function createProgram(io: Io): { program: Command; exitCode: () => number } {
  const program = new Command('digest')
    .description('Turns a week of articles into an email digest and sends it.')
    .option('--config <file>', 'config file (default: ./digest.config.yaml)')
    .option('--now <ISO-8601>', 'the clock for everything: week choice, schedule, dates shown')
    .version(packageVersion(), '-V, --version', 'print the version and exit')
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) })
    .exitOverride();
  const runner = createRunner(io);

  program
    .command('build')
    .description('build an issue into <dataDir>/issues/<week>/ (email.mjml, email.html, email.txt, issue.json)')
    .option('--week <YYYY-Www>', 'ISO week of the issue (default: the last complete week before now)')
    .action((options: { week?: string }, command: Command) =>
      runner.withContext(command, async (context) => {
        await build(context, options.week);
      }),
    );

  registerCheckCommand(program, io, runner);
  registerDeliveryCommands(program, io, runner);
  registerReportCommand(program, io, runner);
  registerSubscriberCommands(program, io, runner.run);
  registerSummarizeCommand(program, io, runner.run);
  registerPreviewCommand(program, io, runner.run);
  registerServeCommand(program, io, runner);
  registerImportCommand(program, io, runner);
  registerFeedCommand(program, io, runner);
  registerBouncesCommand(program, io, runner);
  showUsageAfterErrors(program);

  return { program, exitCode: runner.exitCode };
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
