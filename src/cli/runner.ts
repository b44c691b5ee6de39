import fs from 'node:fs';
import type { Command } from 'commander';
import { ENV } from '../config/defaults.js';
import { formatError } from '../errors.js';
import type { PipelineContext } from '../pipeline/index.js';
import { pipelineContext, type GlobalOptions } from './context.js';
import type { Io } from './io.js';

/** An action's exit code; nothing means 0. */
export type ActionResult = number | void;

/** Runs command actions: prints failures as one line (stack only with DEBUG) and keeps the exit code. */
export interface Runner {
  run(action: () => Promise<ActionResult>): Promise<void>;
  withContext(command: Command, action: (context: PipelineContext) => Promise<ActionResult>): Promise<void>;
  exitCode(): number;
}

/** Creates the runner for one CLI invocation. */
export function createRunner(io: Io): Runner {
  let exitCode = 0;
  const run = async (action: () => Promise<ActionResult>): Promise<void> => {
    try {
      const code = await action();
      if (typeof code === 'number') exitCode = code;
    } catch (error) {
      exitCode = 1;
      io.err(`error: ${formatError(error)}`);
      if (io.env[ENV.debug] && error instanceof Error) io.err(error.stack ?? String(error));
    }
  };
  return {
    run,
    withContext: (command, action) =>
      run(() => {
        const options = command.optsWithGlobals<GlobalOptions & { json?: boolean }>();
        return action(pipelineContext(options, io, { json: options.json }));
      }),
    exitCode: () => exitCode,
  };
}

/** The version in package.json (two folders up from both src/cli/ and dist/cli/). */
export function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return String(pkg.version);
}

/**
 * After a usage error (unknown option, missing argument) every command
 * prints its one-line usage and where the full help is, not the whole help.
 */
export function showUsageAfterErrors(command: Command): void {
  const path: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) path.unshift(at.name());
  const usage = command.createHelp().commandUsage(command);
  const more = command.parent ? 'its options' : 'the commands and options';
  command.showHelpAfterError(`Usage: ${usage}\nRun "${path.join(' ')} --help" for ${more}.`);
  for (const sub of command.commands) showUsageAfterErrors(sub);
}
