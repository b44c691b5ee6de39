/**
 * Whether a sentence reads well out of its article: run-in image captions,
 * fragments, halves of quotes, and openings that lean on what came before.
 */
import { isBoilerplateSentence } from './boilerplate.js';

/** A sentence, or a caption that ran into one. */
export interface Piece {
  text: string;
  caption: boolean;
}

/** Fewer tokens than this is a fragment ("He was 88."), not worth a slot in a summary. */
const MIN_WORDS = 6;

/** Fewest words on each side of a caption seam, so "Plan A is ..." stays whole. */
const MIN_SEAM_WORDS = 4;

/** Penalties, in the unit of word weights (all words of an article weigh 1 together). */
const PENALTY = { quote: 0.03, caption: 0.06, question: 0.03, connective: 0.02 } as const;

/** Captions: "Label: text" openings and photo directions. */
const CAPTION = /^\p{Lu}[\p{L}'’-]*(?: [\p{L}'’-]+){0,3}: |\((?:pictured|left|right|above|below|centre|center)\)|\bpictured\b/u;

/** Openings that lean on the sentence before. */
const CONNECTIVE =
  /^(?:but|and|or|so|yet|however|instead|meanwhile|also|still|then|thus|therefore|moreover|furthermore|this|that|these|those|it|they|he|she|his|her|their|its)\b/i;

/**
 * Pages flattened to text fuse an image caption with the next sentence,
 * which lacks the period between them: "... banned from driving The brother
 * of ...". A capitalised article followed by a lowercase word mid-sentence
 * marks that seam, also after a caption that ends on a quoted title
 * ("... dubbed ‘The First Great Escape’ The story of ..."); the text before
 * it is the caption.
 */
export function splitRunInCaption(sentence: string): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  for (const match of sentence.matchAll(/(?<=[\p{L}\p{N})’”"] )(The|An?) [\p{Ll}\p{N}]/gu)) {
    const before = sentence.slice(start, match.index).trim();
    const previous = before.slice(before.lastIndexOf(' ') + 1);
    // "Nurse A said" is a name; "The" after a capitalised word is still a seam ("Liverpool The amount").
    if (match[1] !== 'The' && /^\p{Lu}/u.test(previous)) continue;
    if (wordCount(before) < MIN_SEAM_WORDS || wordCount(sentence.slice(match.index)) < MIN_SEAM_WORDS) continue;
    pieces.push({ text: before, caption: true });
    start = match.index;
  }
  pieces.push({ text: sentence.slice(start).trim(), caption: false });
  return pieces;
}

/** How much worse a sentence reads out of context: 0 for a plain statement. */
export function contextPenalty(text: string): number {
  let p = 0;
  if (/^["'“‘]/.test(text)) p += PENALTY.quote;
  if (CAPTION.test(text)) p += PENALTY.caption;
  if (/\?["'”’]*$/.test(text)) p += PENALTY.question;
  if (CONNECTIVE.test(text)) p += PENALTY.connective;
  return p;
}

/**
 * Whether a sentence can stand alone in a summary: long enough to say
 * something, not boilerplate, not the middle of a sentence, and not one half
 * of a quote split across sentences.
 */
export function standsAlone(text: string, tokenCount: number): boolean {
  if (tokenCount < MIN_WORDS || isBoilerplateSentence(text) || /^\p{Ll}/u.test(text)) return false;
  const opensQuote = /^["“'‘]/.test(text);
  const closesQuote = /[.,!?…-]["”'’]$/.test(text);
  // A closing quote after punctuation, or after a word ('a "gold digger" who').
  const closesInside = /[.,!?…-]["”'’](?=\s)|\p{L}["”'’](?=[\s,.;:!?])/u.test(text.slice(1));
  const opensInside = /(?:^|[\s(—–-])["“'‘](?=\S)/.test(text.slice(0, -2));
  if (opensQuote && !closesInside && !closesQuote) return false;
  return !(closesQuote && !opensInside);
}

function wordCount(text: string): number {
  return text.split(' ').filter(Boolean).length;
}
