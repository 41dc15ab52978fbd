/** Descriptive statistics of one sample. None of them mutates its input. */
import { quantileInPlace } from './order-statistics.ts';
import { checkSamples } from './validate.ts';

/** A value as a results file keeps it: JSON has no Infinity or NaN, so a bound that runs off (or none at all) is null. */
export function finiteOrNull(x: number | undefined): number | null {
  return x !== undefined && Number.isFinite(x) ? x : null;
}

/** Arithmetic mean. */
export function mean(xs: readonly number[]): number {
  checkSamples('mean', xs, 1);
  return sum(xs) / xs.length;
}

/** Median: the type-7 quantile at 0.5 (the mean of the two middle values for even n). */
export function median(xs: readonly number[]): number {
  checkSamples('median', xs, 1);
  return quantileInPlace(xs.slice(), 0.5);
}

/**
 * Sample quantile, Hyndman & Fan (1996) "Sample quantiles in statistical packages" type 7:
 * linear interpolation between order statistics at h = (n − 1)·q (0-based).
 * The default of R's quantile() and numpy.quantile. q in [0, 1]. Uses selection, not a sort,
 * so it is O(n) expected (see order-statistics.ts).
 */
export function quantile(xs: readonly number[], q: number): number {
  checkSamples('quantile', xs, 1);
  if (typeof q !== 'number' || !(q >= 0 && q <= 1)) {
    const hint = q > 1 && q <= 100 ? ` (did you mean ${q / 100}?)` : '';
    throw new Error(`quantile needs q between 0 and 1, got ${String(q)}${hint}`);
  }
  return quantileInPlace(xs.slice(), q);
}

/**
 * The fewest samples for which the q-quantile is more than the sample maximum: at least one
 * sample must lie above it, n ≥ 1 / (1 − q) (10 for p90, 20 for p95, 100 for p99).
 */
export function minimumSamplesForQuantile(q: number): number {
  return q <= 0.5 ? 1 : Math.ceil(1 / (1 - q) - 1e-9);
}

/** The q-quantile, or null when there are too few samples for it to be anything but the maximum. */
export function tailQuantile(xs: readonly number[], q: number): number | null {
  return xs.length >= minimumSamplesForQuantile(q) ? quantile(xs, q) : null;
}

/**
 * Sample standard deviation with Bessel's correction (divides by n − 1), computed in two
 * passes (mean first) for numerical stability (Chan, Golub & LeVeque 1983).
 */
export function stdev(xs: readonly number[]): number {
  checkSamples('stdev', xs, 2);
  return Math.sqrt(variance(xs));
}

/** Smallest and largest value. */
export function minMax(xs: readonly number[]): { min: number; max: number } {
  checkSamples('minMax', xs, 1);
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { min, max };
}

/** Unchecked sum, for callers that validated already. */
export function sum(xs: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i]!;
  return total;
}

/** Unchecked sample variance (n − 1), two-pass. Callers ensure n >= 2. */
export function variance(xs: readonly number[]): number {
  const m = sum(xs) / xs.length;
  let squares = 0;
  for (const x of xs) squares += (x - m) * (x - m);
  return squares / (xs.length - 1);
}

/** Hyndman & Fan type 7 on an already ascending-sorted array. Unchecked. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const low = sorted[lo]!;
  return low + (h - lo) * (sorted[hi]! - low);
}
