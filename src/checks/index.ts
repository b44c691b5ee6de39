/**
 * The checks step: every finding about an issue in one list, computed once
 * per build and read by `digest build`, `digest run`, `issue.json` and the
 * preview alike.
 */
import type { Issue, Problem } from '../types.js';
import type { Check, CheckSeverity } from './check.js';
import { checkIssue, type CheckContext } from './content.js';
import { checkImages } from './media.js';

export type { Check, CheckKind, CheckSeverity } from './check.js';
export { checkRecord, checksSummary, countChecks, formatCheck } from './report.js';

/** What the checks step reads besides the issue. */
export interface ChecksInput extends CheckContext {
  /** Warnings of the render (MJML, size); empty when nothing was rendered. */
  renderWarnings: readonly string[];
  /** Problems found while building leniently (the preview), e.g. an invalid file or a template error. */
  problems?: readonly Problem[];
  /** Findings about the email itself (email.ts): contrast, alt text, links, headers and, when run, the thorough ones. */
  emailChecks?: readonly Check[];
}

const SEVERITY_ORDER: Record<CheckSeverity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Runs every check of an issue: problems (errors), failing sources, content
 * warnings from collecting, the content checks, the render's warnings and
 * the checks of the email.
 * Sorted errors first; within a severity the order of the steps is kept.
 */
export function runChecks(issue: Issue, input: ChecksInput): Check[] {
  const checks: Check[] = [
    ...(input.problems ?? []).map((problem) => problemCheck(problem)),
    ...issue.sourceWarnings.map((message): Check => ({ severity: 'warning', check: 'source', message })),
    ...issue.warnings.map((message): Check => ({ severity: 'warning', check: 'content', message })),
    ...issue.articles.filter((article) => article.late).map((article): Check => ({
      severity: 'info', check: 'late', file: article.file,
      message: `"${article.title}": ${article.late?.reason ?? 'late'}; it goes out in this issue`,
    })),
    ...checkIssue(issue, input),
    ...checkImages(issue),
    ...input.renderWarnings.map((message): Check => ({ severity: 'warning', check: 'render', message })),
    ...(input.emailChecks ?? []),
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
