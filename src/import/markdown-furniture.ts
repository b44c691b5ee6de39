/**
 * Drops page furniture from an imported article's Markdown body (an HTML
 * page after extraction, or a Markdown file) with the rules every import
 * uses (furniture.ts). Each paragraph (or each of its lines when they end in
 * a line break), heading and list item is a unit; code, quotes, tables,
 * images and raw HTML are never dropped and never join a block of short
 * lines. Lines that stay are kept exactly as written. Pure.
 */
import { findFurniture, type DroppedLine, type FurnitureUnit } from './furniture.js';
import { splitLabel } from './text-lines.js';

/** The body without its furniture, and what was left out. */
export interface MarkdownWithoutFurniture {
  body: string;
  dropped: DroppedLine[];
}

interface Piece {
  /** The Markdown lines of the unit, as written. */
  raw: string[];
  unit: FurnitureUnit;
  /** Which blank-line-separated block it belongs to. */
  block: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(?:\s|$)/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])\s+\S/;
const FIXED_LINE = /^(?: {0,3}(?:>|\||<)|\s{4}|\t| {0,3}(?:[-*_]\s*){3,}$)/;
const SETEXT = /^ {0,3}(?:=+|-+)\s*$/;
// Linear on any input: no pattern here rescans a run of brackets, spaces or "<" from each of its characters.
const HARD_BREAK = /(?: {2}|\\|<br\s*\/?>)$/i;
const IMAGE = /!\[(?:\\.|[^[\]\\])*\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)/g;
const LINK = /\[((?:\\.|[^[\]\\])*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)|\[((?:\\.|[^[\]\\])*)\]\[[^[\]]*\]/g;

/** Longest line read as several items side by side. */
const MAX_PARTS_LENGTH = 1000;

/** Drops the furniture of `markdown` (see the module comment); a body with none comes back unchanged. */
export function dropMarkdownFurniture(markdown: string): MarkdownWithoutFurniture {
  const pieces = splitPieces(markdown);
  const { keep, dropped } = findFurniture(pieces.map((piece) => piece.unit));
  if (dropped.length === 0) return { body: markdown, dropped };
  const blocks: string[] = [];
  let current: { block: number; lines: string[]; cut: boolean } | undefined;
  const flush = () => {
    if (!current || current.lines.length === 0) return;
    const lines = current.lines;
    // A line that lost the lines after it loses its line break too.
    if (current.cut) lines[lines.length - 1] = (lines.at(-1) ?? '').replace(HARD_BREAK, '').trimEnd();
    blocks.push(lines.join('\n'));
  };
  pieces.forEach((piece, index) => {
    if (current?.block !== piece.block) {
      flush();
      current = { block: piece.block, lines: [], cut: false };
    }
    if (keep[index]) {
      current.lines.push(...piece.raw);
      current.cut = false;
    } else current.cut = current.lines.length > 0;
  });
  flush();
  return { body: blocks.join('\n\n'), dropped };
}

/** The units of a Markdown body, in order (see the module comment). */
function splitPieces(markdown: string): Piece[] {
  const lines = markdown.split('\n');
  const pieces: Piece[] = [];
  let block = 0;
  let paragraph: string[] = [];
  let item: Piece | undefined;
  let inList = false;
  const add = (raw: string[], kind: FurnitureUnit['kind'], text = plainText(raw.join(' '))) => {
    const piece: Piece = { raw, unit: { text, kind }, block };
    const parts = linkParts(raw.join(' '));
    if (parts) piece.unit.parts = parts;
    pieces.push(piece);
    return piece;
  };
  const flushParagraph = () => {
    // A paragraph reads as one line however its source is wrapped; a line break ("  ", "\\", <br>) starts another (a box's short lines).
    let lines: string[] = [];
    for (const line of paragraph) {
      lines.push(line);
      if (HARD_BREAK.test(line)) {
        add(lines, 'line');
        lines = [];
      }
    }
    if (lines.length > 0) add(lines, 'line');
    paragraph = [];
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.trim() === '') {
      flushParagraph();
      inList ||= item !== undefined;
      item = undefined;
      block += 1;
      continue;
    }
    // The indented paragraphs of a loose list's item are part of the article's list: never dropped.
    if (inList && /^(?: {2,}|\t)\S/.test(line) && paragraph.length === 0) {
      add([line], 'fixed', '');
      continue;
    }
    inList = false;
    const fence = FENCE.exec(line);
    if (fence) {
      flushParagraph();
      item = undefined;
      const marker = fence[1] ?? '```';
      const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
      const raw = [line];
      while (index + 1 < lines.length) {
        index += 1;
        raw.push(lines[index] ?? '');
        if (closing.test(lines[index] ?? '')) break;
      }
      add(raw, 'fixed', '');
      continue;
    }
    if (item && /^\s+\S/.test(line) && paragraph.length === 0) {
      item.raw.push(line);
      item.unit.text = plainText(item.raw.join(' '));
      continue;
    }
    item = undefined;
    if (paragraph.length > 0 && SETEXT.test(line)) {
      const raw = [...paragraph, line];
      paragraph = [];
      add(raw, 'heading', plainText(raw.slice(0, -1).join(' ')));
      continue;
    }
    if (HEADING.test(line)) {
      flushParagraph();
      add([line], 'heading', plainText(line.replace(/^ {0,3}#{1,6}\s*/, '').replace(/\s+#+\s*$/, '')));
    } else if (LIST_ITEM.test(line)) {
      flushParagraph();
      item = add([line], 'item', plainText(line.replace(/^ {0,3}(?:[-*+]|\d{1,9}[.)])\s+/, '')));
    } else if (FIXED_LINE.test(line) || isImageLine(line)) {
      flushParagraph();
      add([line], 'fixed', '');
    } else paragraph.push(line);
  }
  flushParagraph();
  return pieces;
}

function isImageLine(line: string): boolean {
  return line.includes('![') && !/[\p{L}\p{N}]/u.test(line.replace(IMAGE, '').replace(/[[\]()]/g, ''));
}

/** The texts of the links of a line that holds only links side by side ("[Older posts](…) · [Newer posts](…)"). */
function linkParts(raw: string): string[] | undefined {
  if (raw.length > MAX_PARTS_LENGTH) return undefined;
  const texts: string[] = [];
  const rest = raw.replace(LINK, (_, inline: string | undefined, reference: string | undefined) => {
    texts.push(plainText(inline ?? reference ?? ''));
    return ' ';
  });
  const [label, between] = splitLabel(rest.trim());
  if (texts.length === 0 || !/^[\s|·•/,–—-]*$/.test(between) || texts.length + (label ? 1 : 0) < 2) return undefined;
  return label ? [plainText(label), ...texts] : texts;
}

/** What a line of Markdown reads as: no link targets, emphasis, code marks, escapes, tags or hard breaks. */
export function plainText(markdown: string): string {
  return markdown
    .replace(HARD_BREAK, '')
    .replace(IMAGE, '')
    .replace(LINK, (_, inline: string | undefined, reference: string | undefined) => inline ?? reference ?? '')
    .replace(/<[^<>\n]*>/g, ' ')
    .replace(/(?<!\\)(?:\*+|~~|`+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}]))/gu, '')
    .replace(/\\(.)/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
