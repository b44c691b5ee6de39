import fs from 'node:fs';
import path from 'node:path';
import { marked } from 'marked';
import type { Author } from '../types.js';
import { capBlockNesting } from '../util/markdown-nesting.js';
import { displayPath } from '../util/paths.js';
import { tryParse, type FileCache, type ParseResult } from './cache.js';
import { parseFrontMatter } from '../util/front-matter.js';
import { htmlToText, sanitizeInlineHtml } from '../util/sanitize.js';
import { authorFrontMatterSchema, validateFrontMatter } from './schemas.js';
import { listMarkdownFiles, readContentFile } from './walk.js';
import { resolveImage } from './images.js';
import { isMediaFresh } from '../util/media.js';

const AUTHOR_HINT = 'author files need "name:"; "role:", "avatar:" (https URL or image file) and "links:" are optional';

/** Where an author file's local avatar is looked up and published. */
export interface AuthorContext {
  /** Where the file is on disk (default: the shown path). */
  sourceFile?: string;
  /** The content folder (default: the parent of the file's folder). */
  contentDir?: string;
  /** Local avatars become `baseUrl/media/<name>`; without it a local avatar is an error. */
  baseUrl?: string;
}

/**
 * Parses one author file; the id is the file name without `.md`; `file` is
 * the path shown in messages.
 */
export function parseAuthor(text: string, file: string, context: AuthorContext = {}): Author {
  const shown = file;
  const parsed = parseFrontMatter(text, shown);
  const data = validateFrontMatter(authorFrontMatterSchema, parsed, shown, AUTHOR_HINT);
  const sourceFile = context.sourceFile ?? file;
  const avatar =
    data.avatar === undefined
      ? undefined
      : resolveImage(
          data.avatar,
          {},
          {
            sourceFile,
            contentDir: context.contentDir ?? path.dirname(path.dirname(path.resolve(sourceFile))),
            shownFile: shown,
            line: parsed.lineOf(['avatar']),
            field: 'avatar',
          },
          context.baseUrl ?? '',
        );
  const bioHtml = sanitizeInlineHtml(marked.parse(capBlockNesting(bioSource(parsed.body)), { async: false }));
  return {
    id: path.basename(file, '.md'),
    name: data.name,
    role: data.role,
    avatar: avatar?.url,
    ...(avatar?.width !== undefined && { avatarWidth: avatar.width }),
    ...(avatar?.height !== undefined && { avatarHeight: avatar.height }),
    ...(avatar?.file && { avatarFile: avatar.file }),
    links: data.links ?? [],
    bioHtml,
    bioText: htmlToText(bioHtml),
    file: shown,
  };
}

/** Characters of an author file's body read as the bio; the card shows 180 of them. */
export const MAX_BIO_CHARS = 20_000;

function bioSource(body: string): string {
  const trimmed = body.trim();
  if (trimmed.length <= MAX_BIO_CHARS) return trimmed;
  const head = trimmed.slice(0, MAX_BIO_CHARS);
  const space = head.search(/\s\S*$/);
  return space > 0 ? head.slice(0, space) : head;
}

/** A cached author whose local avatar was replaced on disk is parsed again. */
function avatarFresh(result: ParseResult<Author>): boolean {
  return !result.ok || result.value.avatarFile === undefined || isMediaFresh(result.value.avatarFile);
}

/** The authors that parsed, keyed by id, and the files that did not. */
export interface AuthorsResult {
  authors: Map<string, Author>;
  failures: { file: string; error: unknown }[];
  /** Paths passed over (dangling symlinks, folders named `*.md`), with why. */
  skipped: { file: string; reason: string }[];
}

/** Reads every `authors/*.md` under the content folder; `cache` skips unchanged files. */
export function readAuthors(
  contentDir: string,
  options: { root?: string; baseUrl?: string } = {},
  cache?: FileCache<ParseResult<Author>>,
): AuthorsResult {
  const dir = path.join(contentDir, 'authors');
  const result: AuthorsResult = { authors: new Map(), failures: [], skipped: [] };
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return result;
  const walked = listMarkdownFiles(dir, { recursive: false });
  result.skipped = walked.skipped.map((entry) => ({ file: displayPath(entry.path, options.root), reason: entry.reason }));
  const files = walked.files;
  cache?.prune(new Set(files));
  for (const file of files) {
    const shown = displayPath(file, options.root);
    const parse = (text: string) => tryParse(() => parseAuthor(text, shown, { sourceFile: file, contentDir, baseUrl: options.baseUrl }));
    const read = tryParse(() =>
      readContentFile(file, shown, (text) => (cache ? cache.read(file, options.baseUrl ?? '', parse, text, avatarFresh) : parse(text()))),
    );
    const parsed = read.ok ? read.value : read;
    if (parsed.ok) result.authors.set(parsed.value.id, parsed.value);
    else result.failures.push({ file: shown, error: parsed.error });
  }
  return result;
}
