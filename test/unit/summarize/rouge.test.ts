import { describe, it, expect } from 'vitest';
import { lcsF1, meanScores, ngramF1, rouge, rougeTokens } from '../../../bench/rouge.js';

// The benchmark's metric (bench/rouge.ts) is tested here, beside the summarizer it scores.
describe('rouge', () => {
  it.each([
    ["Locke 's side won 2-1!", ['locke', 's', 'side', 'won', '2', '1']],
    ['  ', []],
    ['Café', ['caf']],
  ])('tokens of %j', (text, expected) => {
    expect(rougeTokens(text)).toEqual(expected);
  });

  it.each([
    // candidate, reference, R1, R2, RL
    ['the cat sat', 'the cat sat on the mat', 2 / 3, 4 / 7, 2 / 3],
    ['the cat sat on the mat', 'the cat sat on the mat', 1, 1, 1],
    ['dogs bark loudly', 'the cat sat', 0, 0, 0],
    ['mat the on sat cat the', 'the cat sat on the mat', 1, 0, 1 / 2], // LCS "the sat the"
    ['', 'the cat', 0, 0, 0],
  ])('%j vs %j', (candidate, reference, r1, r2, rl) => {
    const scores = rouge(candidate, reference);
    expect(scores.r1).toBeCloseTo(r1, 10);
    expect(scores.r2).toBeCloseTo(r2, 10);
    expect(scores.rl).toBeCloseTo(rl, 10);
  });

  it('clips repeated n-grams to their count in the reference', () => {
    expect(ngramF1(['the', 'the', 'the'], ['the', 'cat'], 1)).toBeCloseTo((2 * (1 / 3) * (1 / 2)) / (1 / 3 + 1 / 2), 10);
  });

  it('computes the LCS over whole token sequences', () => {
    expect(lcsF1(['a', 'x', 'b', 'y', 'c'], ['a', 'b', 'c'])).toBeCloseTo((2 * (3 / 5) * 1) / (3 / 5 + 1), 10);
  });

  it('averages scores', () => {
    expect(meanScores([{ r1: 1, r2: 0.5, rl: 0 }, { r1: 0, r2: 0.5, rl: 1 }])).toEqual({ r1: 0.5, r2: 0.5, rl: 0.5 });
    expect(meanScores([])).toEqual({ r1: 0, r2: 0, rl: 0 });
  });
});
