/** The CLI's connection to the outside world; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Reads all of standard input (for `-` file arguments). */
  readStdin(): Promise<string>;
  /** Whether stderr is a terminal (progress bars are drawn only there). */
  interactive?: boolean;
  /** Writes to stderr without a newline (progress bar redraws). */
  errRaw?(text: string): void;
}

/** The process's real streams. */
export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    cwd: process.cwd(),
    interactive: Boolean(process.stderr.isTTY),
    errRaw: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
