/**
 * How two neighbouring segments of a series differ: Welch's t-test on their means and the relative
 * change of the level with its interval.
 *
 * Otava tests a candidate split with Student's pooled two-sample t-test; Welch's test
 * (Welch 1947, "The generalization of Student's problem when several different population
 * variances are involved", Biometrika 34) is used here instead because a shift in a benchmark's
 * level usually shifts its spread too (a slower path is a noisier one).
 *
 * The relative change r = mean(after) / mean(before) − 1 gets its interval from the delta method on
 * the log of the ratio of the means, Var(ln m̄₂ − ln m̄₁) ≈ s₁²/(n₁m̄₁²) + s₂²/(n₂m̄₂²), with the
 * Welch–Satterthwaite degrees of freedom of those two terms; the interval is exp(ln(1+r) ± t·se) − 1,
 * so it never crosses −100%. Where a level is not positive the linear delta method is used instead.
 */
import { assertNever } from '../assert.ts';
import { tCdf, tQuantile } from '../stats/distributions.ts';
import { rankSumPValue } from './rank-sum.ts';

export const SEGMENT_TESTS = ['welch', 'mann-whitney'] as const;
/** welch: Welch's t-test on the means; mann-whitney: the rank-sum test (Mann & Whitney 1947, ./rank-sum.ts), robust to outlying runs. */
export type SegmentTest = (typeof SEGMENT_TESTS)[number];

export interface SegmentStats {
  count: number;
  mean: number;
  /** Sample variance (n − 1 in the denominator). */
  variance: number;
}

export interface SegmentComparison {
  before: SegmentStats;
  after: SegmentStats;
  /** Two-sided p-value of Welch's t-test of equal means. */
  pValue: number;
  relative: number;
  relativeLow: number;
  relativeHigh: number;
}

/** Count, mean and sample variance of `values[start, end)` (Welford's one-pass update). */
export function segmentStats(values: readonly number[], start: number, end: number): SegmentStats {
  let mean = 0;
  let squares = 0;
  for (let i = start; i < end; i++) {
    const delta = values[i]! - mean;
    mean += delta / (i - start + 1);
    squares += delta * (values[i]! - mean);
  }
  const count = end - start;
  return { count, mean, variance: count > 1 ? squares / (count - 1) : 0 };
}

/** Welch–Satterthwaite degrees of freedom of a sum of two variance terms a/n₁-style. */
function satterthwaite(termBefore: number, termAfter: number, before: SegmentStats, after: SegmentStats): number {
  const denominator = termBefore ** 2 / (before.count - 1) + termAfter ** 2 / (after.count - 1);
  return denominator > 0 ? (termBefore + termAfter) ** 2 / denominator : before.count + after.count - 2;
}

/** Two-sided p-value of Welch's t-test between two segments (each with ≥ 2 points). */
export function welchPValue(before: SegmentStats, after: SegmentStats): number {
  const difference = after.mean - before.mean;
  const termBefore = before.variance / before.count;
  const termAfter = after.variance / after.count;
  const se = Math.sqrt(termBefore + termAfter);
  if (se === 0) return difference === 0 ? 1 : 0;
  const t = Math.abs(difference) / se;
  const df = satterthwaite(termBefore, termAfter, before, after);
  // 2·F(−t) rather than 2·(1 − F(t)): keeps small p-values instead of rounding them to 0.
  return Math.min(1, 2 * tCdf(-t, df));
}

/** The relative change of the level from `before` to `after` with its interval at `level`. */
export function relativeChange(before: SegmentStats, after: SegmentStats, level: number): { relative: number; low: number; high: number } {
  const ratio = after.mean / before.mean;
  const relative = ratio - 1;
  const positive = before.mean > 0 && after.mean > 0;
  // Relative variance terms s²/(n m̄²): the log ratio's (positive levels) or, scaled by ratio², the ratio's.
  const termBefore = before.variance / (before.count * before.mean ** 2);
  const termAfter = after.variance / (after.count * (positive ? after.mean ** 2 : before.mean ** 2));
  const se = Math.sqrt(termBefore + termAfter);
  if (se === 0 || !Number.isFinite(se)) return { relative, low: relative, high: relative };
  const t = tQuantile(1 - (1 - level) / 2, satterthwaite(termBefore, termAfter, before, after));
  if (positive) {
    const logRatio = Math.log(ratio);
    return { relative, low: Math.exp(logRatio - t * se) - 1, high: Math.exp(logRatio + t * se) - 1 };
  }
  const linearSe = Math.sqrt(termBefore * ratio ** 2 + termAfter);
  return { relative, low: relative - t * linearSe, high: relative + t * linearSe };
}

function pValueOf(test: SegmentTest, values: readonly number[], start: number, split: number, end: number, before: SegmentStats, after: SegmentStats): number {
  switch (test) {
    case 'welch':
      return welchPValue(before, after);
    case 'mann-whitney':
      return rankSumPValue(values, start, split, end);
    default:
      return assertNever(test, 'segment test');
  }
}

/** Compares `values[start, split)` with `values[split, end)`. */
export function compareSegments(values: readonly number[], start: number, split: number, end: number, level: number, test: SegmentTest): SegmentComparison {
  const before = segmentStats(values, start, split);
  const after = segmentStats(values, split, end);
  const { relative, low, high } = relativeChange(before, after, level);
  return { before, after, pValue: pValueOf(test, values, start, split, end, before, after), relative, relativeLow: low, relativeHigh: high };
}
