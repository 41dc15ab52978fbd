/**
 * Level shifts in a series: E-divisive means with a t-test instead of permutations, in two steps as
 * Apache Otava does it (Fleming et al., "Hunter: Using Change Point Detection to Hunt for Performance
 * Regressions", ICPE 2023, https://doi.org/10.1145/3578244.3583719; otava/analysis.py `split`, `merge`):
 *
 * 1. Split: over sliding windows (`windowSize` points, advancing by half a window or to the last shift
 *    found), E-divisive (./edivisive.ts) proposes the best split of each stretch between the shifts
 *    found so far; a split is kept while its Welch t-test p ≤ the first-pass level (10 × alpha), the
 *    "weak" change points.
 * 2. Merge: every weak point is re-tested between its neighbouring points over the whole series, and
 *    the weakest (largest p, or once all pass, the smallest relative size under `minRelative`) is
 *    dropped and its neighbours re-tested, until every one left has p < alpha.
 *
 * Differences from Otava, each deliberate: Welch's test instead of Student's pooled one
 * (./segments.ts); at least `minSegment` points on each side of every shift, so one stray run cannot be
 * a level of its own; the relative size gets a 95% interval.
 */
import { CHANGE_POINT_DEFAULTS } from '../defaults.ts';
import { bestSplit } from './edivisive.ts';
import { compareSegments, type SegmentComparison, type SegmentTest } from './segments.ts';
import { checkDetectOptions, checkSeries } from './validate.ts';

export interface DetectOptions {
  /** Significance level of the final (merge) test; the split step uses 10 × alpha (below 0.05). */
  alpha?: number;
  /** Points per E-divisive window; a window ≥ the series length searches the whole series at once. */
  windowSize?: number;
  /** Fewest points on each side of a change point (≥ 2). */
  minSegment?: number;
  /** Change points whose |relative| size is below this are dropped in the merge (0 keeps all). */
  minRelative?: number;
  /** Confidence level of the relative change's interval. */
  level?: number;
  /** The significance test of a split: Welch's t-test (Otava uses Student's) or the rank-sum test. */
  test?: SegmentTest;
}

export interface DetectedChange {
  /** Index of the first point after the shift (the shift lies between index − 1 and index). */
  index: number;
  /** Mean of the segment before (from the previous change point) and after (to the next). */
  levelBefore: number;
  levelAfter: number;
  /** levelAfter / levelBefore − 1, with its interval at `level`. */
  relative: number;
  relativeLow: number;
  relativeHigh: number;
  /** Two-sided Welch t-test p-value of the two segments. */
  pValue: number;
}

type Settings = Required<DetectOptions>;

/** Otava's first-pass level: 10 × alpha below 0.05, 2 × below 0.5, else alpha itself. */
function firstPassAlpha(alpha: number): number {
  if (alpha < 0.05) return alpha * 10;
  return alpha < 0.5 ? alpha * 2 : alpha;
}

/** Split step on `values[start, end)`: the weak change points E-divisive finds there, in index order. */
function splitWindow(values: readonly number[], start: number, end: number, settings: Settings, alpha: number): number[] {
  const found: number[] = [];
  for (;;) {
    const bounds = [start, ...found, end];
    let best: { index: number; qhat: number; from: number; to: number } | null = null;
    for (let s = 0; s + 1 < bounds.length; s++) {
      const candidate = bestSplit(values, bounds[s]!, bounds[s + 1]!, settings.minSegment);
      if (candidate !== null && candidate.qhat > 0 && (best === null || candidate.qhat > best.qhat)) {
        best = { ...candidate, from: bounds[s]!, to: bounds[s + 1]! };
      }
    }
    if (best === null) return found;
    const test = compareSegments(values, best.from, best.index, best.to, settings.level, settings.test);
    if (test.pValue > alpha) return found;
    found.push(best.index);
    found.sort((a, b) => a - b);
  }
}

/** The weak change points of the whole series: the union over Otava's sliding windows. */
function weakChangePoints(values: readonly number[], settings: Settings): number[] {
  const alpha = firstPassAlpha(settings.alpha);
  const step = Math.max(1, Math.floor(settings.windowSize / 2));
  const found = new Set<number>();
  let start = 0;
  while (start < values.length) {
    const end = Math.min(start + settings.windowSize, values.length);
    const inWindow = splitWindow(values, start, end, settings, alpha);
    for (const index of inWindow) found.add(index);
    if (end === values.length) break;
    start = Math.max(inWindow.at(-1) ?? 0, start + step);
  }
  // Windows overlap: of two points closer than minSegment (one shift seen from two windows) keep the first.
  const kept: number[] = [];
  for (const index of [...found].sort((a, b) => a - b)) {
    if (kept.length === 0 || index - kept.at(-1)! >= settings.minSegment) kept.push(index);
  }
  return kept;
}

/** Re-tests change point `k` of `indexes` between its neighbours. */
function testAt(values: readonly number[], indexes: readonly number[], k: number, settings: Settings): SegmentComparison {
  const from = k === 0 ? 0 : indexes[k - 1]!;
  const to = k === indexes.length - 1 ? values.length : indexes[k + 1]!;
  return compareSegments(values, from, indexes[k]!, to, settings.level, settings.test);
}

/** Position of the point to drop next, or −1 when every one left passes. */
function weakest(tests: readonly SegmentComparison[], settings: Settings): number {
  let worst = -1;
  for (let k = 0; k < tests.length; k++) if (worst < 0 || tests[k]!.pValue > tests[worst]!.pValue) worst = k;
  if (worst < 0 || tests[worst]!.pValue >= settings.alpha) return worst;
  let smallest = 0;
  for (let k = 1; k < tests.length; k++) if (Math.abs(tests[k]!.relative) < Math.abs(tests[smallest]!.relative)) smallest = k;
  return Math.abs(tests[smallest]!.relative) < settings.minRelative ? smallest : -1;
}

/** Merge step: drops the weakest point and re-tests its neighbours until all pass. */
function merge(values: readonly number[], weak: readonly number[], settings: Settings): { indexes: number[]; tests: SegmentComparison[] } {
  const indexes = [...weak];
  const tests = indexes.map((_, k) => testAt(values, indexes, k, settings));
  for (let drop = weakest(tests, settings); drop >= 0; drop = weakest(tests, settings)) {
    indexes.splice(drop, 1);
    tests.splice(drop, 1);
    if (drop > 0) tests[drop - 1] = testAt(values, indexes, drop - 1, settings);
    if (drop < indexes.length) tests[drop] = testAt(values, indexes, drop, settings);
  }
  return { indexes, tests };
}

/**
 * The level shifts of `values` (in series order, oldest first), each at the index of the first point
 * after it. Throws on a value that is not a finite number or an option out of range.
 */
export function detectChangePoints(values: readonly number[], options: DetectOptions = {}): DetectedChange[] {
  // An option given as undefined takes its default, as an absent one does.
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const settings: Settings = { ...CHANGE_POINT_DEFAULTS, ...given };
  checkDetectOptions(settings);
  checkSeries('detectChangePoints', values);
  const { indexes, tests } = merge(values, weakChangePoints(values, settings), settings);
  return indexes.map((index, k) => {
    const test = tests[k]!;
    return {
      index,
      levelBefore: test.before.mean,
      levelAfter: test.after.mean,
      relative: test.relative,
      relativeLow: test.relativeLow,
      relativeHigh: test.relativeHigh,
      pValue: test.pValue,
    };
  });
}
