/**
 * Summarize stage: Article -> summary text. A summary written by the author
 * wins; otherwise an extractive summary of the body within a character budget.
 */
import { summarizeProse } from './extractive.js';
import type { MarkdownLexer } from '../util/markdown-lex.js';
import { capBlockNesting } from '../util/markdown-nesting.js';
import { extractBlocks, stripMarkdown } from './prose.js';

export { summarizeProse } from './extractive.js';
export { extractBlocks, extractProse, type ProseBlock } from './prose.js';
export { splitSentences } from './sentences.js';

/** Options of the summarize stage. */
export interface SummaryOptions {
  /** Most characters a generated summary may have. */
  maxLength: number;
  /** How Markdown is lexed (a build shares one lexer between the summaries and the content checks). */
  lex?: MarkdownLexer;
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
  return summarizeProse(extractBlocks(capBlockNesting(leadOf(text)), options.lex), options.maxLength);
}

/**
 * Characters of a body the summariser reads. A summary is a few sentences
 * picked from the article; the first 100,000 characters (a 15,000-word
 * article) hold them, and marked's block regexes overflow the stack on a
 * paragraph of some megabytes.
 */
export const SUMMARY_INPUT_CHARS = 100_000;

/** The start of `text`, at most {@link SUMMARY_INPUT_CHARS} long, cut at a paragraph break or else a space. */
export function leadOf(text: string): string {
  if (text.length <= SUMMARY_INPUT_CHARS) return text;
  const head = text.slice(0, SUMMARY_INPUT_CHARS);
  const paragraph = head.lastIndexOf('\n\n');
  if (paragraph > SUMMARY_INPUT_CHARS / 2) return head.slice(0, paragraph);
  const space = head.search(/\s\S*$/);
  return space > 0 ? head.slice(0, space) : head;
}
