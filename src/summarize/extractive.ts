/**
 * Extractive summary: picks whole sentences that together cover the
 * article's most important words within a character budget.
 *
 * Important words are frequent content words, counted with more weight the
 * earlier they occur (news and blog posts put the point first). A set of
 * sentences scores the weight of the distinct words and word pairs it covers,
 * so repeating a point earns nothing and filling the budget with new content
 * earns more, minus penalties for sentences that read badly out of context
 * (quotes, captions, questions, openings that lean on the previous sentence).
 * The best set is found by exhaustive search over the strongest sentences.
 */
import { piecesOf, type Piece } from './pieces.js';
import type { ProseBlock } from './prose.js';
import { contextPenalty, standsAlone } from './sentence-quality.js';
import { STOPWORDS } from './stopwords.js';

/** Sentence punctuation at the end, before any closing quotes or brackets. */
const ENDED = /[.!?…]["'”’)\]»]*$/;

/** A sentence with its features. */
interface Sentence {
  text: string;
  /** Position among all sentences of the article. */
  index: number;
  /** Distinct content-word ids. */
  words: number[];
  /** Distinct ids of adjacent token pairs. */
  pairs: number[];
  /** Score of the sentence independent of the others. */
  prior: number;
  selfContained: boolean;
  caption: boolean;
  flow: number;
  antecedent: number | null | undefined;
  pointsAhead: boolean;
}

/** Ids of stemmed content words and of adjacent token pairs. */
interface Vocabulary {
  words: Map<string, number>;
  pairs: Map<string, number>;
}

/** Sentences and the weight of each word and pair id. */
interface Analysis {
  sentences: Sentence[];
  vocabulary: Vocabulary;
  wordWeight: number[];
  pairWeight: number[];
}

/**
 * Scoring constants, chosen on news articles at 200-400 character budgets
 * (bench/summaries.ts); each is a general property of prose, none per source.
 * Word weights sum to 1 over the article; penalties are in that unit.
 */
const SCORING = {
  /** Sentence index at which a word occurrence counts half as much as in the first sentence. */
  decayHalfLife: 4,
  /** Weight of repeated word pairs relative to words: they carry names and key phrases. */
  pairWeight: 1,
  /** How many of the best single sentences the subset search considers. */
  poolSize: 14,
  /** Most sentences in a summary; also bounds the search. */
  maxSentences: 5,
} as const;

/**
 * Summary of `blocks` (plain strings are paragraphs of one flow) in at most
 * `maxLength` characters: whole sentences in document order joined by single
 * spaces. Sentences of a quote or a list item only go with sentences of the
 * same block; a sentence that leans on the one before comes only right after
 * it; one that points at a following list or code never comes. When the first
 * sentence is longer than the budget and nothing else fits (or it would still
 * say more than what fits), it is cut at a word boundary and ended with "…".
 */
export function summarizeProse(blocks: Array<string | ProseBlock>, maxLength: number): string {
  const budget = Math.floor(maxLength);
  const pieces = piecesOf(blocks);
  if (pieces.length === 0 || !(budget > 0)) return '';
  const analysis = analyse(pieces);
  const { sentences } = analysis;
  // A piece without an end ("…brought two changes" before a list) would run into the next sentence.
  const readable = (s: Sentence): boolean => !s.pointsAhead && s.text.length <= budget && ENDED.test(s.text);
  let eligible = withAntecedents(sentences, (s) => s.selfContained && readable(s), budget);
  // A short or unusual text may have no sentence that stands alone: use what there is.
  if (eligible.length === 0) eligible = withAntecedents(sentences, (s) => !s.caption && readable(s), budget);

  const ranked = eligible
    .map((s) => ({ s, score: scoreOf([s], analysis) }))
    .sort((a, b) => b.score - a.score || a.s.index - b.s.index)
    .map(({ s }) => s);
  const chosen = fill(bestSubset(poolOf(ranked, sentences), analysis, budget), ranked, budget);

  const opens = (s: Sentence): boolean => s.antecedent === undefined && !s.pointsAhead;
  const lead =
    sentences.find((s) => s.selfContained && opens(s)) ?? sentences.find((s) => !s.caption && opens(s)) ?? sentences[0];
  if (lead && (chosen.length === 0 || lead.text.length > budget)) {
    const text = truncate(lead.text, budget);
    if (chosen.length === 0) return text;
    // A long first sentence cut short may still say more than the whole sentences that fit.
    const cut = { ...featuresOf(tokenize(text), analysis.vocabulary, false), prior: lead.prior };
    if (scoreOf([cut], analysis) > scoreOf(chosen, analysis)) return text;
  }
  return chosen.map((s) => s.text).join(' ');
}

/** Cuts `text` at a word boundary so that it and a trailing "…" fit in `maxLength`. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (maxLength < 2) return maxLength === 1 ? '…' : '';
  const cut = text.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(' ');
  // Without a space, cut mid-word, but never between the two halves of an emoji.
  const head = space > 0 ? cut.slice(0, space) : cut.replace(/[\uD800-\uDBFF]$/, '');
  return `${head.replace(/[\s,;:.\-–—]+$/, '')}…`;
}

/**
 * Sentences that pass `ok` and, when they lean on the sentence before, whose
 * chain of antecedents all pass it and fits in `budget` with them.
 */
function withAntecedents(sentences: Sentence[], ok: (s: Sentence) => boolean, budget: number): Sentence[] {
  const chainLength: Array<number | undefined> = [];
  for (const s of sentences) {
    if (!ok(s) || s.antecedent === null) continue;
    const before = s.antecedent === undefined ? 0 : chainLength[s.antecedent];
    if (before === undefined) continue;
    const length = before + (before > 0 ? 1 : 0) + s.text.length;
    if (length <= budget) chainLength[s.index] = length;
  }
  return sentences.filter((s) => chainLength[s.index] !== undefined);
}

/** The strongest sentences, with the antecedents those that lean on one need, in document order. */
function poolOf(ranked: Sentence[], sentences: Sentence[]): Sentence[] {
  const pool = new Set(ranked.slice(0, SCORING.poolSize));
  for (const s of [...pool]) {
    for (let a = s.antecedent; typeof a === 'number'; a = sentences[a]?.antecedent) {
      const antecedent = sentences[a];
      if (antecedent) pool.add(antecedent);
    }
  }
  return [...pool].sort((a, b) => a.index - b.index);
}

/** Whether `s` may come next after `chosen` (in document order). */
function canFollow(chosen: Sentence[], s: Sentence): boolean {
  const first = chosen[0];
  if (first !== undefined && first.flow !== s.flow) return false;
  return s.antecedent === undefined || chosen.at(-1)?.index === s.antecedent;
}

function analyse(pieces: Piece[]): Analysis {
  const vocabulary: Vocabulary = { words: new Map(), pairs: new Map() };
  const wordMass: number[] = [];
  const pairMass: number[] = [];
  const pairCount: number[] = [];
  const sentences = pieces.map(({ text, caption, ...place }, index): Sentence => {
    const tokens = tokenize(text);
    const { words, pairs } = featuresOf(tokens, vocabulary, true);
    const decay = SCORING.decayHalfLife / (SCORING.decayHalfLife + index);
    for (const id of words) wordMass[id] = (wordMass[id] ?? 0) + decay;
    for (const id of pairs) {
      pairMass[id] = (pairMass[id] ?? 0) + decay;
      pairCount[id] = (pairCount[id] ?? 0) + 1;
    }
    return {
      text,
      index,
      words,
      pairs,
      prior: -contextPenalty(text),
      selfContained: !caption && standsAlone(text, tokens.length),
      caption,
      ...place,
    };
  });

  const total = wordMass.reduce((acc, m) => acc + m, 0) || 1;
  return {
    sentences,
    vocabulary,
    wordWeight: wordMass.map((m) => m / total),
    // A pair seen once is just the sentence itself; repeated pairs are names and key phrases.
    pairWeight: pairMass.map((m, id) => ((pairCount[id] ?? 0) > 1 ? (SCORING.pairWeight * m) / total : 0)),
  };
}

/**
 * Distinct content-word ids (stemmed) and ids of adjacent token pairs that
 * are not both function words. Unknown keys get new ids only when `grow` is set.
 */
function featuresOf(tokens: string[], vocabulary: Vocabulary, grow: boolean): Pick<Sentence, 'words' | 'pairs'> {
  const idOf = (map: Map<string, number>, key: string): number | undefined => {
    let id = map.get(key);
    if (id === undefined && grow) {
      id = map.size;
      map.set(key, id);
    }
    return id;
  };
  const words = new Set<number>();
  const pairs = new Set<number>();
  tokens.forEach((token, i) => {
    const wordId = STOPWORDS.has(token) ? undefined : idOf(vocabulary.words, stem(token));
    if (wordId !== undefined) words.add(wordId);
    const previous = tokens[i - 1];
    if (previous === undefined || (STOPWORDS.has(previous) && STOPWORDS.has(token))) return;
    const pairId = idOf(vocabulary.pairs, `${previous} ${token}`);
    if (pairId !== undefined) pairs.add(pairId);
  });
  return { words: [...words], pairs: [...pairs] };
}

/** Score of a set of sentences: weight of the distinct words and pairs covered, plus priors. */
function scoreOf(set: Array<Pick<Sentence, 'words' | 'pairs' | 'prior'>>, analysis: Analysis): number {
  const only = set.length === 1 ? set[0] : undefined;
  // One sentence's ids are distinct already: summed in the same order, without building sets.
  if (only) return sum(only.words, analysis.wordWeight) + sum(only.pairs, analysis.pairWeight) + (0 + only.prior);
  const words = new Set(set.flatMap((s) => s.words));
  const pairs = new Set(set.flatMap((s) => s.pairs));
  return sum(words, analysis.wordWeight) + sum(pairs, analysis.pairWeight) + set.reduce((acc, s) => acc + s.prior, 0);
}

/** Exhaustive search over subsets of `pool` that fit, for the best total score. */
function bestSubset(pool: Sentence[], analysis: Analysis, maxLength: number): Sentence[] {
  const wordSeen = new Uint16Array(analysis.wordWeight.length);
  const pairSeen = new Uint16Array(analysis.pairWeight.length);
  const chosen: Sentence[] = [];
  let best: Sentence[] = [];
  let bestScore = -Infinity;

  const visit = (start: number, length: number, score: number): void => {
    if (chosen.length > 0 && score > bestScore) {
      bestScore = score;
      best = [...chosen];
    }
    if (chosen.length === SCORING.maxSentences) return;
    for (let i = start; i < pool.length; i += 1) {
      const s = pool[i];
      if (!s) continue;
      const added = length + (chosen.length > 0 ? 1 : 0) + s.text.length;
      if (added > maxLength || !canFollow(chosen, s)) continue;
      const gain = cover(s.words, wordSeen, analysis.wordWeight) + cover(s.pairs, pairSeen, analysis.pairWeight);
      // A sentence that adds nothing new (a repeat) is never worth its characters.
      if (gain > 0) {
        chosen.push(s);
        visit(i + 1, added, score + gain + s.prior);
        chosen.pop();
      }
      uncover(s.words, wordSeen);
      uncover(s.pairs, pairSeen);
    }
  };
  visit(0, 0, 0);
  return best;
}

/**
 * Adds sentences the search did not consider, best-scoring first, while they
 * fit and are mostly new: a summary well short of the budget leaves out
 * content it had room for.
 */
function fill(chosen: Sentence[], ranked: Sentence[], maxLength: number): Sentence[] {
  if (chosen.length === 0) return chosen;
  const result = [...chosen];
  const covered = new Set(result.flatMap((s) => s.words));
  let length = result.reduce((acc, s) => acc + s.text.length + 1, -1);
  for (const s of ranked) {
    if (result.length >= SCORING.maxSentences) break;
    if (result.includes(s) || length + 1 + s.text.length > maxLength || s.prior < 0) continue;
    // Its place in document order must suit it (no sentence it leans on can be cut off: those are adjacent).
    if (result[0]?.flow !== s.flow || !canFollow(result.filter((r) => r.index < s.index), s)) continue;
    const fresh = s.words.filter((w) => !covered.has(w)).length;
    if (fresh * 2 <= s.words.length) continue;
    result.push(s);
    for (const w of s.words) covered.add(w);
    length += 1 + s.text.length;
  }
  return result.sort((a, b) => a.index - b.index);
}

/** Lowercased words and numbers. */
function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A light stemmer for plurals and -ing/-ed forms, enough to match "player", "players", "played". */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed') && !word.endsWith('eed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Marks `ids` as covered once more; returns the weight of those newly covered. */
function cover(ids: number[], seen: Uint16Array, weights: number[]): number {
  let gain = 0;
  for (const id of ids) {
    const times = seen[id] ?? 0;
    if (times === 0) gain += weights[id] ?? 0;
    seen[id] = times + 1;
  }
  return gain;
}

function uncover(ids: number[], seen: Uint16Array): void {
  for (const id of ids) seen[id] = (seen[id] ?? 1) - 1;
}

function sum(ids: Iterable<number>, weights: number[]): number {
  let total = 0;
  for (const id of ids) total += weights[id] ?? 0;
  return total;
}
