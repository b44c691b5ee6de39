/**
 * Summarize stage: Article -> summary text. A summary written by the author
 * wins; otherwise an extractive summary of the body within a character budget.
 */
import { summarizeProse } from './extractive.js';
import { extractProse, stripMarkdown } from './prose.js';

export { summarizeProse } from './extractive.js';
export { extractProse } from './prose.js';
export { splitSentences } from './sentences.js';

/** Options of the summarize stage. */
export interface SummaryOptions {
  /** Most characters a generated summary may have. */
  maxLength: number;
}

/** Budget of a generated summary when the config does not set one. */
export const DEFAULT_SUMMARY_LENGTH = 300;

/**
 * The summary shown for an article: the front-matter summary as plain text,
 * kept whole because the author chose it; else an extractive summary of the
 * body of at most `options.maxLength` characters ("" for an empty body).
 */
export function toSummary(article: { summary?: string; body: string }, options: SummaryOptions): string {
  const given = article.summary === undefined ? '' : stripMarkdown(article.summary);
  return given || summarizeText(article.body, options);
}

/** Summary of a raw text (plain text or Markdown), used by `digest summarize --jsonl`. */
export function summarizeText(text: string, options: SummaryOptions): string {
  return summarizeProse(extractProse(text), options.maxLength);
}
