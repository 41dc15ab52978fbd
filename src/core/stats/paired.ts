/** The paired (blocked) comparison of two samples measured side by side, pair i being (a[i], b[i]). */
import { STATS_DEFAULTS } from '../defaults.ts';
import { sum, variance } from './describe.ts';
import { tCdf, tQuantile } from './distributions.ts';
import type { Difference } from './intervals.ts';
import type { Estimate } from './types.ts';
import { checkLevel, checkSamples } from './validate.ts';

/**
 * Paired t interval and test for mean(b − a) (Student 1908; e.g. NIST/SEMATECH e-Handbook §7.3.1):
 * d̄ ± t(1 − α/2, n − 1) · s_d/√n over the n differences d_i = b_i − a_i. Reproduces R's
 * t.test(b, a, paired = TRUE).
 *
 * Interleaved benchmark rounds are blocks: a and b of one round ran back to back on the same
 * machine state, so slow drift of the machine (load, thermal, other tenants) cancels in d_i.
 * When it does, the paired interval is much narrower than Welch's; when pairs are no more alike
 * than any two runs it is about as wide (it loses only degrees of freedom).
 *
 * The relative difference ρ − 1, ρ = mean(b)/mean(a), gets Fieller's interval for correlated
 * means (Fieller 1954, J. R. Stat. Soc. B 16:175): the set of ρ with
 *   (ȳ − ρx̄)² <= t² (s_bb − 2ρ s_ab + ρ² s_aa) / n,
 * s being the sample (co)variances of the pairs; unbounded when mean(a) is not distinguishable
 * from 0. If every difference is the same the interval collapses to it.
 */
export function pairedDifference(a: readonly number[], b: readonly number[], level?: number): Difference {
  const confidence = level ?? STATS_DEFAULTS.level;
  checkSamples('pairedDifference', a, 2, 'a');
  checkSamples('pairedDifference', b, 2, 'b');
  checkLevel('pairedDifference', confidence);
  if (a.length !== b.length) {
    throw new Error(`pairedDifference needs as many b as a values (pairs), got ${a.length} and ${b.length}`);
  }
  const n = a.length;
  const meanA = sum(a) / n;
  const meanB = sum(b) / n;
  if (meanA === 0) throw new Error('pairedDifference needs a nonzero mean of a (the baseline) for the relative difference');
  const d = b.map((value, i) => value - a[i]!);
  const diff = sum(d) / n;
  const se = Math.sqrt(variance(d) / n);
  const df = n - 1;
  if (se === 0) {
    const exact = { low: diff, high: diff, level: confidence };
    return {
      absolute: { value: diff, ci: exact, method: 'paired t' },
      relative: { value: diff / meanA, ci: { low: diff / meanA, high: diff / meanA, level: confidence }, method: 'Fieller (paired)' },
      pValue: diff === 0 ? 1 : 0,
      df,
    };
  }
  const t = tQuantile(1 - (1 - confidence) / 2, df);
  const halfWidth = t * se;
  return {
    absolute: { value: diff, ci: { low: diff - halfWidth, high: diff + halfWidth, level: confidence }, method: 'paired t' },
    relative: pairedFieller(a, b, meanA, meanB, t, confidence),
    pValue: Math.min(1, 2 * tCdf(-Math.abs(diff / se), df)),
    df,
  };
}

function pairedFieller(a: readonly number[], b: readonly number[], meanA: number, meanB: number, t: number, confidence: number): Estimate {
  const n = a.length;
  let covariance = 0;
  for (let i = 0; i < n; i++) covariance += (a[i]! - meanA) * (b[i]! - meanB);
  // Squared standard errors and covariance of the two means.
  const vaa = variance(a) / n;
  const vbb = variance(b) / n;
  const vab = covariance / (n - 1) / n;
  const t2 = t * t;
  const quadratic = meanA * meanA - t2 * vaa;
  const linear = meanA * meanB - t2 * vab;
  const constant = meanB * meanB - t2 * vbb;
  const ratio = meanB / meanA;
  if (!(quadratic > 0)) {
    return {
      value: ratio - 1,
      ci: { low: -Infinity, high: Infinity, level: confidence },
      method: 'Fieller (paired; unbounded: mean of a not distinguishable from 0)',
    };
  }
  // The set is non-empty (it holds ȳ/x̄), so the discriminant is ≥ 0 up to rounding.
  const root = Math.sqrt(Math.max(0, linear * linear - quadratic * constant));
  return {
    value: ratio - 1,
    ci: { low: (linear - root) / quadratic - 1, high: (linear + root) / quadratic - 1, level: confidence },
    method: 'Fieller (paired)',
  };
}
