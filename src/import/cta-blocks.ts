/**
 * A call to action that a page laid out over several short lines, as copied
 * text keeps it: "Get the full picture with the" / "Acme" / "Insight
 * Platform." / "Learn more." Only its last line reads as a call to action;
 * the lines before it are one sentence broken where the box was narrow.
 * That sentence goes with the call to action. Pure.
 */
import { classifyLine, endsWithPunctuation, listItem, wordCount, type DropReason } from './text-lines.js';

/** Longest line taken for a piece of a broken sentence. */
const MAX_FRAGMENT_WORDS = 8;
const MAX_FRAGMENT_LENGTH = 60;
/** Lines of a call-to-action box, the call itself not counted. */
const MAX_FRAGMENTS = 6;
const MAX_BLOCK_WORDS = 40;

// A line ending in one of these stops in the middle of a sentence.
const OPEN_ENDINGS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'with', 'to', 'of', 'for', 'in', 'on', 'at', 'by', 'from', 'into', 'our', 'your',
  'their', 'its', 'my', 'this', 'that', 'these', 'those', 'is', 'are', 'was', 'be', 'can', 'will', 'all', 'more', 'new',
  'about', 'how', 'what', 'why', 'get', 'see', 'try', 'meet', 'using', 'via', 'like', 'than', 'as', 'so',
]);

const endsSentence = (line: string): boolean => /[.!?…]["'”’)\]]*$/.test(line.trim());
const lastWord = (line: string): string => line.trim().split(/\s+/).at(-1) ?? '';
const startsLower = (line: string): boolean => /^\p{Ll}/u.test(line.trim());
const startsUpper = (line: string): boolean => /^[\p{Lu}\p{N}]/u.test(line.trim());

/** A short line that can be a piece of a broken sentence (no list item, no heading-long line). */
export function isFragment(line: string): boolean {
  return line.length <= MAX_FRAGMENT_LENGTH && wordCount(line) <= MAX_FRAGMENT_WORDS && listItem(line) === undefined && /\p{L}/u.test(line);
}

/**
 * Whether `next` goes on with the sentence `line` left open: `line` does not
 * end with punctuation, and ends on a word that needs more ("with the"),
 * or `next` starts in lower case, or a name runs on ("Acme" / "Insight Platform.").
 */
export function continues(line: string, next: string): boolean {
  if (endsWithPunctuation(line)) return false;
  const word = lastWord(line).toLowerCase();
  return OPEN_ENDINGS.has(word) || startsLower(next) || (/^\p{Lu}/u.test(lastWord(line)) && startsUpper(next));
}

/** Whether the call to action itself finishes the sentence `line` left open ("Try the" / "Acme app free"). */
function runsInto(line: string, call: string): boolean {
  if (/[:–—]$/.test(line.trim())) return true;
  return !endsWithPunctuation(line) && (OPEN_ENDINGS.has(lastWord(line).toLowerCase()) || startsLower(call));
}

/**
 * Lines before the call to action at `anchor` that form one sentence with
 * it: the longest run of short kept lines, each going on with the one
 * before, that ends a sentence or runs into the call itself.
 */
function sentenceBefore(units: string[], keep: boolean[], anchor: number): number[] {
  const run: number[] = [];
  let words = 0;
  for (let index = anchor - 1; index >= 0 && run.length < MAX_FRAGMENTS; index--) {
    const unit = units[index] ?? '';
    if (!keep[index] || !isFragment(unit) || words + wordCount(unit) > MAX_BLOCK_WORDS) break;
    run.unshift(index);
    words += wordCount(unit);
  }
  const call = units[anchor] ?? '';
  // The longest valid tail of the run: each line goes on with the previous one, and the last closes a sentence.
  for (let start = 0; start < run.length; start++) {
    const lines = run.slice(start).map((index) => units[index] ?? '');
    const last = lines.at(-1) ?? '';
    const chained = lines.every((line, position) => position === lines.length - 1 || continues(line, lines[position + 1] ?? ''));
    const closes = endsSentence(last) || runsInto(last, call);
    // One line alone goes with the call when it leads into it: a question ("Want faster builds?") or an open end.
    const leadsIn = lines.length >= 2 || runsInto(last, call) || /\?["'”’)]*$/.test(last);
    if (chained && closes && leadsIn) return run.slice(start);
  }
  return [];
}

/** Lines after the call to action at `anchor` that finish its sentence ("Learn more about the" / "Acme Insight Platform."). */
function sentenceAfter(units: string[], keep: boolean[], anchor: number): number[] {
  const run: number[] = [];
  let words = 0;
  let previous = units[anchor] ?? '';
  for (let index = anchor + 1; index < units.length && run.length < MAX_FRAGMENTS; index++) {
    const unit = units[index] ?? '';
    if (!keep[index] || !isFragment(unit) || !continues(previous, unit) || words + wordCount(unit) > MAX_BLOCK_WORDS) return [];
    run.push(index);
    words += wordCount(unit);
    if (endsSentence(unit)) return run;
    previous = unit;
  }
  return [];
}

/**
 * Drops the broken sentence around each call to action (see the module
 * comment): `reasons` says which units are calls to action, `keep` which
 * units are still kept; dropped lines are added to `dropped` as `promo`.
 */
export function dropCallToActionBlocks(
  units: string[],
  reasons: (DropReason | undefined)[],
  keep: boolean[],
  dropped: { line: string; reason: DropReason | 'related' }[],
): void {
  for (let anchor = 0; anchor < units.length; anchor++) {
    const reason = reasons[anchor];
    if (keep[anchor] || (reason !== 'promo' && reason !== 'signup')) continue;
    for (const index of [...sentenceBefore(units, keep, anchor), ...sentenceAfter(units, keep, anchor)]) {
      keep[index] = false;
      dropped.push({ line: units[index] ?? '', reason: 'promo' });
    }
  }
}

/**
 * Page furniture whose words were broken over short lines, none of which
 * reads as furniture alone ("Sign up for our" / "weekly newsletter" /
 * "today."): each run of short kept lines that go on one into the next is
 * classified as the one line it was, and dropped whole when it is furniture.
 */
export function dropBrokenFurniture(units: string[], keep: boolean[], dropped: { line: string; reason: DropReason | 'related' }[]): void {
  let start = 0;
  while (start < units.length) {
    let end = start;
    let words = wordCount(units[start] ?? '');
    while (
      keep[end] &&
      end + 1 < units.length &&
      keep[end + 1] &&
      isFragment(units[end] ?? '') &&
      isFragment(units[end + 1] ?? '') &&
      continues(units[end] ?? '', units[end + 1] ?? '') &&
      words + wordCount(units[end + 1] ?? '') <= MAX_BLOCK_WORDS
    ) {
      end += 1;
      words += wordCount(units[end] ?? '');
    }
    if (end > start) {
      const reason = classifyLine(units.slice(start, end + 1).join(' '));
      if (reason !== undefined) {
        for (let index = start; index <= end; index++) {
          keep[index] = false;
          dropped.push({ line: units[index] ?? '', reason });
        }
      }
    }
    start = end + 1;
  }
}
