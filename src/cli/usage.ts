/** What every command shares on its command line: the version and what a usage error prints. */
import fs from 'node:fs';
import type { Command } from 'commander';

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
