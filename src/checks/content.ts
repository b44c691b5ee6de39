/**
 * Content checks: things in the articles worth fixing before sending (an
 * image without alt text, a relative link…). Every check returns warnings or
 * notes, never failures, but for an email over its size budget; only
 * checkIssue touches the disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Token, Tokens } from 'marked';
import { lexMarkdown, type MarkdownLexer } from '../util/markdown-lex.js';
import { capBlockNesting } from '../util/markdown-nesting.js';
import type { Issue, IssueArticle } from '../types.js';
import type { Check } from './check.js';
import { checkSize, type SizeContext } from './size.js';

export { checkSize, CLOSE_TO_CLIP_RATIO, type SizeContext } from './size.js';

/** What the checks need to know besides the issue. */
export interface CheckContext {
  /** Summary budget (config summary.maxLength). */
  maxSummaryLength: number;
  /** Absolute path of the content folder; relative links resolve against the article file's folder, and a leading "/" against this folder. */
  contentDir: string;
  /** Absolute path of the folder that Article.file / Author.file are relative to (to read/resolve files). */
  rootDir: string;
  /** Byte size of the sample email HTML. */
  htmlBytes: number;
  /** Gmail clipping threshold in bytes (102 * 1024). */
  clipBytes: number;
  /** The size budget and what fitting did; without it, the size is checked against `clipBytes` alone. */
  size?: SizeContext;
  /** Checks whether a file exists (defaults to fs.existsSync), so tests can avoid the disk. */
  exists?: (absolutePath: string) => boolean;
  /** How article bodies are lexed (a build shares one lexer with the summariser). */
  lex?: MarkdownLexer;
}

/** Where an article's parts are in its file. */
export interface ArticleLines {
  /** 1-based file line of a top-level front-matter key, when present. */
  keyLine(key: string): number | undefined;
  /** 1-based file line where `Article.body` starts; undefined when the file was not read or no longer matches. */
  bodyLine: number | undefined;
}

/** Where relative link targets resolve. */
export interface LinkResolution {
  contentDir: string;
  rootDir: string;
  exists: (absolutePath: string) => boolean;
}

/** Lines for an article whose file could not be read: messages give body lines instead. */
export const UNKNOWN_LINES: ArticleLines = { keyLine: () => undefined, bodyLine: undefined };


/** Runs every check on an issue; warnings sorted by file (issue-wide ones first), then line. */
export function checkIssue(issue: Issue, context: CheckContext): Check[] {
  const exists = context.exists ?? fs.existsSync;
  const resolution = { contentDir: context.contentDir, rootDir: context.rootDir, exists };
  const titles = new Map(issue.articles.map((article) => [article.url, article.title]));
  const warnings = checkSize(context.htmlBytes, context.clipBytes, context.size, titles);
  for (const article of issue.articles) {
    const absolute = path.resolve(context.rootDir, article.file);
    const lines = exists(absolute) ? locateArticle(fs.readFileSync(absolute, 'utf8'), article.body) : UNKNOWN_LINES;
    // Both checks read the same links and images: the body is lexed once.
    const refs = scanBody(article.body, context.lex);
    warnings.push(
      ...checkMissingAlt(article, lines, refs),
      ...checkMissingAuthor(article),
      ...checkSummary(article, context.maxSummaryLength, lines),
      ...checkLinks(article, lines, resolution, refs),
    );
  }
  return warnings.sort(byFileThenLine);
}

// The same split as util/front-matter.ts, which throws where this must not;
// the body comparison below turns any drift into "lines unknown", not wrong lines.
const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

/** Finds front-matter keys and the start of `body` in the text of an article file. */
export function locateArticle(text: string, body: string): ArticleLines {
  const opening = OPENING.exec(text);
  const rest = opening ? text.slice(opening[0].length) : '';
  const closing = opening ? CLOSING.exec(rest) : null;
  if (!closing) return { keyLine: () => undefined, bodyLine: !opening && text === body ? 1 : undefined };
  const frontLines = rest.slice(0, closing.index).split('\n').slice(0, -1);
  const fileBody = rest.slice(closing.index + closing[0].length).replace(/^\r?\n/, '');
  return {
    keyLine: (key) => {
      const index = frontLines.findIndex((line) => keyAt(line, key));
      return index < 0 ? undefined : index + 2;
    },
    // The file may have been edited since the issue was collected.
    bodyLine: fileBody === body ? frontLines.length + 3 : undefined,
  };
}

const keyPatterns = new Map<string, RegExp[]>();

function keyAt(line: string, key: string): boolean {
  let patterns = keyPatterns.get(key);
  if (!patterns) {
    patterns = [key, `"${key}"`, `'${key}'`].map((written) => new RegExp(`^${written}[ \\t]*:`));
    keyPatterns.set(key, patterns);
  }
  return patterns.some((pattern) => pattern.test(line));
}

/** The front-matter image without `imageAlt`, and body images or `<img>` tags without alt text. */
export function checkMissingAlt(article: IssueArticle, lines: ArticleLines, refs: readonly BodyRef[] = scanBody(article.body)): Check[] {
  const warnings: Check[] = [];
  if (article.image !== undefined && !article.imageAlt?.trim()) {
    warnings.push({
      severity: 'warning', check: 'missing-alt',
      ...at(article.file, lines.keyLine('image')),
      message: 'image has no alt text: add "imageAlt:" to the front matter',
    });
  }
  for (const ref of refs) {
    if (ref.kind !== 'image' || ref.alt?.trim()) continue;
    const { location, where } = bodyPlace(article, lines, ref.line);
    const subject = ref.target ? `image ${ref.target}` : 'image';
    const fix = ref.html ? 'add alt="…" to the <img> tag describing what it shows' : 'describe what it shows between the brackets of ![…]';
    warnings.push({ severity: 'warning', check: 'missing-alt', ...location, message: `${subject}${where} has no alt text: ${fix}` });
  }
  return warnings;
}

/** An article without an author goes out without an author card. */
export function checkMissingAuthor(article: IssueArticle): Check[] {
  if (article.author) return [];
  return [
    {
      severity: 'warning', check: 'missing-author',
      file: article.file,
      message: 'no author: the article goes out without an author card; add "author:" with an id from authors/',
    },
  ];
}

/** A final summary over the budget, or an empty one. */
export function checkSummary(article: IssueArticle, maxSummaryLength: number, lines: ArticleLines): Check[] {
  const length = article.summary.length;
  if (article.summary.trim() === '') {
    return [
      {
        severity: 'warning', check: 'empty-summary',
        file: article.file,
        message: 'the summary is empty: the email shows only the title; add "summary:" to the front matter or more prose to the body',
      },
    ];
  }
  if (length <= maxSummaryLength) return [];
  return [
    {
      severity: 'warning', check: 'long-summary',
      ...at(article.file, lines.keyLine('summary')),
      message: `the summary is ${length} characters, over the ${maxSummaryLength}-character budget: shorten "summary:" in the front matter`,
    },
  ];
}

/** Links and image sources in the body that point at local files: broken if missing, relative otherwise. */
export function checkLinks(
  article: IssueArticle,
  lines: ArticleLines,
  resolution: LinkResolution,
  refs: readonly BodyRef[] = scanBody(article.body),
): Check[] {
  const warnings: Check[] = [];
  for (const ref of refs) {
    if (ref.reference || ref.target === undefined) continue;
    const absolute = resolveLocalTarget(ref.target, article.file, resolution);
    if (absolute === undefined) continue;
    const { location, where } = bodyPlace(article, lines, ref.line);
    const subject = `${ref.kind === 'image' ? 'image' : 'link to'} ${ref.target}${where}`;
    if (!resolution.exists(absolute)) {
      const fix = ref.kind === 'image' ? 'use the absolute URL (https://…) of the hosted image' : "link to the page's absolute URL (https://…)";
      warnings.push({ severity: 'warning', check: 'broken-link', ...location, message: `${subject} points to a file that does not exist: ${fix}` });
    } else {
      const fix = ref.kind === 'image' ? 'host the image and use its absolute URL (https://…)' : 'use an absolute URL (https://…)';
      warnings.push({ severity: 'warning', check: 'relative-link', ...location, message: `${subject} is relative, and relative links do not work in an email: ${fix}` });
    }
  }
  return warnings;
}

/**
 * Absolute path of a link target that is a local file, or undefined for URLs
 * with a scheme (http, mailto, tel…), protocol-relative URLs and `#anchors`.
 */
export function resolveLocalTarget(target: string, articleFile: string, resolution: Omit<LinkResolution, 'exists'>): string | undefined {
  const trimmed = target.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('//') || /^[a-z][a-z\d+.-]*:/i.test(trimmed)) return undefined;
  const filePart = decodePath(trimmed.replace(/[?#][\s\S]*$/, ''));
  if (filePart === '') return undefined;
  return filePart.startsWith('/')
    ? path.join(resolution.contentDir, filePart)
    : path.resolve(resolution.rootDir, path.dirname(articleFile), filePart);
}

function decodePath(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch (error) {
    // A stray "%" is a literal character in the file name, not an escape.
    if (error instanceof URIError) return text;
    throw error;
  }
}

/** A link or image in an article body, outside code. */
export interface BodyRef {
  kind: 'link' | 'image';
  target: string | undefined;
  /** Alt text of an image; undefined when an `<img>` has no alt attribute. */
  alt?: string;
  /** `[text][id]` uses: the target is checked at the `[id]: …` definition instead. */
  reference: boolean;
  html: boolean;
  /** 0-based line within the body. */
  line: number;
}

/** A BodyRef by its character offset in the body. */
type FoundRef = Omit<BodyRef, 'line'> & { offset: number };

/** A piece of the body whose offset is known, with how far its children have been matched. */
interface Anchor {
  raw: string;
  offset: number;
  cursor: number;
}

/**
 * Characters lexed at a time. marked's block rules recurse and overflow the
 * stack on a paragraph of some megabytes, so a long body is lexed in pieces
 * cut at paragraph breaks (or, inside one huge paragraph, at a space).
 */
const LEX_CHUNK_CHARS = 100_000;

function scanBody(body: string, lex: MarkdownLexer = lexMarkdown): BodyRef[] {
  // marked normalises line ends the same way before lexing, so raws match this
  // text; capping nesting keeps every line where it was.
  const source = capBlockNesting(body.replace(/\r\n?/g, '\n'));
  const found: FoundRef[] = [];
  for (const chunk of lexChunks(source)) {
    visit(lex(chunk.text), { raw: chunk.text, offset: chunk.offset, cursor: 0 }, found);
  }
  const lineOf = lineFinder(source);
  return found.map(({ offset, ...ref }) => ({ ...ref, line: lineOf(offset) }));
}

/** `source` cut into pieces of at most {@link LEX_CHUNK_CHARS}, with where each starts. */
function lexChunks(source: string): { text: string; offset: number }[] {
  const chunks: { text: string; offset: number }[] = [];
  let start = 0;
  while (source.length - start > LEX_CHUNK_CHARS) {
    const window = source.slice(start, start + LEX_CHUNK_CHARS);
    const paragraph = window.lastIndexOf('\n\n');
    const space = window.search(/\s\S*$/);
    const cut = paragraph > LEX_CHUNK_CHARS / 2 ? paragraph + 2 : space > 0 ? space + 1 : LEX_CHUNK_CHARS;
    chunks.push({ text: window.slice(0, cut), offset: start });
    start += cut;
  }
  chunks.push({ text: source.slice(start), offset: start });
  return chunks;
}

/** The 0-based line of a character offset, by binary search over the line starts. */
function lineFinder(source: string): (offset: number) => number {
  const starts = [0];
  for (let at = source.indexOf('\n'); at >= 0; at = source.indexOf('\n', at + 1)) starts.push(at + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
}

/**
 * marked gives no positions, so each token's raw is searched for in its
 * nearest located ancestor, in document order. Tokens whose raw differs from
 * the source (inside block quotes, where "> " is stripped) fall back to that
 * ancestor's position. Code blocks and code spans have no child tokens, so
 * links in them are never collected, but they still move the cursor past them.
 */
function visit(tokens: readonly Token[], anchor: Anchor, found: FoundRef[]): void {
  for (const token of tokens) {
    const index = anchor.raw.indexOf(token.raw, anchor.cursor);
    if (index >= 0) anchor.cursor = index + token.raw.length;
    const offset = anchor.offset + (index >= 0 ? index : anchor.cursor);
    const reference = /^!?\[[\s\S]*\]$/.test(token.raw);
    if (token.type === 'link' || token.type === 'def') {
      found.push({ kind: 'link', target: (token as Tokens.Link | Tokens.Def).href, reference, html: false, offset });
    } else if (token.type === 'image') {
      const image = token as Tokens.Image;
      found.push({ kind: 'image', target: image.href, alt: image.text, reference, html: false, offset });
    } else if (token.type === 'html') {
      found.push(...htmlRefs(token.raw).map((ref) => ({ ...ref, offset: offset + ref.offset })));
    }
    visit(childrenOf(token), index >= 0 ? { raw: token.raw, offset, cursor: 0 } : anchor, found);
  }
}

function childrenOf(token: Token): Token[] {
  if (token.type === 'list') return (token as Tokens.List).items;
  if (token.type === 'table') {
    const table = token as Tokens.Table;
    return [...table.header, ...table.rows.flat()].flatMap((cell) => cell.tokens);
  }
  const tokens: unknown = (token as { tokens?: unknown }).tokens;
  return Array.isArray(tokens) ? (tokens as Token[]) : [];
}

const TAG = /<(a|img)(\s[^>]*)?>/gi;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function htmlRefs(raw: string): FoundRef[] {
  // Blank out comments keeping their length, so offsets after them stay right.
  const html = raw.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
  return [...html.matchAll(TAG)].map((match): FoundRef => {
    const attributes = new Map(
      [...(match[2] ?? '').matchAll(ATTRIBUTE)].map((a) => [a[1]?.toLowerCase() ?? '', a[2] ?? a[3] ?? a[4] ?? ''] as const),
    );
    const isImage = match[1]?.toLowerCase() === 'img';
    return isImage
      ? { kind: 'image', target: attributes.get('src'), alt: attributes.get('alt'), reference: false, html: true, offset: match.index }
      : { kind: 'link', target: attributes.get('href'), reference: false, html: true, offset: match.index };
  });
}

/** The file line of a body line when known; otherwise `where` names the body line for the message. */
function bodyPlace(article: IssueArticle, lines: ArticleLines, bodyLine: number): { location: Pick<Check, 'file' | 'line'>; where: string } {
  if (lines.bodyLine === undefined) return { location: { file: article.file }, where: ` on body line ${bodyLine + 1}` };
  return { location: { file: article.file, line: lines.bodyLine + bodyLine }, where: '' };
}

function at(file: string, line: number | undefined): Pick<Check, 'file' | 'line'> {
  return line === undefined ? { file } : { file, line };
}

function byFileThenLine(a: Check, b: Check): number {
  if (a.file !== b.file) {
    if (a.file === undefined) return -1;
    if (b.file === undefined) return 1;
    return a.file < b.file ? -1 : 1;
  }
  return (a.line ?? 0) - (b.line ?? 0);
}
