/** The size check: the email against `size.budget`, what fitting did, and Gmail's clipping limit. */
import type { FitReport } from '../types.js';
import type { Check } from './check.js';

/** A share of the clipping limit from which the size check warns that the email is close to it. */
export const CLOSE_TO_CLIP_RATIO = 0.9;

/** `size.budget`, `size.fit` and what fitting did to the email. */
export interface SizeContext {
  budget: number;
  fit: boolean;
  /** Undefined when nothing was rendered. */
  report?: FitReport;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;

/**
 * The email's size. With a budget: over it is an error (with `size.fit`
 * off, or when not even moving every article was enough), what fitting did
 * is a note each; without one, Gmail's clipping limit warns as before.
 * Over `clipBytes` (a budget set above Gmail's limit) always warns.
 */
export function checkSize(htmlBytes: number, clipBytes: number, size?: SizeContext, titles?: ReadonlyMap<string, string>): Check[] {
  if (size?.report) return checkBudget(size.report, size.fit, clipBytes, titles ?? new Map());
  if (size) return [];
  const at = `the email is ${(htmlBytes / 1024).toFixed(1)} KB`;
  const limit = `Gmail's ${kb(clipBytes)} clipping limit`;
  if (htmlBytes > clipBytes) {
    return [{ severity: 'warning', check: 'size', message: `${at}, over ${limit}: Gmail hides the rest behind 'View entire message'; cut articles or summaries` }];
  }
  if (htmlBytes >= clipBytes * CLOSE_TO_CLIP_RATIO) {
    return [{ severity: 'info', check: 'size', message: `${at}, close to ${limit}: one more article may get it clipped; keep summaries short` }];
  }
  return [];
}

function checkBudget(report: FitReport, fit: boolean, clipBytes: number, titles: ReadonlyMap<string, string>): Check[] {
  const { budget, bytes } = report;
  const at = `the email is ${(bytes / 1024).toFixed(1)} KB as sent (the longest recipient's copy)`;
  const checks: Check[] = [];
  if (bytes > budget) {
    const fix = fit
      ? 'even with every article moved to the web archive: shorten the editor\'s note or footer, or raise "size.budget"'
      : 'and "size.fit" is false: set "size.fit: true" to fit it, cut articles, or raise "size.budget"';
    checks.push({ severity: 'error', check: 'size', message: `${at}, over "size.budget" (${kb(budget)}) ${fix}` });
  } else if (bytes > clipBytes) {
    checks.push({ severity: 'warning', check: 'size', message: `${at}, within "size.budget" but over Gmail's ${kb(clipBytes)} clipping limit: lower "size.budget"` });
  } else if (!fit && bytes >= budget * CLOSE_TO_CLIP_RATIO) {
    checks.push({ severity: 'info', check: 'size', message: `${at}, close to "size.budget" (${kb(budget)}): one more article may put it over, and "size.fit" is false` });
  }
  const named = (urls: readonly string[]) => urls.map((url) => `"${titles.get(url) ?? url}"`).join(', ');
  const plural = (n: number) => `${n} article${n === 1 ? '' : 's'}`;
  if (report.compacted.length > 0) {
    checks.push({ severity: 'info', check: 'size', message: `to stay within "size.budget" (${kb(budget)}), ${plural(report.compacted.length)} shown compact: ${named(report.compacted)}` });
  }
  if (report.moved.length > 0) {
    checks.push({
      severity: 'info', check: 'size',
      message: `to stay within "size.budget" (${kb(budget)}), ${plural(report.moved.length)} moved to the web archive ("${report.moved.length} more articles this week"): ${named(report.moved)}`,
    });
  }
  return checks;
}

