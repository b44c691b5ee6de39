/**
 * Fitting an issue under its size budget: which articles to show compact and
 * which to move to the web archive. The search is pure; rendering and
 * measuring a plan is the caller's, and each measurement is an MJML compile,
 * so the search asks for as few as it can.
 */
import type { LayoutPlan } from '../types.js';

/** A plan as rendered and measured by the caller. */
export interface Measured<T> {
  /** Bytes of the HTML part as sent, for the longest recipient fields. */
  bytes: number;
  /** Whatever the caller made of the plan (the rendered issue), handed back for the chosen plan. */
  value: T;
}

/** What {@link fitLayout} searches over. */
export interface FitInput<T> {
  /** Article URLs in the order the email shows them, top to bottom. */
  order: readonly string[];
  /** The articles shown in full without fitting, top to bottom: the ones compacting can shrink. */
  full: readonly string[];
  /** Most bytes the HTML part may have. */
  budget: number;
  /** Renders and measures a plan (deterministic: the same plan, the same bytes). */
  measure(plan: LayoutPlan): Promise<Measured<T>>;
}

/** The plan found, with its measurement. */
export interface FitResult<T> extends Measured<T> {
  plan: LayoutPlan;
  /** False when even every article moved out is over budget (the plan is then that one). */
  fits: boolean;
  /** How many plans were measured (each one an MJML compile). */
  measurements: number;
}

/** The empty plan: nothing compacted, nothing moved. */
export const EMPTY_PLAN: LayoutPlan = Object.freeze({ compacted: [], moved: [] }) as LayoutPlan;

/**
 * The plan with the `compact` lowest full articles compacted and the `move`
 * lowest articles moved out. An article moved is not also listed compact.
 */
export function planFor(order: readonly string[], full: readonly string[], compact: number, move: number): LayoutPlan {
  const moved = move > 0 ? order.slice(Math.max(0, order.length - move)) : [];
  const gone = new Set(moved);
  const compacted = (compact > 0 ? full.slice(Math.max(0, full.length - compact)) : []).filter((url) => !gone.has(url));
  return { compacted, moved };
}

/**
 * Finds the layout deterministically: the issue as designed when it fits;
 * else the fewest lowest-placed full articles compacted (bottom up) that
 * fit; else every one of them compacted and the fewest lowest articles moved
 * out. Size falls as the counts grow, so each count is found by a search
 * between two measured ends ({@link smallestFitting}): two to four
 * compiles when articles are alike, a small multiple of log2(n) at worst.
 */
export async function fitLayout<T>(input: FitInput<T>): Promise<FitResult<T>> {
  const { order, budget } = input;
  const full = input.full.filter((url) => order.includes(url));
  let measurements = 0;
  const cache = new Map<string, Measured<T>>();
  const measure = async (compact: number, move: number): Promise<Measured<T> & { plan: LayoutPlan }> => {
    const plan = planFor(order, full, compact, move);
    const key = JSON.stringify(plan);
    let measured = cache.get(key);
    if (!measured) {
      measured = await input.measure(plan);
      measurements++;
      cache.set(key, measured);
    }
    return { ...measured, plan };
  };
  const done = (found: Measured<T> & { plan: LayoutPlan }): FitResult<T> => ({ ...found, fits: found.bytes <= budget, measurements });

  const designed = await measure(0, 0);
  if (designed.bytes <= budget || order.length === 0) return done(designed);

  // 1. Compact from the bottom up.
  let compactedAll = designed;
  if (full.length > 0) {
    compactedAll = await measure(full.length, 0);
    if (compactedAll.bytes <= budget) {
      const count = await smallestFitting(0, designed.bytes, full.length, compactedAll.bytes, budget, async (k) => (await measure(k, 0)).bytes);
      return done(await measure(count, 0));
    }
  }
  // 2. Everything compact and still over: move the lowest articles out.
  const movedAll = await measure(full.length, order.length);
  if (movedAll.bytes > budget) return done(movedAll);
  const count = await smallestFitting(0, compactedAll.bytes, order.length, movedAll.bytes, budget, async (m) => (await measure(full.length, m)).bytes);
  return done(await measure(full.length, count));
}

/** Line probes in a row that may leave more than half the range before one halving probe. */
const SLOW_PROBES_BEFORE_HALVING = 3;

/**
 * The smallest count in `(low, high]` whose size is within budget, knowing
 * that `low` is over it (`lowBytes`) and `high` within it (`highBytes`).
 * Each probe is where a straight line through the two ends crosses the
 * budget (false position): articles are much alike, so that is usually
 * right or one off, and a real 60-article week takes two to four probes
 * where halving takes six. An uneven issue cannot make it crawl: after
 * {@link SLOW_PROBES_BEFORE_HALVING} probes in a row that each left more
 * than half the range, the next one halves it.
 */
export async function smallestFitting(
  low: number,
  lowBytes: number,
  high: number,
  highBytes: number,
  budget: number,
  bytesAt: (count: number) => Promise<number>,
): Promise<number> {
  let slow = 0;
  while (high - low > 1) {
    const range = high - low;
    const halve = slow >= SLOW_PROBES_BEFORE_HALVING;
    const onLine = low + Math.ceil((lowBytes - budget) / Math.max((lowBytes - highBytes) / range, 1));
    const probe = Math.min(high - 1, Math.max(low + 1, halve ? Math.floor((low + high) / 2) : onLine));
    const bytes = await bytesAt(probe);
    if (bytes <= budget) {
      high = probe;
      highBytes = bytes;
    } else {
      low = probe;
      lowBytes = bytes;
    }
    slow = halve || (high - low) * 2 <= range ? 0 : slow + 1;
  }
  return high;
}
