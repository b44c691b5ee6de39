/**
 * The editor's issue file, `contentDir/issues/<YYYY-Www>.md`: front matter
 * `subject`, `preheader` and `featured`, and a Markdown body that is the
 * editor's note under the greeting.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { marked } from 'marked';
import type { Editorial } from '../types.js';
import { parseFrontMatter } from '../util/front-matter.js';
import { capBlockNesting } from '../util/markdown-nesting.js';
import { displayPath } from '../util/paths.js';
import { sanitizeNoteHtml } from '../util/sanitize.js';
import { issueFileFrontMatterSchema, MAX_PREHEADER_LENGTH, MAX_SUBJECT_LENGTH, validateFrontMatter } from './schemas.js';
import { listMarkdownFiles, readContentFile } from './walk.js';

const ISSUE_FILE_HINT = `see README "Content format": an issue file may set "subject:" (one line, at most ${MAX_SUBJECT_LENGTH} characters), "preheader:" (at most ${MAX_PREHEADER_LENGTH}) and "featured:" (an article's file name without .md)`;

/** Characters of an issue file's body read as the note: a note is a few sentences, not an article. */
export const MAX_NOTE_CHARS = 20_000;

/** An issue file as parsed, with where its `featured:` line is (for the warning when it names no article). */
export interface IssueFile {
  editorial: Editorial;
  /** 1-based line of `featured:` in the file, when set. */
  featuredLine?: number;
}

/** The issue file of a week, if any, and the files of `issues/` that can never be used. */
export interface IssueFileResult {
  file?: IssueFile;
  /** E.g. a file named `2026-w48.md` or `week-48.md`, which no week reads. */
  warnings: string[];
}

/** `contentDir/issues/<weekId>.md`. */
export function issueFilePath(contentDir: string, weekId: string): string {
  return path.join(contentDir, 'issues', `${weekId}.md`);
}

/**
 * Parses an issue file; `file` is the path shown in messages. Throws a
 * DigestError naming the file, line and field (an unknown key, an empty
 * or multi-line subject, a subject or preheader that is too long).
 */
export function parseIssueFile(text: string, file: string): IssueFile {
  const parsed = parseFrontMatter(text, file);
  const data = validateFrontMatter(issueFileFrontMatterSchema, parsed, file, ISSUE_FILE_HINT);
  const editorial: Editorial = { file };
  if (data.subject !== undefined) editorial.subject = data.subject;
  if (data.preheader !== undefined) editorial.preheader = data.preheader;
  if (data.featured !== undefined) editorial.featured = data.featured;
  const note = noteSource(parsed.body);
  if (note !== '') {
    const noteHtml = sanitizeNoteHtml(marked.parse(capBlockNesting(note), { async: false }));
    const noteText = noteTextOf(noteHtml);
    if (noteText !== '') Object.assign(editorial, { noteHtml, noteText });
  }
  const featuredLine = data.featured === undefined ? undefined : parsed.lineOf(['featured']);
  return featuredLine === undefined ? { editorial } : { editorial, featuredLine };
}

/**
 * Reads the issue file of `weekId` when there is one. A file in `issues/`
 * whose name is no week id is a warning, so a misnamed file is not silently
 * ignored; an invalid issue file of the week throws (see {@link parseIssueFile}).
 */
export function readIssueFile(contentDir: string, weekId: string, options: { root?: string } = {}): IssueFileResult {
  const dir = path.join(contentDir, 'issues');
  const result: IssueFileResult = { warnings: [] };
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return result;
  const walked = listMarkdownFiles(dir, { recursive: false });
  for (const skipped of walked.skipped) result.warnings.push(`${displayPath(skipped.path, options.root)}: ${skipped.reason}; skipped`);
  for (const full of walked.files) {
    const name = path.basename(full, '.md');
    if (/^\d{4}-W\d{2}$/.test(name)) continue;
    const shown = displayPath(full, options.root);
    const suggestion = suggestWeekId(name);
    result.warnings.push(
      `${shown}: not named after a week, so no issue uses it — name issue files YYYY-Www.md, e.g. ${suggestion ?? weekId}.md`,
    );
  }
  const file = walked.files.find((full) => path.basename(full) === `${weekId}.md`);
  if (file === undefined) return result;
  const shown = displayPath(file, options.root);
  result.file = readContentFile(file, shown, (read) => parseIssueFile(read(), shown));
  return result;
}

/** `2026-w48`, `2026-W7`, `2026W48` → `2026-W48`; anything else → undefined. */
function suggestWeekId(name: string): string | undefined {
  const match = /^(\d{4})-?w(\d{1,2})$/i.exec(name);
  if (!match) return undefined;
  const week = Number(match[2]);
  return week >= 1 && week <= 53 ? `${match[1]}-W${String(week).padStart(2, '0')}` : undefined;
}

function noteSource(body: string): string {
  const trimmed = body.trim();
  if (trimmed.length <= MAX_NOTE_CHARS) return trimmed;
  const head = trimmed.slice(0, MAX_NOTE_CHARS);
  const space = head.search(/\s\S*$/);
  return space > 0 ? head.slice(0, space) : head;
}

/**
 * The note as plain text for the text part: paragraphs apart by a blank
 * line, list items on their own lines, quotes marked `> `, and each link's
 * address after its words, since a text part has no links to click.
 */
export function noteTextOf(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks: string[] = [];
  for (const node of Array.from(document.body.childNodes)) blocks.push(...blockText(node));
  return blocks.filter((block) => block !== '').join('\n\n');
}

function blockText(node: ChildNode): string[] {
  if (node.nodeType !== 1) {
    const text = collapse(node.textContent ?? '');
    return text === '' ? [] : [text];
  }
  const element = node as Element;
  switch (element.tagName.toLowerCase()) {
    case 'ul':
    case 'ol': {
      const ordered = element.tagName.toLowerCase() === 'ol';
      const items = Array.from(element.children).filter((child) => child.tagName.toLowerCase() === 'li');
      return [items.map((item, index) => `${ordered ? `${index + 1}.` : '-'} ${inlineText(item)}`).join('\n')];
    }
    case 'blockquote': {
      const inner = Array.from(element.childNodes).flatMap(blockText).join('\n\n');
      return inner === '' ? [] : [inner.split('\n').map((line) => (line === '' ? '>' : `> ${line}`)).join('\n')];
    }
    default:
      return [inlineText(element)];
  }
}

function inlineText(node: Node): string {
  return collapse(inlineParts(node)).replace(/ ?\n ?/g, '\n');
}

function inlineParts(node: Node): string {
  if (node.nodeType === 3) return node.textContent ?? '';
  if (node.nodeType !== 1) return '';
  const element = node as Element;
  const tag = element.tagName.toLowerCase();
  if (tag === 'br') return '\n';
  const inner = Array.from(element.childNodes).map(inlineParts).join('');
  if (tag === 'li' || tag === 'p') return ` ${inner} `;
  if (tag !== 'a') return inner;
  const href = element.getAttribute('href') ?? '';
  const words = collapse(inner);
  const bare = href.replace(/^mailto:/i, '');
  return href === '' || words === href || words === bare ? inner : `${inner} (${bare})`;
}

function collapse(text: string): string {
  return text.replace(/[^\S\n]+/g, ' ').trim();
}
