/**
 * Exact null distributions of the drift detector's per-variable tests, so a threshold set at a
 * per-check level α fires at most that often with no drift — instead of an asymptotic
 * approximation that is loose far in the tail (PSI's χ² fired 4.8× too often at α = 4.24e-6).
 */
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { ksCriticalD, psiCritical, psiTerm } from './drift-stats.ts';

/** Cells of the PSI grid: the computed PSI is rounded up to a cell, at most bins × cell too high (conservative). */
const PSI_CELLS = 2_000;
/** Per-bin count weights this far below the largest are dropped (they cannot move a 1e-12 tail). */
const NEGLIGIBLE = 1e-30;

/**
 * The smallest PSI t with P(PSI > t) ≤ α for a window of n values against a reference binned
 * at its own quantiles with `referenceCounts` per bin, with no drift. For a continuous variable
 * the true probabilities of bins cut at reference order statistics are sums of uniform
 * spacings, Dirichlet(α₀ = r₀ + 1, αₖ = rₖ) (David & Nagaraja 2003, Order Statistics, §6.4),
 * so the window's counts are Dirichlet-multinomial (Mosimann 1962). Its probability is a
 * product of per-bin factors under Σ cₖ = n, and PSI a sum of per-bin terms, so the exact
 * distribution of PSI is a dynamic programme over bins and counts used, on a grid of PSI
 * values. Ties (discrete variables) make it conservative.
 */
export function psiCriticalExact(alpha: number, referenceCounts: readonly number[], n: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  const bins = referenceCounts.length;
  const m = referenceCounts.reduce((a, b) => a + b, 0);
  if (bins < 2) throw new RangeError('psiCriticalExact needs at least 2 bins');
  let cap = 3 * chisquareQuantile(1 - alpha, bins - 1) * (1 / n + 1 / m);
  for (let attempt = 0; attempt < 6; attempt++, cap *= 2) {
    const tail = psiTail(referenceCounts, m, n, cap / PSI_CELLS);
    // The last cell collects everything at or beyond the cap; the cap must lie beyond the α tail.
    if (tail[PSI_CELLS]! <= alpha / 10) {
      for (let g = 0; g < PSI_CELLS; g++) if (tail[g + 1]! <= alpha) return (g * cap) / PSI_CELLS;
    }
  }
  throw new RangeError(`no PSI threshold at alpha ${alpha}: the window of ${n} cannot reach that level`);
}

/** Largest window the exact PSI null is computed for (its cost grows as bins × n² × cells); beyond, the χ² approximation, which improves with n. */
export const PSI_EXACT_MAX_WINDOW = 500;
/** Largest n·m the exact KS null is computed for; beyond, Stephens' asymptotic form is accurate. */
export const KS_EXACT_MAX_CELLS = 20_000_000;

const cache = new Map<string, number>();
/** psiCriticalExact, remembered: every continuous variable of a run has the same reference counts. */
export function psiCriticalCached(alpha: number, referenceCounts: readonly number[], n: number): number {
  const key = `${alpha}|${n}|${referenceCounts.join(',')}`;
  let value = cache.get(key);
  if (value === undefined) {
    const m = referenceCounts.reduce((a, b) => a + b, 0);
    value = n > PSI_EXACT_MAX_WINDOW ? psiCritical(alpha, referenceCounts.length, n, m) : psiCriticalExact(alpha, referenceCounts, n);
    cache.set(key, value);
  }
  return value;
}

/** tail[g] = P(PSI rounded up to cells of `cell` ≥ g cells), g = 0..PSI_CELLS. */
function psiTail(referenceCounts: readonly number[], m: number, n: number, cell: number): Float64Array {
  const bins = referenceCounts.length;
  const total = m + 1;
  const width = PSI_CELLS + 1;
  // state[s * width + g]: probability mass of s values used so far and g cells of PSI so far.
  let state = new Float64Array((n + 1) * width);
  state[0] = 1;
  for (let k = 0; k < bins; k++) {
    const dirichlet = referenceCounts[k]! + (k === 0 ? 1 : 0);
    const expected = referenceCounts[k]! === 0 ? 0.5 / m : referenceCounts[k]! / m;
    const logWeight = binLogWeights(dirichlet, total, n);
    const cells = Array.from({ length: n + 1 }, (_, c) => Math.min(PSI_CELLS, Math.ceil(psiTerm(expected, c, n) / cell - 1e-9)));
    const next = new Float64Array((n + 1) * width);
    const last = k === bins - 1;
    for (let s = 0; s <= n; s++) {
      const row = state.subarray(s * width, (s + 1) * width);
      if (!row.some((p) => p > 0)) continue;
      for (let c = last ? n - s : 0; c <= n - s; c++) {
        const w = Math.exp(logWeight[c]!);
        if (w < NEGLIGIBLE) continue;
        const target = (s + c) * width;
        const shift = cells[c]!;
        for (let g = 0; g < width; g++) {
          const p = row[g]!;
          if (p === 0) continue;
          next[target + Math.min(PSI_CELLS, g + shift)]! += p * w;
        }
      }
    }
    state = next;
  }
  const final = state.subarray(n * width, (n + 1) * width);
  const mass = final.reduce((a, b) => a + b, 0);
  const tail = new Float64Array(width + 1);
  for (let g = PSI_CELLS; g >= 0; g--) tail[g] = tail[g + 1]! + final[g]! / mass;
  return tail;
}

/**
 * log of bin k's factor of the Dirichlet-multinomial probability for count c, scaled by
 * (n/A)^c so it peaks near c = n·αₖ/A and products stay in range: Γ(c + αₖ)·n^c/(Γ(αₖ)·c!·A^c),
 * by rising factorials. Factors common to every outcome (n!·Γ(A)/Γ(n + A)·(A/n)ⁿ, since
 * Σ cₖ = n, and each bin's peak) are left out: the final distribution is normalised.
 */
function binLogWeights(dirichlet: number, total: number, n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let c = 1; c <= n; c++) out[c] = out[c - 1]! + Math.log(dirichlet + c - 1) - Math.log(c) - Math.log(total) + Math.log(n);
  // Relative to the most likely count, so NEGLIGIBLE is relative too.
  const peak = out.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  return out.map((w) => w - peak);
}

/**
 * P(D ≥ d) of the two-sample Kolmogorov–Smirnov statistic for samples of n and m with no ties,
 * exactly: the fraction of monotone lattice paths from (0, 0) to (n, m) that touch
 * |i/n − j/m| ≥ d (Hodges 1957, Ark. Mat. 3:469; the recursion of Kim & Jennrich 1973),
 * normalised along the way: v(i, j) = (i·v(i−1, j) + j·v(i, j−1)) / (i + j).
 */
export function ksTailExact(d: number, n: number, m: number): number {
  const bound = d * n * m - 1e-7 * Math.max(n, m);
  let row = new Float64Array(m + 1);
  for (let j = 0; j <= m; j++) row[j] = j === 0 || (row[j - 1] === 1 && Math.abs(j * n) < bound) ? 1 : 0;
  for (let i = 1; i <= n; i++) {
    const next = new Float64Array(m + 1);
    next[0] = Math.abs(i * m) < bound ? row[0]! : 0;
    for (let j = 1; j <= m; j++) {
      next[j] = Math.abs(i * m - j * n) < bound ? (i * row[j]! + j * next[j - 1]!) / (i + j) : 0;
    }
    row = next;
  }
  return 1 - row[m]!;
}

/** The smallest D with P(D ≥ D) ≤ α, exactly (lattice D values are multiples of 1/lcm(n, m)); alarm when D reaches it. */
export function ksCriticalExact(alpha: number, n: number, m: number): number {
  let low = 0;
  let high = 1;
  for (let i = 0; i < 40; i++) {
    const middle = (low + high) / 2;
    if (ksTailExact(middle, n, m) > alpha) low = middle;
    else high = middle;
  }
  return high;
}

const ksCache = new Map<string, number>();
/** ksCriticalExact, remembered per (α, n, m). */
export function ksCriticalCached(alpha: number, n: number, m: number): number {
  const key = `${alpha}|${n}|${m}`;
  let value = ksCache.get(key);
  if (value === undefined) {
    value = n * m > KS_EXACT_MAX_CELLS ? ksCriticalD(alpha, n, m) : ksCriticalExact(alpha, n, m);
    ksCache.set(key, value);
  }
  return value;
}
