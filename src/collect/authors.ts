import fs from 'node:fs';
import path from 'node:path';
import { marked } from 'marked';
import type { Author } from '../types.js';
import { displayPath } from '../util/paths.js';
import { parseFrontMatter } from './front-matter.js';
import { htmlToText, sanitizeInlineHtml } from './sanitize.js';
import { authorFrontMatterSchema, validateFrontMatter } from './schemas.js';

const AUTHOR_HINT = 'author files need "name:"; "role:", "avatar:" (https URL) and "links:" are optional';

/** Parses one author file; the id is the file name without `.md`; `file` is the path shown in messages. */
export function parseAuthor(text: string, file: string): Author {
  const shown = file;
  const parsed = parseFrontMatter(text, shown);
  const data = validateFrontMatter(authorFrontMatterSchema, parsed, shown, AUTHOR_HINT);
  const bioHtml = sanitizeInlineHtml(marked.parse(parsed.body.trim(), { async: false }));
  return {
    id: path.basename(file, '.md'),
    name: data.name,
    role: data.role,
    avatar: data.avatar,
    links: data.links ?? [],
    bioHtml,
    bioText: htmlToText(bioHtml),
    file: shown,
  };
}

/** Reads every `authors/*.md` under the content folder, keyed by id. */
export function readAuthors(contentDir: string, options: { root?: string } = {}): Map<string, Author> {
  const dir = path.join(contentDir, 'authors');
  const authors = new Map<string, Author>();
  if (!fs.existsSync(dir)) return authors;
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith('.md')) continue;
    const file = path.join(dir, name);
    const author = parseAuthor(fs.readFileSync(file, 'utf8'), displayPath(file, options.root));
    authors.set(author.id, author);
  }
  return authors;
}
