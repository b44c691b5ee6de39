import fs from 'node:fs';
import path from 'node:path';
import { DigestError, ErrorCodes } from '../errors.js';
import type { Article } from '../types.js';
import { displayPath } from '../util/paths.js';
import { tryParse, type FileCache, type ParseResult } from './cache.js';
import { parseContentDate } from '../util/dates.js';
import { parseFrontMatter } from '../util/front-matter.js';
import { articleFrontMatterSchema, validateFrontMatter } from './schemas.js';
import { resolveImage } from './images.js';
import { isMediaFresh } from '../util/media.js';
import { placeInvalidArticle } from './placement.js';
import { listMarkdownFiles, NotUtf8Error, readContentFile } from './walk.js';

const ARTICLE_HINT = 'see README "Content format": articles need "title:" and "date:" in their front matter';

/** What parsing an article needs to know about the newsletter. */
export interface ArticleContext {
  timeZone: string;
  baseUrl: string;
  /** Known author ids; an unknown `author:` is an error. */
  authorIds: ReadonlySet<string>;
  /** The content folder: local images are inside it, and a leading "/" starts there (default: the article's folder's parent). */
  contentDir?: string;
}

/** Where file names in messages and issue.json are relative to (the config file's folder). */
export interface DisplayRoot {
  root?: string;
}

/**
 * Parses one article file. `file` is the path shown in messages and kept in
 * `Article.file`; `sourceFile` is where it is on disk (local images are
 * relative to it). Throws a DigestError naming the file, line and field.
 */
export function parseArticle(text: string, file: string, context: ArticleContext, sourceFile: string = file): Article {
  const shown = file;
  const parsed = parseFrontMatter(text, shown);
  const data = validateFrontMatter(articleFrontMatterSchema, parsed, shown, ARTICLE_HINT);
  let date: Date;
  try {
    date = parseContentDate(data.date, context.timeZone);
  } catch (error) {
    if (!(error instanceof DigestError)) throw error;
    throw new DigestError(error.code, `"date" ${error.message}`, {
      file: shown,
      line: parsed.lineOf(['date']),
      field: 'date',
      hint: error.hint,
      cause: error,
    });
  }
  if (data.author && !context.authorIds.has(data.author)) {
    throw new DigestError(ErrorCodes.AUTHOR_UNKNOWN, `"author" names an unknown author "${data.author}"`, {
      file: shown,
      line: parsed.lineOf(['author']),
      field: 'author',
      hint: `create authors/${data.author}.md or use one of: ${[...context.authorIds].join(', ') || '(no authors yet)'}`,
    });
  }
  const slug = data.slug ?? slugFromFileName(file);
  const image =
    data.image === undefined
      ? undefined
      : resolveImage(
          data.image,
          { width: data.imageWidth, height: data.imageHeight },
          {
            sourceFile,
            contentDir: context.contentDir ?? path.dirname(path.dirname(path.resolve(sourceFile))),
            shownFile: shown,
            line: parsed.lineOf(['image']),
            field: 'image',
          },
          context.baseUrl,
        );
  return {
    file: shown,
    slug,
    title: data.title,
    date,
    authorId: data.author,
    summary: data.summary,
    url: data.url ?? `${context.baseUrl}/${slug}`,
    section: data.section,
    tags: data.tags ?? [],
    image: image?.url,
    imageAlt: data.imageAlt,
    ...(image?.width !== undefined && { imageWidth: image.width }),
    ...(image?.height !== undefined && { imageHeight: image.height }),
    ...(image?.file && { imageFile: image.file }),
    draft: data.draft ?? false,
    ...(data.featured === undefined ? {} : { featured: data.featured }),
    body: parsed.body,
  };
}

/** `2026-11-24-moving-queues.md` → `moving-queues`. */
export function slugFromFileName(file: string): string {
  // NFKD splits "é" into "e" + accent, so non-ASCII letters keep their base letter.
  const base = path.basename(file, '.md').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const withoutDate = base.replace(/^\d{4}-\d{2}-\d{2}-/, '');
  return withoutDate.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'article';
}

/** The article files under `articles/`, and the paths passed over (as warnings, named for the editor). */
export interface ArticleFiles {
  files: string[];
  skipped: { file: string; reason: string }[];
}

/** Every `*.md` under `articles/`, recursively, sorted for stable output; never loops on symlinks. */
export function listArticleFiles(contentDir: string, options: DisplayRoot = {}): ArticleFiles {
  const dir = path.join(contentDir, 'articles');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new DigestError(ErrorCodes.CONTENT_NOT_FOUND, 'articles folder not found', {
      file: displayPath(dir, options.root),
      hint: 'create it and add Markdown articles, or set "contentDir" in the config',
    });
  }
  const walked = listMarkdownFiles(dir, { recursive: true });
  return { files: walked.files, skipped: walked.skipped.map((entry) => ({ file: displayPath(entry.path, options.root), reason: entry.reason })) };
}

/** A cached article whose local image was replaced on disk is parsed again. */
function imagesFresh(result: ParseResult<Article>): boolean {
  return !result.ok || result.value.imageFile === undefined || isMediaFresh(result.value.imageFile);
}

/** One article file and what parsing it gave. */
export interface ArticleFileResult {
  /** Path as shown to the editor. */
  file: string;
  result: ParseResult<Article>;
}

/** Reads and parses every article, keeping failures as values; `cache` skips unchanged files. */
export function readArticles(
  contentDir: string,
  context: ArticleContext & DisplayRoot,
  cache?: FileCache<ParseResult<Article>>,
): { results: ArticleFileResult[]; skipped: ArticleFiles['skipped'] } {
  const { files, skipped } = listArticleFiles(contentDir, context);
  cache?.prune(new Set(files));
  const key = `${context.timeZone}|${context.baseUrl}|${[...context.authorIds].sort().join(',')}`;
  const results = files.map((file) => {
    const shown = displayPath(file, context.root);
    const parse = (text: string): ParseResult<Article> => {
      const result = tryParse(() => parseArticle(text, shown, { ...context, contentDir }, file));
      return result.ok ? result : { ...result, placement: placeInvalidArticle(text, shown, context.timeZone) };
    };
    const read = tryParse(() => readContentFile(file, shown, (text) => (cache ? cache.read(file, key, parse, text, imagesFresh) : parse(text()))));
    if (read.ok) return { file: shown, result: read.value };
    // A file in another encoding still says where it falls (its date is ASCII): an old one is only a warning.
    const placement = read.error instanceof NotUtf8Error ? placeInvalidArticle(fs.readFileSync(file, 'utf8'), shown, context.timeZone) : undefined;
    return { file: shown, result: { ...read, placement } };
  });
  return { results, skipped };
}
