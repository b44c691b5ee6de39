/**
 * ROUGE-1, ROUGE-2 and ROUGE-L F1 over lowercased alphanumeric tokens, as
 * described in ../shared/eval/README.md. ROUGE-L is the sentence-level
 * variant: the LCS of the whole token sequences, not the summary-level union.
 */

/** F1 scores of one summary, or their mean over many, in [0, 1]. */
export interface Scores {
  r1: number;
  r2: number;
  rl: number;
}

/** Lowercased runs of ASCII letters and digits. */
export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** F1 of n-gram overlap (clipped counts) between candidate and reference tokens. */
export function ngramF1(candidate: string[], reference: string[], n: number): number {
  const ref = countNgrams(reference, n);
  const cand = countNgrams(candidate, n);
  let overlap = 0;
  for (const [gram, count] of cand) overlap += Math.min(count, ref.get(gram) ?? 0);
  return f1(overlap, Math.max(candidate.length - n + 1, 0), Math.max(reference.length - n + 1, 0));
}

/** F1 of the longest common subsequence of the two token sequences. */
export function lcsF1(candidate: string[], reference: string[]): number {
  return f1(lcsLength(candidate, reference), candidate.length, reference.length);
}

/** ROUGE-1, ROUGE-2 and ROUGE-L F1 of one candidate against one reference. */
export function rouge(candidate: string, reference: string): Scores {
  const c = rougeTokens(candidate);
  const r = rougeTokens(reference);
  return { r1: ngramF1(c, r, 1), r2: ngramF1(c, r, 2), rl: lcsF1(c, r) };
}

/** Mean of each score; zeros for an empty list. */
export function meanScores(all: Scores[]): Scores {
  const n = Math.max(all.length, 1);
  const sum = (pick: (s: Scores) => number): number => all.reduce((acc, s) => acc + pick(s), 0) / n;
  return { r1: sum((s) => s.r1), r2: sum((s) => s.r2), rl: sum((s) => s.rl) };
}

function countNgrams(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i += 1) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function lcsLength(a: string[], b: string[]): number {
  // One rolling row: O(|a|·|b|) time, O(|b|) memory.
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j] ?? 0;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1] ?? 0);
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

function f1(overlap: number, candidateCount: number, referenceCount: number): number {
  if (overlap === 0 || candidateCount === 0 || referenceCount === 0) return 0;
  const precision = overlap / candidateCount;
  const recall = overlap / referenceCount;
  return (2 * precision * recall) / (precision + recall);
}
