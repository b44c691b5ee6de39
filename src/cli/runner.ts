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
