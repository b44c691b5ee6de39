/**
 * The text of a web page, copied as plain text → an article: kicker (section),
 * title, date, byline, body paragraphs and a closing author block, with the
 * page's calls to action, navigation and sign-up prompts dropped. Pure.
 */
import { findFurniture, type DroppedLine } from './furniture.js';
import { parseDateLine } from './loose-date.js';
import { escapeMarkdownText } from './sanitize-markdown.js';
import {
  endsWithPunctuation,
  isBioOf,
  isHardWrapped,
  isKickerLike,
  isPersonName,
  isSentence,
  isTitleLike,
  listItem,
  matchKey,
  parseByline,
  sectionFromKicker,
  wordCount,
  type DropReason,
} from './text-lines.js';

/** What was read from a page's text. */
export interface TextArticle {
  /** The kicker line as written. */
  kicker?: string;
  /** Section from the kicker. */
  section?: string;
  title?: string;
  /** `YYYY-MM-DD` from a date line near the top (published wins over updated). */
  date?: string;
  /** Author name from a "By …" line near the top. */
  byline?: string;
  /** The closing author block: a name line and a bio paragraph beginning with that name. */
  author?: { name: string; bio: string };
  /** The body in Markdown (escaped text, `##` headings, `-` lists). */
  body: string;
  /** Lines left out, with the reason. */
  dropped: DroppedLine[];
}

/** How many lines at the top may hold the kicker, title, date and byline. */
const HEAD_LINES = 8;

/** Reads copied page text (see the module comment). */
export function parseTextArticle(text: string): TextArticle {
  const units = paragraphUnits(text);
  const { keep, dropped } = findFurniture(
    units.map((line) => ({ text: line, kind: 'line' })),
    (reasons, kept) => rescueTitle(units, reasons, kept),
  );
  const author = findAuthorBlock(units, keep);
  const head = readHead(units, keep);
  const body = renderBody(units.filter((_, index) => keep[index] && !head.used.has(index) && !author?.indexes.includes(index)));
  const result: TextArticle = { body, dropped };
  if (head.kicker) {
    result.kicker = head.kicker;
    result.section = sectionFromKicker(head.kicker);
  }
  if (head.title) result.title = head.title;
  if (head.date) result.date = head.date;
  if (head.byline) result.byline = head.byline;
  if (author) result.author = { name: author.name, bio: author.bio };
  return result;
}

/**
 * Splits text into paragraph units: each non-blank line is one, except
 * blocks hard-wrapped at a fixed width, whose lines are joined.
 */
export function paragraphUnits(text: string): string[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b-\u200d\u2060]/g, '')
    .split('\n')
    // One space between words: the line shapes split on runs of spaces, which a run of a million would make slow.
    .map((line) => line.replace(/\s+/g, ' ').trim());
  const units: string[] = [];
  let block: string[] = [];
  const flush = () => {
    // A loop, not push(...block): a block of many thousand lines would overflow the stack as arguments.
    if (isHardWrapped(block)) units.push(block.join(' ').replace(/\s+/g, ' '));
    else for (const line of block) units.push(line);
    block = [];
  };
  for (const line of lines) {
    if (line.trim() === '') flush();
    else block.push(line);
  }
  flush();
  return units;
}

/**
 * A title that reads like a call to action ("Get started with Postgres") is
 * kept when it stands where the title belongs: at most a kicker before it,
 * and a date line or prose right after it. A banner ("Start your free trial
 * today") is followed by the page's navigation or title instead.
 */
function rescueTitle(units: string[], reasons: (DropReason | undefined)[], keep: boolean[]): void {
  const before: string[] = [];
  for (let index = 0; index < units.length && index < HEAD_LINES; index++) {
    const unit = units[index] ?? '';
    if (keep[index]) {
      if (parseMetaLine(unit)) continue;
      before.push(unit);
      if (before.length > 1 || !isKickerLike(unit)) return;
      continue;
    }
    if (reasons[index] !== 'promo' || wordCount(unit) < 3 || !isTitleLike(unit)) continue;
    const next = units.slice(index + 1).find((_, offset) => keep[index + 1 + offset]);
    if (next !== undefined && (parseMetaLine(next) !== undefined || isProse(next))) keep[index] = true;
    return;
  }
}

function isProse(unit: string): boolean {
  return endsWithPunctuation(unit) && wordCount(unit) >= 6;
}

interface AuthorBlock {
  name: string;
  bio: string;
  indexes: number[];
}

/**
 * The last name line followed by a bio beginning with that name, when no
 * prose follows it (it closes the article).
 */
function findAuthorBlock(units: string[], keep: boolean[]): AuthorBlock | undefined {
  const kept = units.map((unit, index) => ({ unit, index })).filter(({ index }) => keep[index]);
  for (let position = kept.length - 2; position >= 1; position--) {
    const nameLine = kept[position];
    const bioLine = kept[position + 1];
    if (!nameLine || !bioLine) continue;
    if (isPersonName(nameLine.unit) && isBioOf(bioLine.unit, nameLine.unit)) {
      const after = kept.slice(position + 2);
      if (after.some(({ unit }) => isSentence(unit))) return undefined;
      return { name: nameLine.unit, bio: bioLine.unit, indexes: [nameLine.index, bioLine.index] };
    }
  }
  return undefined;
}

interface Head {
  kicker?: string;
  title?: string;
  date?: string;
  byline?: string;
  used: Set<number>;
}

/** The kicker, title, date and byline among the first lines. */
function readHead(units: string[], keep: boolean[]): Head {
  const head: Head = { used: new Set() };
  let updated: string | undefined;
  const candidates: number[] = [];
  let candidatesClosed = false;
  for (let index = 0; index < units.length && index < HEAD_LINES; index++) {
    const unit = units[index] ?? '';
    if (!keep[index]) continue;
    const meta = parseMetaLine(unit);
    if (meta) {
      head.used.add(index);
      if (meta.date && meta.kind === 'updated') updated ??= meta.date;
      else if (meta.date) head.date ??= meta.date;
      if (meta.byline) head.byline ??= meta.byline;
      continue;
    }
    // The first paragraph of prose ends the head (a text that starts with one has no title).
    if (isProse(unit) && !(candidates.length < 2 && !candidatesClosed && isTitleLike(unit))) break;
    if (candidatesClosed) continue;
    if (candidates.length === 0 || (candidates.length === 1 && isTitleLike(unit))) candidates.push(index);
    else candidatesClosed = true;
  }
  const [first, second] = candidates.map((index) => units[index] ?? '');
  const firstIndex = candidates[0];
  const secondIndex = candidates[1];
  if (first !== undefined && firstIndex !== undefined) {
    if (second !== undefined && secondIndex !== undefined && isKickerLike(first) && isTitleLike(second)) {
      head.kicker = first;
      head.title = second;
      head.used.add(firstIndex).add(secondIndex);
    } else {
      head.title = first;
      head.used.add(firstIndex);
    }
  }
  head.date ??= updated;
  return head;
}

/**
 * A date or byline line: "March 3, 2026", "Published 2026-03-03",
 * "By Jane Doe", "By Jane Doe · March 3, 2026 · 6 min read".
 */
export function parseMetaLine(line: string): { date?: string; kind?: 'published' | 'updated'; byline?: string } | undefined {
  const parts = line.split(/\s+[·•|—–]\s+|\s+-\s+/).map((part) => part.trim()).filter(Boolean);
  const result: { date?: string; kind?: 'published' | 'updated'; byline?: string } = {};
  for (const part of parts) {
    const date = parseDateLine(part);
    if (date && !result.date) {
      result.date = date.date;
      result.kind = date.kind;
      continue;
    }
    const byline = parseByline(part);
    if (byline && !result.byline) {
      result.byline = byline;
      continue;
    }
    if (/^\d+ min(?:ute)?s?(?: read)?$/.test(matchKey(part))) continue;
    return undefined;
  }
  return result.date || result.byline ? result : undefined;
}

/** Markdown of the body units: escaped paragraphs, `-`/`1.` lists, and `##` for short headings between paragraphs. */
function renderBody(units: string[]): string {
  const blocks: string[] = [];
  let list: string[] = [];
  const flushList = () => {
    if (list.length > 0) blocks.push(list.join('\n'));
    list = [];
  };
  units.forEach((unit, index) => {
    const item = listItem(unit);
    if (item) {
      const number = item.ordered ? `${list.length + 1}. ` : '- ';
      list.push(`${number}${escapeMarkdownText(item.text)}`);
      return;
    }
    flushList();
    const next = units[index + 1];
    const isHeading =
      index > 0 &&
      unit.length <= 70 &&
      wordCount(unit) <= 10 &&
      !endsWithPunctuation(unit) &&
      /^[\p{Lu}\p{N}]/u.test(unit) &&
      next !== undefined &&
      (isProse(next) || listItem(next) !== undefined) &&
      next.length > unit.length &&
      !blocks.at(-1)?.startsWith('## ');
    blocks.push(isHeading ? `## ${escapeMarkdownText(unit).replace(/^\\/, '')}` : escapeMarkdownText(unit));
  });
  flushList();
  return blocks.join('\n\n');
}
