import type { Command } from 'commander';
import { chooseWeek, withStore } from '../pipeline/index.js';
import { deliveryCounts, listFailures } from '../store/deliveries.js';
import { getIssueReport } from '../store/issues.js';
import type { Io } from './io.js';
import type { Runner } from './runner.js';

/** `digest report [--week] [--json]`: where an issue's delivery stands. */
export function registerReportCommand(program: Command, io: Io, runner: Runner): void {
  program
    .command('report')
    .description("show an issue's deliveries: sent, failed (with the server's reply), skipped, pending")
    .option('--week <YYYY-Www>', 'ISO week of the issue (default: the last complete week before now)')
    .option('--json', 'print {"issue","sent","failed","skipped","pending","failures":[{"email","code","response"}]}')
    .action((options: { week?: string; json?: boolean }, command: Command) =>
      runner.withContext(command, async (context) => {
        const week = chooseWeek(context, options.week);
        await withStore(context.config, async (store) => {
          const counts = deliveryCounts(store, week.id);
          const failures = listFailures(store, week.id);
          const lastRun = getIssueReport(store, week.id) as { startedAt?: string; durationMs?: number; rate?: number; interrupted?: boolean } | undefined;
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
          };
          if (options.json) {
            io.out(JSON.stringify(report, null, 2));
            return;
          }
          if (counts.total === 0) {
            io.out(`Issue ${week.id} has not been sent.`);
            return;
          }
          io.out(`Issue ${week.id}: ${report.sent} sent, ${report.failed} failed, ${report.skipped} skipped, ${report.pending} pending`);
          if (lastRun?.startedAt) {
            io.out(`Last run: ${lastRun.startedAt}, ${((lastRun.durationMs ?? 0) / 1000).toFixed(1)} s, ${lastRun.rate ?? 0}/s${lastRun.interrupted ? ', interrupted' : ''}`);
          }
          for (const failure of report.failures) io.out(`  ${failure.email}: ${failure.code ?? ''} ${failure.response ?? ''}`.trimEnd());
        });
      }),
    );
}
