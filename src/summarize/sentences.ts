/**
 * Sentence splitting for English prose. A boundary is sentence punctuation
 * (`.`, `!`, `?`, `…`), any closing quotes or brackets glued to it, then
 * whitespace, then something that is not a lowercase letter. Periods after
 * titles ("Dr.") are never boundaries; after initials, dotted acronyms and
 * abbreviations that can end a sentence ("U.S.", "Inc."), only when a typical
 * sentence opener follows.
 */

/** Abbreviations that precede a name or a word, never ending a sentence. */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'rev', 'hon', 'mt', 'ft', 'sen', 'rep', 'gov',
  'pres', 'gen', 'col', 'lt', 'maj', 'capt', 'cpt', 'cmdr', 'adm', 'sgt', 'cpl', 'pvt',
  'spc', 'supt', 'insp', 'det', 'fr', 'msgr', 'atty', 'vs', 'v', 'e.g', 'i.e', 'cf',
  'approx', 'dept', 'fig', 'vol',
]);

/**
 * Abbreviations that may also end a sentence ("Apple Inc. The ..."): like
 * dotted acronyms, a boundary only before a typical sentence opener.
 */
const AMBIGUOUS = new Set([
  'st', 'jr', 'sr', 'inc', 'corp', 'ltd', 'co', 'bros', 'etc', 'al', 'ave', 'blvd', 'rd',
  'jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** Abbreviations that only precede a number: "No. 2", "Nos. 4 and 5". */
const NUMBER_TITLES = new Set(['no', 'nos', 'art', 'p']);

/**
 * Words that usually start a sentence. After a dotted acronym ("in the U.S.
 * The ...") they tell a sentence end from a name ("U.S. Army").
 */
const SENTENCE_STARTERS = new Set([
  'a', 'an', 'the', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'their',
  'its', 'our', 'this', 'that', 'these', 'those', 'there', 'but', 'and', 'so', 'yet',
  'in', 'on', 'at', 'for', 'from', 'after', 'before', 'since', 'when', 'while', 'as',
  'if', 'however', 'meanwhile', 'then', 'now', 'last', 'earlier', 'later', 'some',
  'many', 'most', 'one', 'two', 'both', 'police', 'officials', 'authorities',
]);

// Sets of single characters: tested once per character of every article.
const TERMINATOR = new Set('.!?…');
const CLOSERS = new Set('"\'”’)]»');
const OPENERS = new Set('"\'“‘([«');
/** Finds the next sentence punctuation from `lastIndex`. */
const NEXT_TERMINATOR = /[.!?…]/g;

/** Splits prose into sentences, trimmed, in order; whitespace is collapsed. */
export function splitSentences(text: string): string[] {
  const s = text.replace(/\s+/g, ' ').trim();
  const sentences: string[] = [];
  let start = 0;
  let i = 0;
  while (i < s.length) {
    NEXT_TERMINATOR.lastIndex = i;
    const found = NEXT_TERMINATOR.exec(s);
    if (!found) break;
    i = found.index;
    let end = i + 1;
    while (end < s.length && (TERMINATOR.has(s[end] ?? '') || CLOSERS.has(s[end] ?? ''))) end += 1;
    if (s[end] === ' ' && isBoundary(s, i, end + 1)) {
      sentences.push(s.slice(start, end).trim());
      start = end + 1;
    }
    i = end;
  }
  const rest = s.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

/**
 * Whether the punctuation at `at` ends a sentence, given that the next
 * sentence would begin at `next`.
 */
function isBoundary(s: string, at: number, next: number): boolean {
  let first = next;
  while (OPENERS.has(s[first] ?? '')) first += 1;
  const head = s[first] ?? '';
  if (/\p{Ll}/u.test(head)) return false;
  if (s[at] !== '.') return true;
  if (s[at + 1] === '.') return true; // an ellipsis "..." before a capital

  const word = wordBefore(s, at);
  const lower = word.toLowerCase();
  const nextWord = (s.slice(first).match(/^[\p{L}\p{N}']+/u)?.[0] ?? '').toLowerCase();
  if (TITLES.has(lower)) return false;
  if (NUMBER_TITLES.has(lower)) return !/[0-9]/.test(head);
  // "J. K. Rowling" but "vitamin C. The"; "U.S. Army" but "the U.S. The"; "Inc.", "p.m.".
  if (/^\p{Lu}$/u.test(word) || AMBIGUOUS.has(lower) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) {
    return SENTENCE_STARTERS.has(nextWord);
  }
  return true;
}

/** The word (letters and inner periods) that ends just before index `at`. */
function wordBefore(s: string, at: number): string {
  let b = at;
  while (b > 0 && /[\p{L}.]/u.test(s[b - 1] ?? '')) b -= 1;
  return s.slice(b, at).replace(/^\.+/, '');
}
