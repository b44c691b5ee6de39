/**
 * `digest import`: one article (a .md, .html or .txt file, or an http(s)
 * URL) → `contentDir/articles/<date>-<slug>.md`, plus `authors/<id>.md` for
 * an author who has no card yet, for the editor to review.
 *
 * 1. read the source into a draft (sanitised Markdown body + metadata);
 * 2. apply --date/--author/--section, else what the source says, else today;
 * 3. check the article with `parseArticle`, as the digest will read it;
 * 4. find the article an earlier import of the same source wrote (its
 *    front matter records the source) and update it; else name a new file
 *    after the date and title, never replacing a file;
 * 5. write the author card (when new) and the article, unless a dry run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArticle } from '../collect/articles.js';
import { parseAuthor, readAuthors } from '../collect/authors.js';
import { parseContentDate } from '../util/dates.js';
import type { Config } from '../config/schema.js';
import { DigestError } from '../errors.js';
import type { Article } from '../types.js';
import { displayPath } from '../util/paths.js';
import { resolveAuthor, type AuthorChoice, type KnownAuthors } from './author.js';
import type { FetchPageOptions } from './fetch-page.js';
import { findImportedArticle, sourceComment, sourceKey } from './imported-source.js';
import { formatCalendarDate } from './loose-date.js';
import { readSource, type Draft } from './read-source.js';
import { escapeMarkdownText } from './sanitize-markdown.js';
import { articleMarkdown, authorMarkdown, freeArticleFile, replaceFile, slugify, writeArticleFile, writeNewFile, type ArticleFields } from './write.js';

/** What an import needs: the newsletter's settings, the clock's "now" and the CLI options. */
export interface ImportOptions {
  config: Pick<Config, 'contentDir' | 'timezone'> & { newsletter: Pick<Config['newsletter'], 'baseUrl'> };
  /** "Now": its date in the newsletter's time zone is the default date. */
  now: Date;
  /** Relative source paths resolve here; paths in messages are shown relative to it. */
  cwd?: string;
  /** `--date`: the article's date (`YYYY-MM-DD`, or any front-matter date). */
  date?: string;
  /** `--author`: an author id, or a name ("Jane Doe" → `jane-doe`). */
  author?: string;
  /** `--section`. */
  section?: string;
  /** Compute everything, write nothing. */
  dryRun?: boolean;
  /** Limits of URL fetches (tests shorten them). */
  fetch?: FetchPageOptions;
}

/** An import's outcome. */
export interface ImportResult {
  /** The article file's text. */
  markdown: string;
  /** Absolute path of the article file (written, or that would be written). */
  articleFile: string;
  /** `create` for a new file; `update` (or `unchanged`) for the file an earlier import of the same source wrote. */
  action: 'create' | 'update' | 'unchanged';
  author?: {
    id: string;
    /** Absolute path of `authors/<id>.md`. */
    file: string;
    /** The card: new, or the existing file's text (left unchanged). */
    markdown: string;
    isNew: boolean;
  };
  /** Whether files were written (false for a dry run). */
  written: boolean;
  /** Things the editor should check, one line each. */
  notes: string[];
}

/** Imports one article (see the module comment). Every user-facing failure is a DigestError. */
export async function importArticle(input: string, options: ImportOptions): Promise<ImportResult> {
  const cwd = options.cwd ?? process.cwd();
  const { contentDir, timezone: timeZone } = options.config;
  const show = (file: string) => displayPath(file, cwd);
  if (options.date !== undefined) checkDateOption(options.date, timeZone);

  const draft = await readSource(input, { cwd, timeZone, fetch: options.fetch });
  const notes = [...draft.notes];
  const known = knownAuthors(contentDir);
  const author = chooseAuthor(draft, options, known);

  const articlesDir = path.join(contentDir, 'articles');
  const key = sourceKey(input, contentDir, cwd);
  const previous = findImportedArticle(articlesDir, key, typeof draft.fields.url === 'string' ? draft.fields.url : undefined);
  const today = formatCalendarDate(options.now, timeZone);
  // A page without a date keeps the date it was first imported with, so a re-import does not move it to another week.
  const fallbackDate = previous?.date ?? today;
  if (options.date === undefined && draft.date === undefined) {
    notes.push(
      previous?.date
        ? `no date found in ${draft.shown}: keeping ${previous.date}, the date of the earlier import (--date sets another)`
        : `no date found in ${draft.shown}: using today, ${today} (--date sets another)`,
    );
  }
  const authorId = author?.id ?? (draft.author?.isId ? draft.author.reference : undefined);
  const section = options.section ?? draft.section;
  // A Markdown file's own fields come first, so values that are not text reach parseArticle as written.
  const fields: ArticleFields = {
    ...draft.fields,
    title: draft.title,
    date: options.date ?? draft.date ?? fallbackDate,
    ...(authorId === undefined ? {} : { author: authorId }),
    ...(section === undefined ? {} : { section }),
  };
  const markdown = articleMarkdown(fields, draft.body, sourceComment(key));
  const authorIds = new Set([...known.keys(), ...(author?.isNew ? [author.id] : [])]);
  const article = validate(markdown, draft, { timeZone, baseUrl: options.config.newsletter.baseUrl, authorIds });
  if (!fields.author) notes.push('no author found: add "author:" to the article or pass --author');

  const fileDate = formatCalendarDate(article.date, timeZone);
  const slug = slugify(article.title);
  const authorCard = author ? authorCardOf(author, draft, contentDir) : undefined;
  const action: ImportResult['action'] = previous === undefined ? 'create' : previous.text === markdown ? 'unchanged' : 'update';
  let target = previous ? { file: previous.file, copy: 1 } : freeArticleFile(articlesDir, fileDate, slug);
  if (!options.dryRun) {
    if (authorCard?.isNew && !writeNewFile(authorCard.file, authorCard.markdown)) {
      authorCard.isNew = false;
      authorCard.markdown = fs.readFileSync(authorCard.file, 'utf8');
    }
    if (action === 'create') target = writeArticleFile(articlesDir, fileDate, slug, markdown);
    else if (action === 'update') replaceFile(target.file, markdown);
  }
  const verb = options.dryRun ? 'would write' : 'wrote';
  if (target.copy > 1) notes.push(`${show(path.join(articlesDir, `${fileDate}-${slug}.md`))} already exists: ${verb} ${show(target.file)} instead`);
  if (action === 'update') notes.push(`${draft.shown} was imported before: ${options.dryRun ? 'would update' : 'updated'} ${show(target.file)}`);
  if (action === 'unchanged') notes.push(`${draft.shown} was imported before: ${show(target.file)} is unchanged`);
  if (authorCard?.isNew) notes.push(`new author "${author?.name ?? authorCard.id}": ${verb} ${show(authorCard.file)} (add a role or avatar there)`);
  else if (author && draft.author && !draft.author.isId && !options.author) notes.push(`author "${draft.author.reference}" is ${author.id} (${show(authorCard?.file ?? '')}, unchanged)`);
  const result: ImportResult = { markdown, articleFile: target.file, action, written: !options.dryRun, notes };
  if (authorCard) result.author = authorCard;
  return result;
}

function checkDateOption(value: string, timeZone: string): void {
  try {
    parseContentDate(value, timeZone);
  } catch (error) {
    if (!(error instanceof DigestError)) throw error;
    throw new DigestError(error.code, `--date ${error.message}`, { field: '--date', hint: 'e.g. --date 2026-03-03', cause: error });
  }
}

/** Ids of `authors/*.md` with their names (a card that does not parse still reserves its id). */
function knownAuthors(contentDir: string): KnownAuthors {
  const { authors, failures } = readAuthors(contentDir);
  const known = new Map<string, string | undefined>();
  for (const [id, author] of authors) known.set(id, author.name);
  for (const failure of failures) known.set(path.basename(failure.file, '.md'), undefined);
  return known;
}

/** --author wins; then a name found in a page; a Markdown file's `author:` id is checked by parseArticle. */
function chooseAuthor(draft: Draft, options: ImportOptions, known: KnownAuthors): AuthorChoice | undefined {
  if (options.author !== undefined) return resolveAuthor(options.author, known);
  if (!draft.author || draft.author.isId) return undefined;
  return resolveAuthor(draft.author.reference, known, 'author');
}

function authorCardOf(author: AuthorChoice, draft: Draft, contentDir: string): NonNullable<ImportResult['author']> {
  const file = path.join(contentDir, 'authors', `${author.id}.md`);
  if (!author.isNew || fs.existsSync(file)) {
    return { id: author.id, file, markdown: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '', isNew: false };
  }
  const markdown = authorMarkdown(author.name ?? author.id, draft.author?.bio ? escapeMarkdownText(draft.author.bio) : '');
  parseAuthor(markdown, file); // a card we cannot read back must not be written
  return { id: author.id, file, markdown, isNew: true };
}

/**
 * Reads the article back as the digest will. Problems name the source (and,
 * for a Markdown file, the line in it), not the file not yet written.
 */
function validate(markdown: string, draft: Draft, context: Parameters<typeof parseArticle>[2]): Article {
  try {
    return parseArticle(markdown, draft.shown, context);
  } catch (error) {
    if (!(error instanceof DigestError)) throw error;
    const keyPath = error.field?.split('.').map((key) => (/^\d+$/.test(key) ? Number(key) : key));
    const line = keyPath && draft.lineOf ? draft.lineOf(keyPath) : undefined;
    throw new DigestError(error.code, error.message, { file: draft.shown, line, field: error.field, hint: error.hint, cause: error });
  }
}
