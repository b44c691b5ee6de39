import type { Command } from 'commander';
import { DigestError, ErrorCodes } from '../errors.js';
import { chooseWeek, withStore } from '../pipeline/index.js';
import { deliveryCounts, listFailures } from '../store/deliveries.js';
import { getIssueReport } from '../store/issues.js';
import { listMovement } from '../store/movement.js';
import type { Io } from './io.js';
import { formatMovement } from './movement-table.js';
import type { Runner } from './runner.js';

const DEFAULT_WEEKS = 8;
// Ten years of weeks: enough for any look back, small enough to stay one screenful of queries.
const MAX_WEEKS = 520;

/** The n of `--weeks n`: a whole number from 1 to 520. */
function weeksOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_WEEKS;
  const weeks = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (Number.isSafeInteger(weeks) && weeks >= 1 && weeks <= MAX_WEEKS) return weeks;
  throw new DigestError(ErrorCodes.INPUT_INVALID, `--weeks takes how many weeks to show, got "${value}"`, {
    field: '--weeks',
    hint: `give a whole number from 1 to ${MAX_WEEKS}, e.g. --weeks 12 (default ${DEFAULT_WEEKS})`,
  });
}

/** `digest report [--week] [--weeks n] [--json]`: where an issue's delivery and the list stand. */
export function registerReportCommand(program: Command, io: Io, runner: Runner): void {
  program
    .command('report')
    .description(
      "show an issue's deliveries (sent, failed with the server's reply, skipped, pending) and the list's movement per week " +
        '(new, confirmed, resubscribed, unsubscribed, bounced, complained) with its totals by status',
    )
    .option('--week <YYYY-Www>', 'ISO week of the issue (default: the last complete week before now)')
    .option('--weeks <n>', `weeks of list movement, up to the current one (1-${MAX_WEEKS}, default ${DEFAULT_WEEKS})`)
    .option(
      '--json',
      'print {"issue","sent","failed","skipped","pending","failures":[{"email","code","response"}],"lastRun",' +
        '"list":{"totals":{"pending","active","unsubscribed","bounced","paused"},"movement":[{"week","new","confirmed","resubscribed","unsubscribed","bounced","complained"}]}}',
    )
    .action((options: { week?: string; weeks?: string; json?: boolean }, command: Command) =>
      runner.withContext(command, async (context) => {
        const weeks = weeksOf(options.weeks);
        const week = chooseWeek(context, options.week);
        await withStore(context.config, async (store) => {
          const counts = deliveryCounts(store, week.id);
          const failures = listFailures(store, week.id);
          const lastRun = getIssueReport(store, week.id) as { startedAt?: string; durationMs?: number; rate?: number; interrupted?: boolean } | undefined;
          const list = listMovement(store, context.clock.now(), context.config.timezone, weeks);
          const report = {
            issue: week.id,
            sent: counts.sent,
            failed: counts.failed,
            // Left (unsubscribed, bounced) after the audience was fixed: done, not sent.
            skipped: counts.skipped,
            pending: counts.pending + counts.sending,
            failures: failures.map(({ email, code, response }) => ({ email, code, response })),
            lastRun: lastRun
              ? { startedAt: lastRun.startedAt, durationMs: lastRun.durationMs, rate: lastRun.rate, interrupted: lastRun.interrupted }
              : null,
            list,
          };
          if (options.json) {
            io.out(JSON.stringify(report, null, 2));
            return;
          }
          if (counts.total === 0) {
            io.out(`Issue ${week.id} has not been sent.`);
          } else {
            io.out(`Issue ${week.id}: ${report.sent} sent, ${report.failed} failed, ${report.skipped} skipped, ${report.pending} pending`);
            if (lastRun?.startedAt) {
              io.out(`Last run: ${lastRun.startedAt}, ${((lastRun.durationMs ?? 0) / 1000).toFixed(1)} s, ${lastRun.rate ?? 0}/s${lastRun.interrupted ? ', interrupted' : ''}`);
            }
            for (const failure of report.failures) io.out(`  ${failure.email}: ${failure.code ?? ''} ${failure.response ?? ''}`.trimEnd());
          }
          io.out('');
          for (const line of formatMovement(list)) io.out(line);
        });
      }),
    );
}
