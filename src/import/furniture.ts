/**
 * Page furniture among the units of an imported article — the lines of
 * copied text, or the lines, headings and list items of extracted Markdown:
 * calls to action (also when laid out over several short lines), navigation,
 * sharing and sign-up leftovers, and the titles listed under a "Related
 * posts" heading. One set of rules for every kind of import. Pure.
 */
import { dropBrokenFurniture, dropCallToActionBlocks } from './cta-blocks.js';
import {
  classifyLine,
  isBioOf,
  isPersonName,
  isRelatedHeading,
  isSentence,
  matchKey,
  splitItems,
  splitSentences,
  wordCount,
  type DropReason,
} from './text-lines.js';

/** A unit left out of an article, with the reason. */
export interface DroppedLine {
  line: string;
  reason: DropReason | 'related';
}

/**
 * One unit of an article: a line of text, a heading, a list item, or
 * something never dropped and never part of a block of short lines (code,
 * a quote, a table, an image).
 */
export interface FurnitureUnit {
  text: string;
  kind: 'line' | 'heading' | 'item' | 'fixed';
  /** The items of a line that holds several (links side by side); by default its text split at " | ", " · " … */
  parts?: string[];
}

/** Which units are kept, and those dropped with their reason. */
export interface Furniture {
  keep: boolean[];
  dropped: DroppedLine[];
}

/** The words of a short paragraph before its closing call to action, and of a sign-up box without its button, at most. */
const MAX_LEAD_WORDS = 12;
const MAX_LEAD_LENGTH = 600;
/** Short lines between a sign-up heading or prompt and its button, at most. */
const MAX_BOX_LINES = 3;
const MAX_BOX_WORDS = 25;
const MAX_BOX_LINE_WORDS = 16;

/**
 * Finds the furniture among `units` (see the module comment). `rescue` may
 * keep again units that classification dropped (a title that reads like a
 * call to action) before the rules on neighbouring lines run.
 */
export function findFurniture(units: FurnitureUnit[], rescue?: (reasons: (DropReason | undefined)[], keep: boolean[]) => void): Furniture {
  // The text the block rules see: headings and fixed units are no part of a run of short lines; list items keep a marker.
  const flow = units.map((unit) => (unit.kind === 'line' ? unit.text : unit.kind === 'item' ? `- ${unit.text}` : ''));
  const classifyPart = memo(classifyLine);
  const reasons = units.map((unit) => classifyUnit(unit, classifyPart));
  // A heading goes only with its section (below), so an article's "Search" or "Get started" heading stays.
  const keep = units.map((unit, index) => unit.kind === 'heading' || !reasons[index]);
  keepArticleLists(units, reasons, keep);
  rescue?.(reasons, keep);
  const dropped: DroppedLine[] = [];
  units.forEach((unit, index) => {
    const reason = reasons[index];
    if (reason && !keep[index]) dropped.push({ line: unit.text, reason });
  });
  dropTrailingCalls(units, reasons, keep, dropped);
  dropBrokenFurniture(flow, keep, dropped);
  dropCallToActionBlocks(flow, reasons, keep, dropped);
  dropSignUpBoxes(units, flow, reasons, keep, dropped);
  dropRelatedLists(units, keep, dropped);
  dropEmptyFurnitureSections(units, reasons, keep, dropped);
  return { keep, dropped };
}

/**
 * A list goes only when every item of it is furniture ("Share on X",
 * "Copy link"), and not when the article introduces it ("We post on:"
 * / "Mastodon" / "Bluesky") or an item goes on with more (an indented
 * paragraph, code).
 */
function keepArticleLists(units: FurnitureUnit[], reasons: (DropReason | undefined)[], keep: boolean[]): void {
  let start = 0;
  while (start < units.length) {
    if (units[start]?.kind !== 'item') {
      start += 1;
      continue;
    }
    let end = start;
    while (units[end + 1]?.kind === 'item' || units[end + 1]?.kind === 'fixed') end += 1;
    const continued = units[end]?.kind === 'fixed';
    while (units[end]?.kind === 'fixed') end -= 1;
    const run = units.slice(start, end + 1);
    const before = units[start - 1];
    const introduced = before !== undefined && before.kind === 'line' && /:\s*$/.test(before.text);
    const contentItem = run.some((unit, offset) => unit.kind === 'fixed' || reasons[start + offset] === undefined);
    if (introduced || continued || contentItem) {
      for (let index = start; index <= end; index++) {
        reasons[index] = undefined;
        keep[index] = true;
      }
    }
    start = end + 1;
  }
}

/** Why a unit is furniture: the whole of it, or each of its several items ("Older posts · Newer posts"). */
function classifyUnit(unit: FurnitureUnit, classifyPart: (text: string) => DropReason | undefined): DropReason | undefined {
  if (unit.kind === 'fixed') return undefined;
  const whole = classifyLine(unit.text);
  if (whole) return whole;
  if (unit.text.length > MAX_PARTS_LENGTH) return undefined;
  const parts = (unit.parts ?? splitItems(unit.text)).filter((part) => /[\p{L}\p{N}]/u.test(part));
  const reasons = parts.map((part) => classifyLine(part));
  if (parts.length >= 2 && reasons.every((reason) => reason !== undefined)) return reasons[0];
  return unit.kind === 'heading' ? undefined : classifyRun(unit.text, classifyPart);
}

const MAX_MEMO = 20_000;

/** `classify` remembering its answers: short pages repeat their pager and share words many times. */
function memo(classify: (text: string) => DropReason | undefined): (text: string) => DropReason | undefined {
  const answers = new Map<string, DropReason | undefined>();
  return (text) => {
    if (answers.has(text)) return answers.get(text);
    const answer = classify(text);
    if (answers.size < MAX_MEMO) answers.set(text, answer);
    return answer;
  };
}

/** Longest line read as several items side by side. */
const MAX_PARTS_LENGTH = 1000;
/** Words of a line that may be items side by side without separators, and of each item but the last. */
const MAX_RUN_WORDS = 8;
const MAX_ITEM_WORDS = 4;

/**
 * A short line that is two or three items of furniture written one after
 * the other, their links gone ("« Previous entry Next entry »").
 */
function classifyRun(text: string, classifyPart: (text: string) => DropReason | undefined): DropReason | undefined {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > MAX_RUN_WORDS || /[.?,;]$/.test(text.trim())) return undefined;
  const part = (from: number, to: number) => classifyPart(words.slice(from, to).join(' '));
  // Each item starts as a link's text did: with a capital or an arrow ("Older posts Newer posts", "« Prev Next »").
  const starts = (index: number) => /^[\p{Lu}«‹←↑]/u.test(words[index] ?? '') || /[»›→]$/.test(words[index - 1] ?? '');
  for (let first = 1; first < words.length && first <= MAX_ITEM_WORDS; first++) {
    if (!starts(first)) continue;
    const head = part(0, first);
    if (!head) continue;
    if (part(first, words.length)) return head;
    for (let second = first + 1; second < words.length && second - first <= MAX_ITEM_WORDS; second++) {
      if (starts(second) && part(first, second) && part(second, words.length)) return head;
    }
  }
  return undefined;
}

/**
 * A short paragraph whose last sentence is a call to action and whose other
 * sentences pitch (the page's box read as one line: "Get the full picture
 * with the Acme Insight Platform. Learn more.") goes whole. A paragraph that
 * says something else ("If false, no cache is used. Read more below.") stays.
 */
function dropTrailingCalls(units: FurnitureUnit[], reasons: (DropReason | undefined)[], keep: boolean[], dropped: DroppedLine[]): void {
  units.forEach((unit, index) => {
    if (unit.kind !== 'line' || !keep[index] || reasons[index] || unit.text.length > MAX_LEAD_LENGTH) return;
    const sentences = splitSentences(unit.text);
    const last = sentences.at(-1);
    if (sentences.length < 2 || last === undefined || wordCount(unit.text) - wordCount(last) > MAX_LEAD_WORDS) return;
    if (!isPitch(sentences.slice(0, -1))) return;
    const reason = classifyLine(last);
    if (reason !== 'promo' && reason !== 'signup') return;
    reasons[index] = reason;
    keep[index] = false;
    dropped.push({ line: unit.text, reason });
  });
}

// Verbs a pitch opens with: "Get the full picture with …", "Plan every sprint …", "Meet …".
const PITCH_VERBS = new Set(
  (
    'get see try meet plan ship build start make take join know find stop keep bring turn give unlock boost save grow scale ' +
    'power level supercharge upgrade transform simplify streamline automate explore discover learn master spend deliver ' +
    'launch run manage monitor track understand protect secure create design write deploy test measure cut speed'
  ).split(' '),
);

/** Sentences that lead into a call to action: each a question, or opening with a pitch verb. */
function isPitch(sentences: string[]): boolean {
  return sentences.every((sentence) => /\?["'”’)]*$/.test(sentence.trim()) || PITCH_VERBS.has(matchKey(sentence).split(' ')[0] ?? ''));
}

/**
 * A sign-up box: a heading or line that is a sign-up prompt or call to
 * action ("Newsletter"), a few short lines, and its button ("Subscribe").
 * The short lines between them go too ("The best of the blog, every Friday."),
 * and so do those after a sign-up heading that end the article.
 */
function dropSignUpBoxes(units: FurnitureUnit[], flow: string[], reasons: (DropReason | undefined)[], keep: boolean[], dropped: DroppedLine[]): void {
  const isCall = (index: number) => reasons[index] === 'promo' || reasons[index] === 'signup';
  for (let opener = 0; opener < units.length; opener++) {
    const openerKind = units[opener]?.kind;
    if (!isCall(opener) || (openerKind !== 'heading' && keep[opener])) continue;
    const between: number[] = [];
    let words = 0;
    let closer = opener + 1;
    for (; closer < units.length && between.length <= MAX_BOX_LINES; closer++) {
      if (!keep[closer]) break;
      const text = flow[closer] ?? '';
      if (!isBoxLine(text) || words + wordCount(text) > MAX_BOX_WORDS) break;
      between.push(closer);
      words += wordCount(text);
    }
    if (between.length === 0 || between.length > MAX_BOX_LINES) continue;
    // A sign-up heading's box whose button the page had as a form (gone): its lines end the article or its section.
    const formGone =
      openerKind === 'heading' && reasons[opener] === 'signup' && words <= MAX_LEAD_WORDS && (closer >= units.length || units[closer]?.kind === 'heading');
    if (!formGone && (closer >= units.length || keep[closer] || !isCall(closer))) continue;
    for (const index of between) {
      keep[index] = false;
      dropped.push({ line: units[index]?.text ?? '', reason: (formGone ? reasons[opener] : reasons[closer]) ?? 'promo' });
    }
  }
}

/** A line of a sign-up box: one short sentence at most, no list item. */
function isBoxLine(text: string): boolean {
  return text.length <= 120 && wordCount(text) <= MAX_BOX_LINE_WORDS && /\p{L}/u.test(text) && !text.startsWith('- ') && splitSentences(text).length === 1;
}

/**
 * After a "Related posts" heading, the titles that follow (short lines,
 * dates, list items) go too, up to the next prose, heading or fixed unit.
 */
function dropRelatedLists(units: FurnitureUnit[], keep: boolean[], dropped: DroppedLine[]): void {
  let inList = false;
  let sawItem = false;
  units.forEach((unit, index) => {
    if (unit.kind !== 'fixed' && isRelatedHeading(unit.text)) {
      inList = true;
      sawItem = false;
      return;
    }
    if (!inList || !keep[index]) return;
    const next = nextKept(units, keep, index);
    const ends =
      unit.kind === 'heading' ||
      unit.kind === 'fixed' ||
      (sawItem && unit.kind !== 'item') ||
      isSentence(unit.text) ||
      // The name line of a closing author block is not a related title.
      (next !== undefined && isPersonName(unit.text) && isBioOf(next, unit.text));
    if (ends) {
      inList = false;
      return;
    }
    sawItem ||= unit.kind === 'item';
    keep[index] = false;
    dropped.push({ line: unit.text, reason: 'related' });
  });
}

/**
 * A heading that reads as furniture ("Share this", "Related posts",
 * "Newsletter") goes with the furniture right below it, or when nothing of
 * its section is kept; followed by the article's text, it stays.
 */
function dropEmptyFurnitureSections(units: FurnitureUnit[], reasons: (DropReason | undefined)[], keep: boolean[], dropped: DroppedLine[]): void {
  units.forEach((unit, index) => {
    if (unit.kind !== 'heading' || !keep[index]) return;
    const reason = reasons[index] ?? (isRelatedHeading(unit.text) ? 'related' : undefined);
    if (!reason) return;
    const below = units[index + 1];
    if (below === undefined || below.kind === 'fixed' || keep[index + 1]) {
      for (let next = index + 1; next < units.length && units[next]?.kind !== 'heading'; next++) if (keep[next]) return;
    }
    keep[index] = false;
    dropped.push({ line: unit.text, reason });
  });
}

/** The first kept unit after `index`, without copying the rest of the list. */
function nextKept(units: FurnitureUnit[], keep: boolean[], index: number): string | undefined {
  for (let next = index + 1; next < units.length; next++) if (keep[next]) return units[next]?.text;
  return undefined;
}
