/**
 * Reads what `digest import` was given — a .md, .html or .txt file, or an
 * http(s) URL — into one shape: title, date, author, section, other fields
 * and a sanitised Markdown body.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DigestError, ErrorCodes } from '../errors.js';
import { displayPath } from '../util/paths.js';
import { fetchPage, decodeHtml, type FetchPageOptions } from './fetch-page.js';
import { HTML_LIMITS, limitPassed, measureHtml } from './html-depth.js';
import { extractHtmlArticle, type HtmlArticle } from './html.js';
import { toCalendarDate } from './loose-date.js';
import { dropMarkdownFurniture } from './markdown-furniture.js';
import { readMarkdownArticle } from './markdown.js';
import { stripControlCharacters, stripControlCharactersInLine } from './control-chars.js';
import type { DroppedLine } from './furniture.js';
import { parseTextArticle, type TextArticle } from './text.js';

/** What a source gave, before options and defaults are applied. */
export interface Draft {
  /** The source as shown in messages: a path relative to the working directory, or the URL. */
  shown: string;
  kind: 'markdown' | 'html' | 'text';
  title: string;
  /** Front-matter `date` as written (Markdown), or the calendar date found in a page. */
  date?: unknown;
  /** An author id (Markdown front matter) or a name found in the page, with a bio when the page has one. */
  author?: { reference: string; isId: boolean; bio?: string };
  section?: string;
  /** Further front-matter fields: a Markdown file's own, or `image`, `imageAlt`, `url` of a page. */
  fields: Record<string, unknown>;
  body: string;
  /** Line of a front-matter key in a Markdown source, for error messages. */
  lineOf?: (path: readonly PropertyKey[]) => number | undefined;
  notes: string[];
}

/** Where and how to read a source. */
export interface ReadOptions {
  cwd: string;
  timeZone: string;
  fetch?: FetchPageOptions;
}

const KINDS: Record<string, Draft['kind']> = { '.md': 'markdown', '.markdown': 'markdown', '.html': 'html', '.htm': 'html', '.xhtml': 'html', '.txt': 'text', '.text': 'text' };

/** Reads `input` (see the module comment); failures are DigestErrors naming the file or URL. Control characters are removed from its text. */
export async function readSource(input: string, options: ReadOptions): Promise<Draft> {
  const draft = await readDraft(input, options);
  // Copied text had its furniture dropped while it was read (parseTextArticle), with the same rules.
  return withoutControlCharacters(draft.kind === 'text' ? draft : withoutFurniture(draft));
}

/** The draft without calls to action, navigation and sign-up leftovers in its body (see markdown-furniture.ts). */
function withoutFurniture(draft: Draft): Draft {
  const { body, dropped } = dropMarkdownFurniture(draft.body);
  if (dropped.length === 0) return draft;
  if (!body.trim()) {
    return { ...draft, notes: [...draft.notes, `every paragraph of ${draft.shown} reads like a call to action or navigation: kept them all, check the article`] };
  }
  return { ...draft, body, notes: [...draft.notes, `left out ${describeDropped(dropped)}`] };
}

async function readDraft(input: string, options: ReadOptions): Promise<Draft> {
  if (/^https?:\/\//i.test(input)) {
    const page = await fetchPage(input, options.fetch);
    checkHtmlSize(page.html, { url: input });
    const article = extractHtmlArticle(page.html, { url: page.url });
    return htmlDraft(article, input, options.timeZone, page.notes);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    throw new DigestError(ErrorCodes.INPUT_INVALID, `cannot import ${input}: only http(s) URLs can be fetched`, {
      hint: 'pass an http(s) URL or a .md, .html or .txt file',
    });
  }
  const file = path.resolve(options.cwd, input);
  const shown = displayPath(file, options.cwd);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new DigestError(ErrorCodes.INPUT_INVALID, 'file not found', { file: shown, hint: 'check the path (or pass an http(s) URL)' });
  }
  const extension = path.extname(file).toLowerCase();
  const kind = KINDS[extension];
  if (kind !== undefined && fs.statSync(file).size > MAX_FILE_BYTES) {
    throw new DigestError(ErrorCodes.IMPORT_FAILED, `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, {
      file: shown,
      hint: 'import the article on its own: copy its text into a .txt file (title on the first line)',
    });
  }
  if (kind === 'markdown') return markdownDraft(stripControlCharacters(fs.readFileSync(file, 'utf8')), shown);
  if (kind === 'html') {
    const notes: string[] = [];
    const html = decodeHtml(fs.readFileSync(file), '', notes);
    checkHtmlSize(html, { file: shown });
    return htmlDraft(extractHtmlArticle(html, { fileUrl: pathToFileURL(file).href }), shown, options.timeZone, notes);
  }
  if (kind === 'text') return textDraft(parseTextArticle(stripControlCharacters(fs.readFileSync(file, 'utf8'))), shown);
  throw new DigestError(ErrorCodes.INPUT_INVALID, `cannot import a "${extension || 'extension-less'}" file`, {
    file: shown,
    hint: 'import a .md, .html or .txt file, or an http(s) URL',
  });
}

/** The draft with control characters removed from its title, body, author, section and text fields. */
function withoutControlCharacters(draft: Draft): Draft {
  const line = stripControlCharactersInLine;
  const fields = Object.fromEntries(
    Object.entries(draft.fields).map(([key, value]) => [key, typeof value === 'string' ? stripControlCharacters(value) : value]),
  );
  const clean: Draft = { ...draft, title: line(draft.title).trim(), body: stripControlCharacters(draft.body), fields };
  if (draft.author) {
    clean.author = { ...draft.author, reference: line(draft.author.reference).trim() };
    if (draft.author.bio !== undefined) clean.author.bio = line(draft.author.bio);
  }
  if (draft.section !== undefined) clean.section = line(draft.section).trim();
  return clean;
}

/** The largest file imported, as for a fetched page. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

const SIZE_PROBLEMS = {
  depth: `nests its elements more than ${HTML_LIMITS.depth} levels deep`,
  elements: `has more than ${HTML_LIMITS.elements.toLocaleString('en')} elements`,
  nesting: 'has too many deeply nested elements',
} as const;

/**
 * Refuses a page that would take the extractor minutes or overflow its
 * stack (see html-depth.ts), before any DOM is built.
 */
function checkHtmlSize(html: string, source: { file: string } | { url: string }): void {
  const passed = limitPassed(measureHtml(html));
  if (passed === undefined) return;
  const hint = "this is not an article page an import can read; save the article's text as .txt (title on the first line) and import that";
  if ('url' in source) throw new DigestError(ErrorCodes.IMPORT_FAILED, `could not import ${source.url}: the page ${SIZE_PROBLEMS[passed]}`, { hint });
  throw new DigestError(ErrorCodes.IMPORT_FAILED, `the page ${SIZE_PROBLEMS[passed]}`, { file: source.file, hint });
}

function markdownDraft(text: string, shown: string): Draft {
  const article = readMarkdownArticle(text, shown);
  const { title, date, author, section, ...fields } = article.fields;
  const draft: Draft = { shown, kind: 'markdown', title: String(title).trim(), date, fields, body: article.body, lineOf: article.lineOf, notes: [] };
  // An author or section that is not text stays a plain field, so parseArticle reports it with its line.
  if (typeof author === 'string') draft.author = { reference: author, isId: true };
  else if (author !== undefined) fields.author = author;
  if (typeof section === 'string') draft.section = section;
  else if (section !== undefined) fields.section = section;
  return draft;
}

function htmlDraft(article: HtmlArticle | undefined, shown: string, timeZone: string, notes: string[]): Draft {
  const fail = (problem: string, hint: string) => new DigestError(ErrorCodes.IMPORT_FAILED, `${problem} in ${shown}`, { hint });
  if (!article) throw fail('found no article text', "save the article's text as .txt (title on the first line) and import that");
  if (!article.title) throw fail('found no title', 'save the article as .md with a "title:" in its front matter and import that');
  const draft: Draft = { shown, kind: 'html', title: article.title, fields: {}, body: article.body, notes: [...notes, ...article.notes] };
  if (article.published) {
    const date = toCalendarDate(article.published, timeZone);
    if (date) draft.date = date;
    else draft.notes.push(`could not read the page's date "${article.published}"`);
  }
  if (article.author) draft.author = { reference: article.author, isId: false };
  if (article.section) draft.section = article.section;
  if (article.url) draft.fields.url = article.url;
  if (article.image) draft.fields.image = article.image;
  if (article.image && article.imageAlt) draft.fields.imageAlt = article.imageAlt;
  return draft;
}

function textDraft(article: TextArticle, shown: string): Draft {
  if (!article.title) {
    throw new DigestError(ErrorCodes.IMPORT_FAILED, 'found no title line', {
      file: shown,
      hint: 'put the title on a line of its own at the top (a short section line may come before it)',
    });
  }
  if (!article.body.trim()) {
    throw new DigestError(ErrorCodes.IMPORT_FAILED, 'found no article text after the title', { file: shown, hint: 'paste the article\'s paragraphs below the title' });
  }
  const draft: Draft = { shown, kind: 'text', title: article.title, fields: {}, body: article.body, notes: [] };
  if (article.date) draft.date = article.date;
  if (article.section) draft.section = article.section;
  if (article.author) draft.author = { reference: article.author.name, isId: false, bio: article.author.bio };
  else if (article.byline) draft.author = { reference: article.byline, isId: false };
  if (article.dropped.length > 0) draft.notes.push(`left out ${describeDropped(article.dropped)}`);
  return draft;
}

const DROP_LABELS = {
  promo: ['call to action', 'calls to action'],
  navigation: ['navigation line', 'navigation lines'],
  signup: ['sign-up prompt', 'sign-up prompts'],
  related: ['related-article title', 'related-article titles'],
} as const;

function describeDropped(dropped: DroppedLine[]): string {
  const counts = new Map<keyof typeof DROP_LABELS, number>();
  for (const { reason } of dropped) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => `${count} ${DROP_LABELS[reason][count === 1 ? 0 : 1]}`).join(', ');
}
