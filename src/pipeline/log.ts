/** Where the pipeline reports what it does; the CLI prints, tests collect. */
export interface Log {
  info(line: string): void;
  warn(line: string): void;
}

/** A log that discards everything (library use). */
export const silentLog: Log = { info: () => {}, warn: () => {} };
