/** Small pure text helpers used by the templates. */

/** The start of a line that is an item of its own in plain text: a list item or a quoted line. */
const ITEM_START = /^(?:[-*+•]|\d{1,3}[.)]|>)[ \t]+/;

/**
 * Wraps text at `width` columns on word boundaries, indenting every line by
 * `indent` spaces. Paragraphs (blank-line separated) stay apart, and so do
 * list items and quoted lines, whose continuation lines hang under their text.
 */
export function wrapText(text: string, width: number, indent = 0): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const paragraph of text.split(/\n{2,}/)) {
    for (const item of itemsOf(paragraph)) {
      const marker = ITEM_START.exec(item)?.[0] ?? '';
      const first = pad + marker.trimEnd() + (marker ? ' ' : '');
      const hang = pad + ' '.repeat(first.length - pad.length);
      let line = '';
      let prefix = first;
      for (const word of item.slice(marker.length).split(/\s+/).filter(Boolean)) {
        if (line && prefix.length - pad.length + line.length + 1 + word.length > width) {
          lines.push(prefix + line);
          prefix = hang;
          line = word;
        } else {
          line = line ? `${line} ${word}` : word;
        }
      }
      if (line) lines.push(prefix + line);
    }
    lines.push('');
  }
  return lines.slice(0, -1).join('\n');
}

/** A paragraph's items: each list item or quoted line with its continuation lines; other lines run together. */
function itemsOf(paragraph: string): string[] {
  const items: string[] = [];
  for (const line of paragraph.split('\n')) {
    const last = items.length - 1;
    if (last < 0 || ITEM_START.test(line.trimStart())) items.push(line.trimStart());
    else items[last] = `${items[last]} ${line}`;
  }
  return items;
}

/** Cuts text to at most `max` characters at a word boundary, ending with an ellipsis. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 2) return '…'.slice(0, Math.max(max, 0));
  const cut = text.slice(0, max - 1);
  // A cut that ends right before a space keeps its last word whole.
  const space = /\s/.test(text[max - 1] ?? '') ? cut.length : cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** Up to two initials from a name: "Noor Haddad" → "NH", "Prince" → "P". */
export function initialsOf(name: string): string {
  const words = name.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  const first = words[0]?.match(/\p{L}/u)?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.match(/\p{L}/u)?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

const BADGE_COLORS = ['#0b5cad', '#1a7f37', '#8250df', '#bf3989', '#bc4c00', '#0a7d8c'];

/** A stable badge colour for a name, with white text contrast ≥ 4.5:1. */
export function badgeColorOf(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return BADGE_COLORS[hash % BADGE_COLORS.length] ?? '#0b5cad';
}

const ABBREVIATION = /(?:^|\s)(?:Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr|vs|etc|Inc|Ltd|Co|No|e\.g|i\.e|cf)\.\s*$/i;

/**
 * Cuts text to at most `max` characters after its last whole sentence that
 * fits; when even the first sentence is longer, cuts it at a word boundary
 * with an ellipsis.
 */
export function cutAtSentence(text: string, max: number, language = 'en'): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  let kept = '';
  let pending = '';
  for (const { segment } of new Intl.Segmenter(language, { granularity: 'sentence' }).segment(clean)) {
    pending += segment;
    // The segmenter ends a sentence after "Dr." or "e.g."; an abbreviation never ends one here.
    if (ABBREVIATION.test(pending)) continue;
    if ((kept + pending).trimEnd().length > max) break;
    kept += pending;
    pending = '';
  }
  return kept.trim() ? kept.trim() : cutAtWord(clean, max);
}

/** Cuts text before the last whole word that fits in `max - 1` characters, adding an ellipsis. */
function cutAtWord(text: string, max: number): string {
  const room = text.slice(0, Math.max(max - 1, 0) + 1);
  const space = room.lastIndexOf(' ');
  // A single word longer than the room is cut where it must be.
  const cut = space > 0 ? room.slice(0, space) : room.slice(0, Math.max(max - 1, 0));
  return `${cut.replace(/[\s,;:.-]+$/, '')}…`;
}
