/** Parametric (Student-t) intervals for a mean and for a difference of means. */
import { STATS_DEFAULTS } from '../defaults.ts';
import { sum, variance } from './describe.ts';
import { tCdf, tQuantile } from './distributions.ts';
import type { Estimate, Interval } from './types.ts';
import { checkLevel, checkSamples } from './validate.ts';

/** Welch's comparison of two independent samples; every difference is b − a. */
export interface Difference {
  /** mean(b) − mean(a), Welch's t interval. */
  absolute: Estimate;
  /** (mean(b) − mean(a)) / mean(a), Fieller interval for the ratio, minus 1. */
  relative: Estimate;
  /** Two-sided p-value of Welch's t-test of equal means. */
  pValue: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
}

/**
 * Student-t confidence interval of the mean: x̄ ± t(1 − α/2, n − 1) · s/√n
 * (Student 1908; e.g. NIST/SEMATECH e-Handbook §7.2.2.1). Needs n >= 2.
 */
export function meanCi(xs: readonly number[], level?: number): Estimate {
  const confidence = level ?? STATS_DEFAULTS.level;
  checkSamples('meanCi', xs, 2);
  checkLevel('meanCi', confidence);
  const n = xs.length;
  const value = sum(xs) / n;
  const halfWidth = tQuantile(1 - (1 - confidence) / 2, n - 1) * Math.sqrt(variance(xs) / n);
  return {
    value,
    ci: { low: value - halfWidth, high: value + halfWidth, level: confidence },
    method: 'Student-t',
  };
}

/**
 * Welch's unequal-variances t interval and test for mean(b) − mean(a) (Welch 1947), with the
 * Welch–Satterthwaite degrees of freedom
 *   df = (sa² + sb²)² / (sa⁴/(na − 1) + sb⁴/(nb − 1)),  sa² = var(a)/na, sb² = var(b)/nb.
 * Reproduces R's t.test(b, a) (var.equal = FALSE).
 *
 * The relative difference ρ − 1, ρ = mean(b)/mean(a), gets a Fieller (1954) interval: the set of
 * ρ with (ȳ − ρx̄)² <= t² (sb² + ρ² sa²), so the uncertainty of the baseline mean is counted
 * (tachometer instead divides the absolute interval by mean(a), which ignores it). Its t uses
 * the Welch–Satterthwaite df of the contrast b − ρ̂a at the point estimate ("plug-in" df, as in
 * R's mratios::ttestratio). When mean(a) is not significantly different from 0 the Fieller set
 * is unbounded; the interval is then (−∞, ∞) and the method label says so.
 *
 * If both samples are constant the difference is known exactly: the interval collapses to it,
 * pValue is 1 when the means are equal and 0 otherwise, and df is na + nb − 2.
 */
export function welchDifference(
  a: readonly number[],
  b: readonly number[],
  level?: number,
): Difference {
  const confidence = level ?? STATS_DEFAULTS.level;
  checkSamples('welchDifference', a, 2, 'a');
  checkSamples('welchDifference', b, 2, 'b');
  checkLevel('welchDifference', confidence);
  const meanA = sum(a) / a.length;
  const meanB = sum(b) / b.length;
  if (meanA === 0) {
    throw new Error(
      'welchDifference needs a nonzero mean of a (the baseline) for the relative difference',
    );
  }
  const seSquaredA = variance(a) / a.length;
  const seSquaredB = variance(b) / b.length;
  const diff = meanB - meanA;
  const seDiff = Math.sqrt(seSquaredA + seSquaredB);
  const alphaHalf = (1 - confidence) / 2;

  if (seDiff === 0) {
    const exact: Interval = { low: diff, high: diff, level: confidence };
    const ratioExact: Interval = { low: diff / meanA, high: diff / meanA, level: confidence };
    return {
      absolute: { value: diff, ci: exact, method: 'Welch' },
      relative: { value: diff / meanA, ci: ratioExact, method: 'Fieller (Welch df)' },
      pValue: diff === 0 ? 1 : 0,
      df: a.length + b.length - 2,
    };
  }

  const df = satterthwaite(seSquaredA, a.length, seSquaredB, b.length);
  const halfWidth = tQuantile(1 - alphaHalf, df) * seDiff;
  const t = diff / seDiff;
  const pValue = Math.min(1, 2 * tCdf(-Math.abs(t), df));
  return {
    absolute: {
      value: diff,
      ci: { low: diff - halfWidth, high: diff + halfWidth, level: confidence },
      method: 'Welch',
    },
    relative: fiellerRelative(meanA, seSquaredA, a.length, meanB, seSquaredB, b.length, confidence),
    pValue,
    df,
  };
}

/** Welch–Satterthwaite df of u·A + v·B given squared standard errors (Satterthwaite 1946). */
function satterthwaite(seSquaredA: number, nA: number, seSquaredB: number, nB: number): number {
  const total = seSquaredA + seSquaredB;
  return (total * total) / ((seSquaredA * seSquaredA) / (nA - 1) + (seSquaredB * seSquaredB) / (nB - 1));
}

/**
 * Fieller's interval for ρ = μb/μa from independent means, reported as ρ − 1. Solves
 * ρ²(x̄² − t²sa²) − 2ρx̄ȳ + (ȳ² − t²sb²) <= 0 (Fieller 1954, J. R. Stat. Soc. B 16:175).
 */
function fiellerRelative(
  meanA: number,
  seSquaredA: number,
  nA: number,
  meanB: number,
  seSquaredB: number,
  nB: number,
  confidence: number,
): Estimate {
  const ratio = meanB / meanA;
  const df = satterthwaite(ratio * ratio * seSquaredA, nA, seSquaredB, nB);
  const t = tQuantile(1 - (1 - confidence) / 2, df);
  const t2 = t * t;
  const quadratic = meanA * meanA - t2 * seSquaredA;
  if (!(quadratic > 0)) {
    return {
      value: ratio - 1,
      ci: { low: -Infinity, high: Infinity, level: confidence },
      method: 'Fieller (Welch df; unbounded: mean of a not distinguishable from 0)',
    };
  }
  // Discriminant / t² = sb²·(x̄² − t²sa²) + sa²·ȳ², non-negative whenever quadratic > 0.
  const root = Math.abs(t) * Math.sqrt(seSquaredB * quadratic + seSquaredA * meanB * meanB);
  const low = (meanA * meanB - root) / quadratic;
  const high = (meanA * meanB + root) / quadratic;
  return {
    value: ratio - 1,
    ci: { low: low - 1, high: high - 1, level: confidence },
    method: 'Fieller (Welch df)',
  };
}
