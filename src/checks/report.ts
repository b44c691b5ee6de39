/**
 * How checks are reported: counted, printed and recorded. Kept apart from the
 * checks themselves so a send, which only reports them, never loads Markdown.
 */
import type { Check, CheckSeverity } from './check.js';

/** How many checks there are of each severity. */
export function countChecks(checks: readonly Check[]): Record<CheckSeverity, number> {
  const counts: Record<CheckSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const check of checks) counts[check.severity]++;
  return counts;
}

/** The one-line count the CLI prints, e.g. "Checks: 2 warnings, 1 note". */
export function checksSummary(checks: readonly Check[]): string {
  const counts = countChecks(checks);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(counts.warning, 'warning')];
  if (counts.error > 0) parts.unshift(plural(counts.error, 'error'));
  if (counts.info > 0) parts.push(plural(counts.info, 'note'));
  return `Checks: ${parts.join(', ')}`;
}

/** One check as a line of text: `<file>:<line>: <message> [<check>]`. */
export function formatCheck(check: Check): string {
  const where = check.file ? `${check.file}${check.line ? `:${check.line}` : ''}: ` : '';
  return `${where}${check.message} [${check.check}]`;
}

/** A check as `issue.json` records it: `{ severity, check, message, file? }`. */
export function checkRecord(check: Check): { severity: CheckSeverity; check: string; message: string; file?: string } {
  const message = check.line && check.file ? `${check.message} (line ${check.line})` : check.message;
  return check.file === undefined ? { severity: check.severity, check: check.check, message } : { severity: check.severity, check: check.check, message, file: check.file };
}
