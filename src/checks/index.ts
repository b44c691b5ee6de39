/**
 * The checks step: every finding about an issue in one list, computed once
 * per build and read by `digest build`, `digest run`, `issue.json` and the
 * preview alike.
 */
import type { Issue, Problem } from '../types.js';
import type { Check, CheckSeverity } from './check.js';
import { checkIssue, type CheckContext } from './content.js';

export type { Check, CheckKind, CheckSeverity } from './check.js';

/** What the checks step reads besides the issue. */
export interface ChecksInput extends CheckContext {
  /** Warnings of the render (MJML, size); empty when nothing was rendered. */
  renderWarnings: readonly string[];
  /** Problems found while building leniently (the preview), e.g. an invalid file or a template error. */
  problems?: readonly Problem[];
}

const SEVERITY_ORDER: Record<CheckSeverity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Runs every check of an issue: problems (errors), failing sources, content
 * warnings from collecting, the content checks and the render's warnings.
 * Sorted errors first; within a severity the order of the steps is kept.
 */
export function runChecks(issue: Issue, input: ChecksInput): Check[] {
  const checks: Check[] = [
    ...(input.problems ?? []).map((problem) => problemCheck(problem)),
    ...issue.sourceWarnings.map((message): Check => ({ severity: 'warning', check: 'source', message })),
    ...issue.warnings.map((message): Check => ({ severity: 'warning', check: 'content', message })),
    ...checkIssue(issue, input),
    ...input.renderWarnings.map((message): Check => ({ severity: 'warning', check: 'render', message })),
  ];
  // Array.prototype.sort is stable, so each severity keeps the steps' order.
  return checks.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

function problemCheck(problem: Problem): Check {
  const message = problem.hint ? `${problem.message}: ${problem.hint}` : problem.message;
  const check: Check = { severity: 'error', check: 'invalid-file', message };
  if (problem.file !== undefined) check.file = problem.file;
  if (problem.line !== undefined) check.line = problem.line;
  return check;
}

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
