/**
 * The distribution functions the statistics core uses, from stdlib (https://stdlib.io),
 * wrapped once so the rest of the code does not depend on how they are imported.
 */
import binomialCdfStdlib from '@stdlib/stats-base-dists-binomial-cdf';
import normalCdfStdlib from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileStdlib from '@stdlib/stats-base-dists-normal-quantile';
import tCdfStdlib from '@stdlib/stats-base-dists-t-cdf';
import tQuantileStdlib from '@stdlib/stats-base-dists-t-quantile';

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return normalCdfStdlib(x, 0, 1);
}

/** Standard normal quantile Φ⁻¹(p). */
export function normalQuantile(p: number): number {
  return normalQuantileStdlib(p, 0, 1);
}

/** Student-t CDF with `df` degrees of freedom (df may be fractional, as in Welch's test). */
export function tCdf(x: number, df: number): number {
  return tCdfStdlib(x, df);
}

/** Student-t quantile with `df` degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  return tQuantileStdlib(p, df);
}

/** P(B ≤ x) for B ~ Binomial(n, p), by the regularized incomplete beta function. */
export function binomialCdf(x: number, n: number, p: number): number {
  return binomialCdfStdlib(x, n, p);
}

/**
 * Relative slack when a tail probability is compared with α/2: 1 − level rounds (e.g.
 * (1 − 0.9) / 2 = 0.04999…), so a tail exactly at α/2 — 3 vs 3 at 90%, P(U ≤ 0) = 1/20 — would
 * otherwise be refused. 1e-9 is far above rounding (~1e-16) and far below the relative step
 * between neighbouring tail probabilities of U (≥ 49 a side) or B (thousands of values), ≥ 1e-4.
 */
const TAIL_RELATIVE_SLACK = 1e-9;

/** `tail` ≤ `alpha`, up to floating-point rounding of either side. */
export function tailWithin(tail: number, alpha: number): boolean {
  return tail <= alpha * (1 + TAIL_RELATIVE_SLACK);
}
