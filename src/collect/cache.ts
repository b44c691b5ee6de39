import fs from 'node:fs';
import type { Article, Author } from '../types.js';

interface Entry<T> {
  mtimeMs: number;
  size: number;
  key: string;
  value: T;
}

/**
 * Remembers what was parsed from each file until the file (its mtime or
 * size) or the parsing context `key` changes, so the preview rebuilds only
 * what an editor saved.
 */
export class FileCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  /**
   * The cached value for `file`, or `compute(load())` when the file or key
   * changed, or when `fresh` says a file the value was made from changed.
   */
  read(
    file: string,
    key: string,
    compute: (text: string) => T,
    load: () => string = () => fs.readFileSync(file, 'utf8'),
    fresh: (value: T) => boolean = () => true,
  ): T {
    const stat = fs.statSync(file);
    const entry = this.entries.get(file);
    if (entry && entry.mtimeMs === stat.mtimeMs && entry.size === stat.size && entry.key === key && fresh(entry.value)) return entry.value;
    const value = compute(load());
    this.entries.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, key, value });
    return value;
  }

  /** Forgets files that no longer exist in `present`. */
  prune(present: ReadonlySet<string>): void {
    for (const file of this.entries.keys()) if (!present.has(file)) this.entries.delete(file);
  }
}

/** Caches of one long-running process (the preview); a CLI run needs none. */
export interface ContentCache {
  articles: FileCache<ParseResult<Article>>;
  authors: FileCache<ParseResult<Author>>;
}

/** Where a file that failed to parse would fall, when its front matter still says (see placement.ts). */
export interface Placement {
  draft: boolean;
  date?: Date;
}

/** A parse that either worked or failed with the error to report. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: unknown; placement?: Placement };

/** Runs `parse`, keeping a thrown error as a value (so it can be cached and reported). */
export function tryParse<T>(parse: () => T): ParseResult<T> {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Fresh, empty caches. */
export function createContentCache(): ContentCache {
  return { articles: new FileCache(), authors: new FileCache() };
}
