/**
 * Two-sample distribution tests for drift detection: Kolmogorov–Smirnov and the Population
 * Stability Index, each with a calibrated threshold so a sliding-window detector can control
 * its false-alarm rate.
 */
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';

/** Sorted copy (ascending), for a reference sample that is compared many times. */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * Two-sample Kolmogorov–Smirnov statistic D = sup_x |F_a(x) − F_b(x)| of the two empirical
 * CDFs (Smirnov 1939), by merging the sorted samples; ties advance both sides together.
 */
export function ksStatistic(sortedA: ArrayLike<number>, sortedB: ArrayLike<number>): number {
  const n = sortedA.length;
  const m = sortedB.length;
  if (n === 0 || m === 0) throw new RangeError('ksStatistic needs two non-empty samples');
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const x = Math.min(sortedA[i]!, sortedB[j]!);
    while (i < n && sortedA[i]! <= x) i++;
    while (j < m && sortedB[j]! <= x) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  return d;
}

/**
 * Kolmogorov's limiting distribution, Q_KS(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}
 * (Kolmogorov 1933), the probability that √n·D exceeds λ. For λ < 1.18 the equivalent form
 * 1 − (√(2π)/λ) Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)} converges faster (Numerical Recipes, 3rd ed.,
 * §6.14.12, class KSdist).
 */
export function kolmogorovQ(lambda: number): number {
  if (lambda <= 0) return 1;
  if (lambda < 1.18) {
    const y = Math.exp(-(Math.PI * Math.PI) / (8 * lambda * lambda));
    const p = (Math.sqrt(2 * Math.PI) / lambda) * (y + y ** 9 + y ** 25 + y ** 49);
    return clamp01(1 - p);
  }
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-17) break;
  }
  return clamp01(2 * sum);
}

/**
 * Two-sided p-value of the two-sample KS test by the asymptotic Kolmogorov distribution with
 * Stephens' small-sample correction: p = Q_KS((√nₑ + 0.12 + 0.11/√nₑ)·D), nₑ = n·m/(n + m)
 * (Stephens 1970, JRSS B 32:115; Numerical Recipes, 3rd ed., §14.3.3, kstwo).
 */
export function ksPValue(d: number, n: number, m: number): number {
  const effective = Math.sqrt((n * m) / (n + m));
  return kolmogorovQ((effective + 0.12 + 0.11 / effective) * d);
}

/**
 * The smallest D that the KS test calls significant at `alpha` for samples of n and m:
 * inverts ksPValue by bisection (Q_KS is decreasing in λ).
 */
export function ksCriticalD(alpha: number, n: number, m: number): number {
  let low = 0;
  let high = 1;
  for (let i = 0; i < 60; i++) {
    const middle = (low + high) / 2;
    if (ksPValue(middle, n, m) > alpha) low = middle;
    else high = middle;
  }
  return high;
}

/** Bin edges at the reference's quantiles, so each bin holds ~1/bins of the reference. */
export function quantileEdges(sortedReference: ArrayLike<number>, bins: number): number[] {
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const edge = sortedReference[Math.floor((b * sortedReference.length) / bins)]!;
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return edges;
}

/** Counts per bin: bin k holds values in [edges[k−1], edges[k]). */
export function binCounts(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    let low = 0;
    let high = edges.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (value < edges[middle]!) high = middle;
      else low = middle + 1;
    }
    counts[low]! += 1;
  }
  return counts;
}

/**
 * Population Stability Index PSI = Σ_k (a_k − e_k)·ln(a_k / e_k) over bins, a = actual
 * (window) and e = expected (reference) proportions (Siddiqi 2006, Credit Risk Scorecards,
 * ch. 8; Yurdakul & Naranjo 2020, J. Risk Model Validation 14(4)). An empty bin counts as half
 * a value (the Jeffreys/Haldane ½ correction) so the logarithm stays finite; the proportions
 * are not renormalised after it, so the index stays a sum of per-bin terms (each ≥ 0) and its
 * null distribution can be computed exactly (drift-null.ts).
 */
export function psi(expectedCounts: readonly number[], actualCounts: readonly number[]): number {
  if (expectedCounts.length !== actualCounts.length) throw new RangeError('psi needs the same bins on both sides');
  const m = expectedCounts.reduce((a, b) => a + b, 0);
  const n = actualCounts.reduce((a, b) => a + b, 0);
  let sum = 0;
  for (let k = 0; k < expectedCounts.length; k++) {
    sum += psiTerm(expectedCounts[k] === 0 ? 0.5 / m : expectedCounts[k]! / m, actualCounts[k]!, n);
  }
  return sum;
}

/** One bin's PSI term for an expected proportion and a window count of `count` out of n. */
export function psiTerm(expected: number, count: number, n: number): number {
  const actual = (count === 0 ? 0.5 : count) / n;
  return (actual - expected) * Math.log(actual / expected);
}

/**
 * The χ² approximation of PSI's null, for comparison with the exact one (psiCriticalExact):
 * with no drift, PSI / (1/n + 1/m) is approximately χ² with bins − 1 degrees of freedom
 * (Yurdakul & Naranjo 2020, Theorem 1). Loose far in the tail: at α = 4.24e-6 it fired 4.8× too often.
 */
export function psiCritical(alpha: number, bins: number, n: number, m: number): number {
  return chisquareQuantile(1 - alpha, bins - 1) * (1 / n + 1 / m);
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
