/**
 * TF-IDF centroid-with-position baseline (MEAD, Radev et al. 2004): each
 * sentence scores its cosine similarity to the article's TF-IDF centroid plus
 * a position score that falls linearly from the first sentence to the last
 * (scaled to the best centroid score). Sentences are taken best first,
 * skipping any that would overflow the budget or repeat a chosen one
 * (cosine over {@link REDUNDANCY}), and printed in document order.
 *
 * Document frequencies come from the whole evaluation set, as MEAD takes
 * them from a background corpus; a baseline, so bench code, not src/.
 */
import { splitSentences } from '../src/summarize/sentences.js';
import { truncate } from '../src/summarize/extractive.js';
import { STOPWORDS } from '../src/summarize/stopwords.js';

/** Cosine similarity above which a sentence repeats one already chosen. */
const REDUNDANCY = 0.5;

type Vector = Map<string, number>;

/** Summarizes one article within `budget` characters. */
export type CentroidSummarizer = (article: string, budget: number) => string;

/** Builds the baseline with inverse document frequencies from `corpus`. */
export function centroidBaseline(corpus: string[]): CentroidSummarizer {
  const df = new Map<string, number>();
  for (const doc of corpus) for (const term of new Set(terms(doc))) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = (term: string): number => Math.log((corpus.length + 1) / ((df.get(term) ?? 0) + 1)) + 1;
  const weigh = (tokens: string[]): Vector => {
    const v: Vector = new Map();
    for (const t of tokens) v.set(t, (v.get(t) ?? 0) + idf(t));
    return v;
  };

  return (article, budget) => {
    const sentences = splitSentences(article);
    if (sentences.length === 0) return '';
    const vectors = sentences.map((s) => weigh(terms(s)));
    const centroid: Vector = new Map();
    for (const v of vectors) for (const [t, w] of v) centroid.set(t, (centroid.get(t) ?? 0) + w / vectors.length);
    const similarity = vectors.map((v) => cosine(v, centroid));
    const best = Math.max(...similarity, 0);
    const n = sentences.length;
    const ranked = sentences
      .map((text, i) => ({ text, i, score: (similarity[i] ?? 0) + (best * (n - i)) / n }))
      .sort((a, b) => b.score - a.score || a.i - b.i);

    const chosen: typeof ranked = [];
    let length = -1;
    for (const candidate of ranked) {
      if (length + 1 + candidate.text.length > budget) continue;
      const v = vectors[candidate.i] ?? new Map();
      if (chosen.some((c) => cosine(vectors[c.i] ?? new Map(), v) > REDUNDANCY)) continue;
      chosen.push(candidate);
      length += 1 + candidate.text.length;
    }
    if (chosen.length === 0) return truncate(sentences[0] ?? '', budget);
    return chosen
      .sort((a, b) => a.i - b.i)
      .map((c) => c.text)
      .join(' ');
  };
}

/** Lowercased words that are not function words. */
function terms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !STOPWORDS.has(t));
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  for (const [t, w] of a) dot += w * (b.get(t) ?? 0);
  const norm = (v: Vector): number => Math.sqrt([...v.values()].reduce((acc, w) => acc + w * w, 0));
  const d = norm(a) * norm(b);
  return d > 0 ? dot / d : 0;
}
