/**
 * SpamAssassin's verdict on the sample message as findings: a score above 0
 * is a warning (each point is a reason a filter may hold the issue back),
 * from 5 (SpamAssassin's default spam threshold) an error.
 */
import type { Check } from './check.js';

/** What scoring a message gave: the score and the rules that fired, or why it was not scored. */
export type SpamScore = { score: number; rules: readonly { name: string; score: number; description?: string }[] } | { skipped: string };

/** SpamAssassin's default `required_score`. */
export const SPAM_THRESHOLD = 5;

/** The finding for a score. */
export function spamCheck(result: SpamScore): Check {
  if ('skipped' in result) return { severity: 'info', check: 'spam', message: `SpamAssassin skipped: ${result.skipped}` };
  const fired = result.rules
    .filter((rule) => rule.score !== 0)
    .map((rule) => `${rule.name} ${rule.score > 0 ? '+' : ''}${rule.score}${rule.description ? ` (${rule.description})` : ''}`);
  const rules = fired.length > 0 ? `: ${fired.join(', ')}` : '';
  if (result.score >= SPAM_THRESHOLD) {
    return { severity: 'error', check: 'spam', message: `SpamAssassin scores the sample message ${result.score}, spam from ${SPAM_THRESHOLD}${rules}` };
  }
  if (result.score > 0) {
    return { severity: 'warning', check: 'spam', message: `SpamAssassin scores the sample message ${result.score} (0 or below is the aim)${rules}` };
  }
  return { severity: 'info', check: 'spam', message: `SpamAssassin scores the sample message ${result.score}${rules}` };
}
