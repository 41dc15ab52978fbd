/** Rank-based (distribution-free) test for two independent samples. */
import { STATS_DEFAULTS } from '../defaults.ts';
import { normalCdf } from './distributions.ts';
import { mannWhitneyCdf } from './mann-whitney-distribution.ts';
import { checkSamples } from './validate.ts';

export interface MannWhitney {
  /** Pairs (a_i, b_j) with b_j > a_i, ties counted ½. Equals W of R's wilcox.test(b, a). */
  u: number;
  /** Normal score with tie and continuity correction; > 0 when b tends to be larger. */
  z: number;
  /** Two-sided p-value. */
  pValue: number;
  method: 'exact' | 'normal';
}

/**
 * Two-sided Mann–Whitney U test (Mann & Whitney 1947; Wilcoxon rank-sum).
 *
 * Orientation: u counts the pairs where b is larger (b_j > a_i, ties ½), so u > m·n/2 means b
 * tends to be larger, matching the b − a sign of the other estimators. R's wilcox.test(b, a)
 * reports the same number as W; wilcox.test(a, b) reports m·n − u.
 *
 * p-value: exact (the null distribution of U, see mann-whitney-distribution.ts) when there are
 * no ties and both samples have at most 49 values, like R; otherwise the normal approximation
 * with tie-corrected variance
 *   σ² = m·n/12 · ((N + 1) − Σ(t³ − t) / (N(N − 1)))
 * and continuity correction z = (u − m·n/2 − ½·sign(u − m·n/2)) / σ, as in R's
 * wilcox.test(exact = FALSE, correct = TRUE). z is reported with that formula in both cases.
 * If every value is tied, σ = 0: z is 0 and pValue is 1 (no evidence of a difference).
 */
export function mannWhitney(a: readonly number[], b: readonly number[]): MannWhitney {
  checkSamples('mannWhitney', a, 1, 'a');
  checkSamples('mannWhitney', b, 1, 'b');
  const m = a.length;
  const n = b.length;
  const { rankSumB, tieTerm } = rankSumOfSecond(a, b);
  const u = rankSumB - (n * (n + 1)) / 2;
  const centre = (m * n) / 2;
  const total = m + n;
  const sigma = Math.sqrt(((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1))));
  const offset = u - centre;
  const z = sigma === 0 ? 0 : (offset - 0.5 * Math.sign(offset)) / sigma;

  const exact = tieTerm === 0 && m <= STATS_DEFAULTS.exactMaxSampleCount &&
    n <= STATS_DEFAULTS.exactMaxSampleCount;
  if (exact) {
    const cdf = mannWhitneyCdf(m, n);
    const lower = cdf[u]!;
    const upper = u === 0 ? 1 : 1 - cdf[u - 1]!;
    return { u, z, pValue: Math.min(1, 2 * Math.min(lower, upper)), method: 'exact' };
  }
  const pValue = sigma === 0 ? 1 : Math.min(1, 2 * normalCdf(-Math.abs(z)));
  return { u, z, pValue, method: 'normal' };
}

/** Mid-ranks of the pooled sample; returns the rank sum of b and Σ(t³ − t) over tie groups. */
function rankSumOfSecond(
  a: readonly number[],
  b: readonly number[],
): { rankSumB: number; tieTerm: number } {
  const pooled = [...a.map((value) => ({ value, fromB: false })), ...b.map((value) => ({ value, fromB: true }))];
  pooled.sort((x, y) => x.value - y.value);
  let rankSumB = 0;
  let tieTerm = 0;
  for (let start = 0; start < pooled.length; ) {
    let end = start + 1;
    while (end < pooled.length && pooled[end]!.value === pooled[start]!.value) end++;
    const tieCount = end - start;
    const midRank = (start + 1 + end) / 2; // ranks start+1 … end, 1-based
    for (let k = start; k < end; k++) if (pooled[k]!.fromB) rankSumB += midRank;
    tieTerm += tieCount * tieCount * tieCount - tieCount;
    start = end;
  }
  return { rankSumB, tieTerm };
}
