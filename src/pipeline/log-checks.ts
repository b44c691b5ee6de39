/**
 * Printing an issue's checks. Apart from build-step.ts so the sending process,
 * which prints the checks of the email as first sent, loads no Markdown.
 */
import type { Check } from '../checks/check.js';
import { checksSummary, formatCheck } from '../checks/report.js';
import type { Log } from './log.js';

/** Prints the checks: the one-line count (with `label`, e.g. "(as first sent)"), then each warning (and note). */
export function logChecks(log: Log, checks: readonly Check[], label?: string): void {
  log.info(label ? `${checksSummary(checks)} ${label}` : checksSummary(checks));
  for (const check of checks) {
    if (check.severity === 'info') log.info(`note: ${formatCheck(check)}`);
    else if (check.severity === 'error') log.warn(`error: ${formatCheck(check)}`);
    else log.warn(formatCheck(check));
  }
}
