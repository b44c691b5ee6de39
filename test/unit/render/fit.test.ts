import { describe, expect, it } from 'vitest';
import { fitLayout, planFor, smallestFitting } from '../../../src/render/fit.js';
import type { LayoutPlan } from '../../../src/types.js';

/** A deterministic pseudo-random sequence (mulberry32), so sizes vary but every run is the same. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface FakeIssue {
  order: string[];
  full: string[];
  fullBytes: Map<string, number>;
  compactBytes: Map<string, number>;
  frame: number;
  moreBlock: number;
}

/** An issue of `count` articles, the first `compactAfter` shown in full, with varied sizes. */
function fakeIssue(count: number, compactAfter: number, seed: number): FakeIssue {
  const next = random(seed);
  const order = Array.from({ length: count }, (_, i) => `https://news.example.com/a-${i + 1}`);
  const fullBytes = new Map(order.map((url) => [url, 1500 + Math.floor(next() * 2500)]));
  const compactBytes = new Map(order.map((url) => [url, 300 + Math.floor(next() * 300)]));
  return { order, full: order.slice(0, compactAfter), fullBytes, compactBytes, frame: 12_000, moreBlock: 420 };
}

/** Bytes of a plan of a fake issue: a frame, each article by its form, the "N more" block when any moved. */
function bytesOf(issue: FakeIssue, plan: LayoutPlan): number {
  const compacted = new Set(plan.compacted);
  const moved = new Set(plan.moved);
  const initiallyFull = new Set(issue.full);
  let bytes = issue.frame + (moved.size > 0 ? issue.moreBlock + String(moved.size).length : 0);
  for (const url of issue.order) {
    if (moved.has(url)) continue;
    const compact = compacted.has(url) || !initiallyFull.has(url);
    bytes += (compact ? issue.compactBytes.get(url) : issue.fullBytes.get(url)) ?? 0;
  }
  return bytes;
}

function measureOf(issue: FakeIssue, seen: LayoutPlan[] = []) {
  return async (plan: LayoutPlan) => {
    seen.push(plan);
    const bytes = bytesOf(issue, plan);
    return { bytes, value: `html of ${bytes} bytes` };
  };
}

/** The answer by trying every count in order: what the search must find with fewer measurements. */
function bruteForce(issue: FakeIssue, budget: number): LayoutPlan | undefined {
  for (let k = 0; k <= issue.full.length; k++) {
    const plan = planFor(issue.order, issue.full, k, 0);
    if (bytesOf(issue, plan) <= budget) return plan;
  }
  for (let m = 1; m <= issue.order.length; m++) {
    const plan = planFor(issue.order, issue.full, issue.full.length, m);
    if (bytesOf(issue, plan) <= budget) return plan;
  }
  return undefined;
}

describe('planFor', () => {
  it('compacts the lowest full articles and moves the lowest articles, never listing one in both', () => {
    const order = ['a', 'b', 'c', 'd', 'e'];
    expect(planFor(order, ['a', 'b', 'c'], 2, 0)).toEqual({ compacted: ['b', 'c'], moved: [] });
    expect(planFor(order, ['a', 'b', 'c'], 3, 2)).toEqual({ compacted: ['a', 'b', 'c'], moved: ['d', 'e'] });
    expect(planFor(order, ['a', 'b', 'c'], 3, 4)).toEqual({ compacted: ['a'], moved: ['b', 'c', 'd', 'e'] });
    expect(planFor(order, ['a'], 0, 0)).toEqual({ compacted: [], moved: [] });
  });
});

/** Line probes in a row allowed to leave more than half the range (SLOW_PROBES_BEFORE_HALVING). */
const SLOW = 3;

describe('smallestFitting', () => {
  it('takes a handful of probes on sizes that fall about evenly, as articles do', async () => {
    const next = random(7);
    const sizes = [100_000];
    for (let i = 1; i <= 60; i++) sizes.push((sizes[i - 1] ?? 0) - 900 - Math.floor(next() * 600));
    for (let answer = 1; answer <= 60; answer++) {
      const budget = sizes[answer] ?? 0;
      let probes = 0;
      const found = await smallestFitting(0, sizes[0] ?? 0, 60, sizes[60] ?? 0, budget, async (count) => {
        probes++;
        return sizes[count] ?? 0;
      });
      expect(found).toBe(answer);
      expect(probes, `answer ${answer}`).toBeLessThanOrEqual(5);
    }
  });

  it.each([
    [1, 10],
    [7, 10],
    [10, 10],
    [33, 60],
  ])('finds the first count within budget (answer %i of %i)', async (answer, n) => {
    // Steps of uneven size, so the straight-line guess is off.
    const bytesAt = async (count: number) => 10_000 - count * 100 - (count >= answer ? 1000 : 0);
    const budget = 10_000 - answer * 100 - 1000;
    const probed: number[] = [];
    const found = await smallestFitting(0, await bytesAt(0), n, await bytesAt(n), budget, async (count) => {
      probed.push(count);
      return bytesAt(count);
    });
    expect(found).toBe(answer);
    expect(probed.length).toBeLessThanOrEqual((SLOW + 1) * Math.ceil(Math.log2(n)));
  });
});

describe('fitLayout', () => {
  it('leaves an issue within budget as designed, after one measurement', async () => {
    const issue = fakeIssue(6, 12, 1);
    const seen: LayoutPlan[] = [];
    const result = await fitLayout({ order: issue.order, full: issue.full, budget: 95 * 1024, measure: measureOf(issue, seen) });
    expect(result.plan).toEqual({ compacted: [], moved: [] });
    expect(result.fits).toBe(true);
    expect(result.measurements).toBe(1);
    expect(result.bytes).toBe(bytesOf(issue, result.plan));
    expect(result.value).toBe(`html of ${result.bytes} bytes`);
  });

  it('compacts only as many of the lowest full articles as it takes', async () => {
    const issue = fakeIssue(20, 12, 2);
    const designed = bytesOf(issue, { compacted: [], moved: [] });
    const budget = designed - 5000;
    const result = await fitLayout({ order: issue.order, full: issue.full, budget, measure: measureOf(issue) });
    expect(result.plan).toEqual(bruteForce(issue, budget));
    expect(result.plan.moved).toEqual([]);
    expect(result.plan.compacted.length).toBeGreaterThan(0);
    expect(result.plan.compacted.at(-1)).toBe(issue.full.at(-1));
    expect(result.bytes).toBeLessThanOrEqual(budget);
  });

  it('moves the lowest articles out once everything is compact', async () => {
    const issue = fakeIssue(60, 12, 3);
    const allCompact = bytesOf(issue, planFor(issue.order, issue.full, 12, 0));
    const budget = allCompact - 4000;
    const result = await fitLayout({ order: issue.order, full: issue.full, budget, measure: measureOf(issue) });
    expect(result.plan).toEqual(bruteForce(issue, budget));
    expect(result.plan.compacted).toEqual(issue.full);
    expect(result.plan.moved.at(-1)).toBe(issue.order.at(-1));
    expect(result.bytes).toBeLessThanOrEqual(budget);
  });

  it('finds what trying every count finds, for many issues and budgets, with about log n measurements', async () => {
    for (let seed = 10; seed < 60; seed++) {
      const next = random(seed);
      const issue = fakeIssue(5 + Math.floor(next() * 80), Math.floor(next() * 20), seed);
      const designed = bytesOf(issue, { compacted: [], moved: [] });
      const budget = issue.frame + 600 + Math.floor(next() * (designed - issue.frame));
      const result = await fitLayout({ order: issue.order, full: issue.full, budget, measure: measureOf(issue) });
      const expected = bruteForce(issue, budget);
      expect(result.plan, `seed ${seed}`).toEqual(expected);
      expect(result.bytes).toBeLessThanOrEqual(budget);
      const bound = 3 + 2 * (SLOW + 1) * Math.ceil(Math.log2(issue.order.length + 1));
      expect(result.measurements, `seed ${seed}`).toBeLessThanOrEqual(bound);
    }
  });

  it('gives the same plan, through the same measurements, every time', async () => {
    const issue = fakeIssue(60, 12, 4);
    const budget = bytesOf(issue, planFor(issue.order, issue.full, 12, 0)) - 3000;
    const first: LayoutPlan[] = [];
    const second: LayoutPlan[] = [];
    const a = await fitLayout({ order: issue.order, full: issue.full, budget, measure: measureOf(issue, first) });
    const b = await fitLayout({ order: issue.order, full: issue.full, budget, measure: measureOf(issue, second) });
    expect(b.plan).toEqual(a.plan);
    expect(second).toEqual(first);
  });

  it('says it cannot fit when even every article moved out is over budget', async () => {
    const issue = fakeIssue(10, 5, 5);
    const result = await fitLayout({ order: issue.order, full: issue.full, budget: issue.frame - 1, measure: measureOf(issue) });
    expect(result.fits).toBe(false);
    expect(result.plan.moved).toEqual(issue.order);
    expect(result.bytes).toBeGreaterThan(issue.frame - 1);
  });

  it('ignores full articles that are not in the order', async () => {
    const issue = fakeIssue(8, 8, 6);
    const budget = bytesOf(issue, { compacted: [], moved: [] }) - 1000;
    const result = await fitLayout({ order: issue.order, full: [...issue.full, 'https://elsewhere.example/x'], budget, measure: measureOf(issue) });
    expect(result.plan.compacted).not.toContain('https://elsewhere.example/x');
    expect(result.bytes).toBeLessThanOrEqual(budget);
  });
});
