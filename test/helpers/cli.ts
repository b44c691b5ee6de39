import { main } from '../../src/cli/program.js';

/** What one in-process CLI run printed and returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `digest <args>` in-process with its own output buffers, working
 * directory and environment (no SMTP_URL unless given).
 */
export async function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; stdin?: string }): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'digest', ...args], {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: options.env ?? {},
    cwd: options.cwd,
    readStdin: async () => options.stdin ?? '',
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
