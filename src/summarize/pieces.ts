/**
 * Prose blocks -> sentences that know where they stand: which blocks they
 * may be joined with in a summary, and which sentence they lean on.
 */
import type { ProseBlock, ProseKind } from './prose.js';
import { leansOnPrevious, pointsAhead, pointsBack } from './reference.js';
import { splitRunInCaption } from './sentence-quality.js';
import { splitSentences } from './sentences.js';

/** A sentence of a block, before scoring. */
export interface Piece {
  text: string;
  caption: boolean;
  /** Blocks whose sentences may go together: all paragraphs, or one quote or list item. */
  flow: number;
  /** Index of the sentence this one leans on; null when it leans on something left out. */
  antecedent: number | null | undefined;
  /** Points at a list, code or quote that follows: a teaser without it. */
  pointsAhead: boolean;
}

/** Sentences of every block, each knowing its flow and the sentence it leans on. */
export function piecesOf(blocks: Array<string | ProseBlock>): Piece[] {
  const pieces: Piece[] = [];
  let flow = 0;
  let previousKind: ProseKind | undefined;
  for (const entry of blocks) {
    const block: ProseBlock = typeof entry === 'string' ? { text: entry, kind: 'paragraph', continues: true, introduces: false, follows: false } : entry;
    // Paragraphs are one flow; each quote or list item (with its continuation paragraphs) is its own.
    if (block.kind === 'paragraph') flow = 0;
    else if (!(block.continues && block.kind === previousKind)) flow = pieces.length + 1;
    const sentences = splitSentences(block.text).flatMap(splitRunInCaption);
    sentences.forEach(({ text, caption }, i) => {
      const index = pieces.length;
      // The antecedent is the sentence before, when it is there: inside the block, or the end of the block before.
      const reachable = i > 0 || (block.continues && block.kind === previousKind && index > 0);
      pieces.push({
        text,
        caption,
        flow,
        antecedent: i === 0 && block.follows && pointsBack(text) ? null : leansOnPrevious(text) ? (reachable ? index - 1 : null) : undefined,
        pointsAhead: pointsAhead(text, block.introduces && i === sentences.length - 1),
      });
    });
    if (sentences.length > 0) previousKind = block.kind;
  }
  return pieces;
}

