import type { Command } from 'commander';
import { countChecks } from '../checks/report.js';
import { check } from '../pipeline/index.js';
import type { Io } from './io.js';
import type { Runner } from './runner.js';

/**
 * `digest check [--week] [--json] [--online]`: every check of an issue, as
 * build and the preview show them, plus the slower checks of the email;
 * exit 1 on an error.
 */
export function registerCheckCommand(program: Command, io: Io, runner: Runner): void {
  program
    .command('check')
    .description('check an issue without writing anything: files, content, contrast, alt text, links, size, client support, spam score, DKIM, list headers')
    .option('--week <YYYY-Www>', 'ISO week of the issue (default: the last complete week before now)')
    .option('--json', 'print {"issue","errors","warnings","findings":[{"severity","check","message"}]}')
    .option('--online', 'also fetch every link and image of the email and report those that fail')
    .action((options: { week?: string; json?: boolean; online?: boolean }, command: Command) =>
      runner.withContext(command, async (context) => {
        const compiled = await check(context, options.week, { online: options.online, quiet: options.json });
        const counts = countChecks(compiled.checks);
        if (options.json) {
          const findings = compiled.checks.map((found) => ({
            severity: found.severity,
            check: found.check,
            message: found.message,
            ...(found.file !== undefined ? { file: found.file } : {}),
            ...(found.line !== undefined ? { line: found.line } : {}),
          }));
          io.out(JSON.stringify({ issue: compiled.issue.id, errors: counts.error, warnings: counts.warning, findings }, null, 2));
        }
        return counts.error > 0 ? 1 : 0;
      }),
    );
}
