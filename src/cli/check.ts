import type { Command } from 'commander';
import { check } from '../pipeline/index.js';
import type { Runner } from './runner.js';

/** `digest check [--week]`: the checks of an issue, as build and the preview show them; exit 1 on an error. */
export function registerCheckCommand(program: Command, runner: Runner): void {
  program
    .command('check')
    .description('check an issue without writing anything: invalid files, missing alt text or authors, links, size')
    .option('--week <YYYY-Www>', 'ISO week of the issue (default: the last complete week before now)')
    .action((options: { week?: string }, command: Command) =>
      runner.withContext(command, async (context) => {
        const compiled = await check(context, options.week);
        return compiled.checks.some((found) => found.severity === 'error') ? 1 : 0;
      }),
    );
}
