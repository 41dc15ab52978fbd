/**
 * The distribution functions the statistics core uses, from stdlib (https://stdlib.io),
 * wrapped once so the rest of the code does not depend on how they are imported.
 */
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
