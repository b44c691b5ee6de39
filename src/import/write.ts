/**
 * The files an import produces: Markdown with YAML front matter (written
 * with `yaml`'s stringify, so any title is quoted correctly), their names,
 * writes that never replace an existing file, and the atomic replacement
 * used when the same source is imported again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

/** Front matter of an imported article; `title` and `date` first, the rest in the order given. */
export interface ArticleFields {
  title: string;
  /** `YYYY-MM-DD`, or a Markdown source's `date` as written (checked by parseArticle). */
  date: unknown;
  author?: unknown;
  section?: unknown;
  [key: string]: unknown;
}

const LEADING_KEYS = ['title', 'date', 'author', 'section'] as const;

/** `---\n<yaml>---\n<body>\n`, the layout of every file under content/; `comment` is a YAML comment line at the top. */
export function withFrontMatter(fields: Record<string, unknown>, body: string, comment?: string): string {
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  const yaml = stringify(defined, { lineWidth: 0 });
  const text = body.trim();
  return `---\n${comment ? `${comment}\n` : ''}${yaml}---\n${text ? `${text}\n` : ''}`;
}

/** An article file: front matter (title, date, author, section, then the other fields) and the body. */
export function articleMarkdown(fields: ArticleFields, body: string, comment?: string): string {
  const ordered: Record<string, unknown> = {};
  for (const key of LEADING_KEYS) ordered[key] = fields[key];
  for (const [key, value] of Object.entries(fields)) if (!(key in ordered)) ordered[key] = value;
  return withFrontMatter(ordered, body, comment);
}

/** An author card: `name:` and the bio as the body. */
export function authorMarkdown(name: string, bio = ''): string {
  return withFrontMatter({ name }, bio);
}

// Letters that NFKD does not split into an ASCII base letter and a mark.
const TRANSLITERATIONS: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i' };

/**
 * A URL- and file-safe slug: ASCII, lower case, words joined by dashes, at
 * most `maxLength` characters (cut at a word boundary when there is one).
 * "Ünïcode & Straße: 2026!" → "unicode-strasse-2026". Empty → `fallback`.
 */
export function slugify(text: string, maxLength = 60, fallback = 'article'): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæøœđðłþı]/g, (letter) => TRANSLITERATIONS[letter] ?? letter)
    .replace(/['’]/g, '');
  let slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > maxLength) {
    const cut = slug.slice(0, maxLength + 1);
    const boundary = cut.lastIndexOf('-');
    slug = (boundary >= maxLength / 2 ? cut.slice(0, boundary) : slug.slice(0, maxLength)).replace(/-+$/, '');
  }
  return slug || fallback;
}

/** `2026-03-03` + `how-we-did-it` (+ `2`) → `2026-03-03-how-we-did-it(-2).md`. */
export function articleFileName(date: string, slug: string, copy = 1): string {
  return `${date}-${slug}${copy > 1 ? `-${copy}` : ''}.md`;
}

/** The first `<date>-<slug>[-n].md` in `dir` that does not exist yet, and its number (1 = no suffix). */
export function freeArticleFile(dir: string, date: string, slug: string, firstCopy = 1): { file: string; copy: number } {
  for (let copy = firstCopy; ; copy++) {
    const file = path.join(dir, articleFileName(date, slug, copy));
    if (!fs.existsSync(file)) return { file, copy };
  }
}

/**
 * Creates `file` with `text`, refusing to replace anything (`wx`), so even a
 * file that appeared since the name was chosen is kept. Returns false when
 * the file exists.
 */
export function writeNewFile(file: string, text: string): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Writes an article under a free name, moving to the next `-n` if one appears meanwhile. */
export function writeArticleFile(dir: string, date: string, slug: string, text: string): { file: string; copy: number } {
  let next = freeArticleFile(dir, date, slug);
  while (!writeNewFile(next.file, text)) next = freeArticleFile(dir, date, slug, next.copy + 1);
  return next;
}

/**
 * Replaces `file` with `text` in one step (a temporary file beside it, then
 * a rename), so a reader never sees half an article.
 */
export function replaceFile(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temporary, text);
  try {
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
