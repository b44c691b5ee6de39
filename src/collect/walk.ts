import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { DigestError, ErrorCodes } from '../errors.js';

/** A path the walk passed over, and why (shown to the editor as a warning). */
export interface SkippedPath {
  /** Absolute path. */
  path: string;
  reason: string;
}

/** The Markdown files found under a folder, and what was passed over. */
export interface WalkResult {
  /** Absolute paths of regular `*.md` files (symlinks to files included), sorted. */
  files: string[];
  skipped: SkippedPath[];
}

/**
 * Lists the `*.md` files under `dir`, recursively when asked. Symlinks to
 * folders are followed once each: a folder already read (by its real path)
 * is not read again, so a symlink loop ends the walk instead of hanging it,
 * and a symlink to a folder that contains it (`..`, `/`) is not read at all.
 * A dangling symlink, a folder named `*.md` or an entry that cannot be
 * read is passed over and reported rather than thrown.
 */
export function listMarkdownFiles(dir: string, options: { recursive: boolean }): WalkResult {
  const result: WalkResult = { files: [], skipped: [] };
  const visited = new Set<string>();
  const walk = (folder: string, parent?: string): void => {
    const real = fs.realpathSync(folder);
    if (visited.has(real)) {
      result.skipped.push({ path: folder, reason: 'a symlink to a folder already read (a loop?); not read again' });
      return;
    }
    // A link to a folder that holds the one it sits in (`..`, `/`) is a loop whose first turn reads
    // everything around the walk (authors/ as articles, or the whole disk) before the check above fires.
    if (parent !== undefined && isWithin(parent, real)) {
      result.skipped.push({ path: folder, reason: 'a symlink to a folder that contains it (a loop); not read' });
      return;
    }
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      result.skipped.push({ path: folder, reason: `the folder cannot be read (${codeOf(error)})` });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(folder, entry.name);
      const kind = kindOf(full, entry);
      if (kind === 'dangling') {
        result.skipped.push({ path: full, reason: 'a symlink that leads nowhere (its target is missing, or it points at itself)' });
      } else if (kind === 'dir') {
        if (entry.name.endsWith('.md')) result.skipped.push({ path: full, reason: 'a folder, not a Markdown file' });
        if (options.recursive) walk(full, real);
      } else if (kind === 'file' && entry.name.endsWith('.md')) {
        result.files.push(full);
      } else if (kind === 'other' && entry.name.endsWith('.md')) {
        // A FIFO or socket would block the read forever.
        result.skipped.push({ path: full, reason: 'not a regular file' });
      }
    }
  };
  walk(dir);
  result.files.sort();
  return result;
}

/** True when `inner` is `outer` or lies under it (both real paths). */
function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function kindOf(full: string, entry: fs.Dirent): 'file' | 'dir' | 'dangling' | 'other' {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'dir';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    const target = fs.statSync(full);
    return target.isDirectory() ? 'dir' : target.isFile() ? 'file' : 'other';
  } catch (error) {
    // ENOENT: dangling; ELOOP: a link to itself. Either way there is nothing to read.
    if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ELOOP') return 'dangling';
    throw error;
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** A content file that is not UTF-8 text; its front matter may still say where it falls. */
export class NotUtf8Error extends DigestError {}

/**
 * Reads a content file as UTF-8; one in another encoding (Latin-1,
 * Windows-1252…) throws {@link NotUtf8Error} naming the line of its first
 * bad byte, instead of going out with "�" in place of its letters.
 */
export function readUtf8File(file: string, shown: string): string {
  const bytes = fs.readFileSync(file);
  if (isUtf8(bytes)) return bytes.toString('utf8');
  const lossy = bytes.toString('utf8');
  const line = lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD'))).split('\n').length;
  throw new NotUtf8Error(ErrorCodes.CONTENT_UNREADABLE, 'is not UTF-8 text (a byte on this line is not a UTF-8 character)', {
    file: shown,
    line,
    hint: 'save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8)',
  });
}

/**
 * Runs `use` with a reader of `file`; a file that vanished or cannot be read
 * (permissions, a FIFO…) fails as CONTENT_UNREADABLE naming it, not as a bug,
 * and so does one that is not UTF-8 ({@link readUtf8File}).
 */
export function readContentFile<T>(file: string, shown: string, use: (read: () => string) => T): T {
  try {
    return use(() => readUtf8File(file, shown));
  } catch (error) {
    if (error instanceof DigestError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new DigestError(ErrorCodes.CONTENT_UNREADABLE, `cannot be read (${code})`, {
      file: shown,
      hint: 'check that the file exists and is readable, or remove it',
      cause: error,
    });
  }
}
