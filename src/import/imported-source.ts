/**
 * Where an imported article came from, recorded in its front matter as a
 * YAML comment (`# imported from <source>`), so that importing the same page
 * again finds the file and updates it instead of writing a `-2` copy. A
 * comment, not a field: the article schema stays as editors know it.
 */
import fs from 'node:fs';
import path from 'node:path';

const COMMENT = /^# imported from (.+)$/m;
const URL_FIELD = /^url:[ \t]*["']?([^"'\s]+)["']?[ \t]*$/m;
const DATE_FIELD = /^date:[ \t]*["']?(\d{4}-\d{2}-\d{2})\b/m;
/** The front matter sits at the top of a file; a long one is still well within this. */
const HEAD_BYTES = 16 * 1024;

/**
 * The source of an import as recorded: a URL without its `#fragment`, or a
 * file's path relative to `contentDir` (with `/`), so it reads the same from
 * any working directory.
 */
export function sourceKey(input: string, contentDir: string, cwd: string): string {
  if (/^https?:\/\//i.test(input)) {
    const url = new URL(input);
    url.hash = '';
    return url.href;
  }
  return path.relative(contentDir, path.resolve(cwd, input)).split(path.sep).join('/');
}

/** The comment line that records `key` (line breaks in a file name cannot break the YAML). */
export function sourceComment(key: string): string {
  return `# imported from ${key.replace(/[\r\n]+/g, ' ')}`;
}

/** An article written by an earlier import of the same source. */
export interface ImportedArticle {
  file: string;
  text: string;
  /** Its front-matter date (`YYYY-MM-DD`), when written as one. */
  date?: string;
}

/**
 * The article under `articlesDir` that an earlier import of this source
 * wrote: its recorded source is `key`, or its `url` is the page's URL. Only
 * files that carry the import comment are considered, so a file an editor
 * wrote is never taken over. The first in name order wins (`x.md` before `x-2.md`).
 */
export function findImportedArticle(articlesDir: string, key: string, url?: string): ImportedArticle | undefined {
  if (!fs.existsSync(articlesDir)) return undefined;
  const names = fs
    .readdirSync(articlesDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => entry.name)
    .sort(byCopyNumber);
  for (const name of names) {
    const file = path.join(articlesDir, name);
    const head = readHead(file);
    const frontMatter = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---/.exec(head)?.[1];
    const recorded = frontMatter === undefined ? undefined : COMMENT.exec(frontMatter)?.[1]?.trim();
    if (frontMatter === undefined || recorded === undefined) continue;
    const recordedUrl = URL_FIELD.exec(frontMatter)?.[1];
    if (recorded === key || (url !== undefined && (recordedUrl === url || recorded === url))) {
      const found: ImportedArticle = { file, text: fs.readFileSync(file, 'utf8') };
      const date = DATE_FIELD.exec(frontMatter)?.[1];
      if (date !== undefined) found.date = date;
      return found;
    }
  }
  return undefined;
}

function readHead(file: string): string {
  const handle = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const length = fs.readSync(handle, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    fs.closeSync(handle);
  }
}

/** `a.md` < `a-2.md` < `a-10.md`, then by name. */
function byCopyNumber(a: string, b: string): number {
  const split = (name: string) => {
    const match = /^(.*?)(?:-(\d+))?\.md$/.exec(name);
    return { base: match?.[1] ?? name, copy: Number(match?.[2] ?? 1) };
  };
  const left = split(a);
  const right = split(b);
  return left.base === right.base ? left.copy - right.copy : a < b ? -1 : a > b ? 1 : 0;
}
