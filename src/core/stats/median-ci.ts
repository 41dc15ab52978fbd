/** Distribution-free confidence interval for a median, from order statistics. */
import { STATS_DEFAULTS } from '../defaults.ts';
import { median } from './describe.ts';
import { binomialCdf, tailWithin } from './distributions.ts';
import type { Estimate } from './types.ts';
import { checkLevel, checkSamples } from './validate.ts';

/**
 * Interval [x(k), x(n + 1 − k)] of the sorted sample for the population median (Conover 1999,
 * "Practical Nonparametric Statistics", §3.2; Hollander, Wolfe & Chicken 2014, §3.6): the number
 * of values below the median is Binomial(n, ½), so the interval covers the median with
 * probability 1 − 2·P(B ≤ k − 1) for continuous data, whatever its distribution. k is the
 * largest rank with that coverage ≥ `level`: exact (conservative) at every n, unlike a bootstrap
 * of the median, which under-covers badly at the 3–10 jobs a comparison has. Throws when n is
 * too small for the level (n < 6 at 95%): see medianCiMinimumN.
 */
export function medianCi(xs: readonly number[], level: number = STATS_DEFAULTS.level): Estimate {
  checkSamples('medianCi', xs, 1);
  checkLevel('medianCi', level);
  const k = medianRank(xs.length, level);
  if (k < 1) {
    throw new Error(`medianCi needs at least ${medianCiMinimumN(level)} samples for ${Number((level * 100).toFixed(4))}% confidence, got ${xs.length}`);
  }
  const sorted = [...xs].sort((a, b) => a - b);
  return { value: median(xs), ci: { low: sorted[k - 1]!, high: sorted[xs.length - k]!, level }, method: 'order statistics (binomial)' };
}

/** The smallest sample size whose median interval reaches `level` (6 at 95%). */
export function medianCiMinimumN(level: number = STATS_DEFAULTS.level): number {
  checkLevel('medianCiMinimumN', level);
  let n = 1;
  while (medianRank(n, level) < 1) n++;
  return n;
}

/** The 1-based rank k of the lower end; 0 when the level is out of reach for n. */
function medianRank(n: number, level: number): number {
  const alphaHalf = (1 - level) / 2;
  // k − 1 is the largest j with P(B ≤ j) ≤ α/2, B ~ Binomial(n, ½).
  let k = 0;
  while (k < Math.floor(n / 2) && tailWithin(binomialCdf(k, n, 0.5), alphaHalf)) k++;
  return k;
}
