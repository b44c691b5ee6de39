/**
 * A Markdown article to import: its front matter is kept (and checked by
 * `parseArticle` later), its body sanitised like every import.
 */
import { parseFrontMatter, type FrontMatterFile } from '../util/front-matter.js';
import { DigestError, ErrorCodes } from '../errors.js';
import { sanitizeMarkdown } from './sanitize-markdown.js';

/** A Markdown source read for import. */
export interface MarkdownArticle {
  /** Front-matter fields as written. */
  fields: Record<string, unknown>;
  /** Line of a front-matter key in the source file, for error messages. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** The sanitised body. */
  body: string;
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;

/**
 * Reads a Markdown article; a file without front matter has no fields.
 *
 * @throws DigestError naming `shown` for broken front matter or a missing title.
 */
export function readMarkdownArticle(text: string, shown: string): MarkdownArticle {
  const parsed: Pick<FrontMatterFile, 'data' | 'body' | 'lineOf'> = OPENING.test(text)
    ? parseFrontMatter(text, shown)
    : { data: {}, body: text, lineOf: () => undefined };
  const title = parsed.data.title;
  if (typeof title !== 'string' || title.trim() === '') {
    throw new DigestError(ErrorCodes.FRONT_MATTER_INVALID, title === undefined ? '"title" is required' : '"title" must be non-empty text', {
      file: shown,
      line: parsed.lineOf(['title']) ?? 1,
      field: 'title',
      hint: 'add a "title:" line to the front matter (between the "---" lines); the imported file is named after it',
    });
  }
  return { fields: { ...parsed.data }, lineOf: (path) => parsed.lineOf(path), body: sanitizeMarkdown(parsed.body) };
}
