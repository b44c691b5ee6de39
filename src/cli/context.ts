import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { parseNow } from '../util/dates.js';
import { clockFrom, systemClock } from '../pipeline/clock.js';
import type { PipelineContext } from '../pipeline/index.js';
import type { Log } from '../pipeline/log.js';
import type { Clock } from '../types.js';
import type { Io } from './io.js';

/** Options every command accepts. */
export interface GlobalOptions {
  config?: string;
  now?: string;
}

/**
 * A log that prints info to stdout and warnings to stderr; with `json`,
 * stdout carries only JSON lines, so info goes to stderr too.
 */
export function cliLog(io: Io, options: { json?: boolean } = {}): Log {
  return {
    info: (line) => (options.json ? io.err(line) : io.out(line)),
    warn: (line) => io.err(`warning: ${line}`),
  };
}

/** The clock: `--now` (read in the newsletter's time zone when it has no offset), else the system clock. */
export function clockOf(options: GlobalOptions, timeZone: string): Clock {
  return options.now ? clockFrom(parseNow(options.now, timeZone)) : systemClock;
}

/** Loads the config and builds the pipeline context from the global options. */
export function pipelineContext(options: GlobalOptions, io: Io, output: { json?: boolean } = {}): PipelineContext {
  const config: Config = loadConfig(options.config, io.cwd);
  return { config, clock: clockOf(options, config.timezone), env: io.env, log: cliLog(io, output) };
}
