/**
 * The E-divisive means candidate search: the split of a stretch of a series into a left part and a
 * right part that maximises the energy-distance divergence Q̂ between them.
 *
 * Method: Matteson & James, "A Nonparametric Approach for Multiple Change Point Analysis of
 * Multivariate Data", JASA 2014 (https://doi.org/10.48550/arXiv.1306.4933), with α = 1 (absolute
 * differences), as Apache Otava (ex Hunter, Fleming et al. 2023, https://doi.org/10.1145/3578244.3583719)
 * uses it. For X = x[a, τ) and Y = x[τ, κ), n = |X|, m = |Y|:
 *
 *   Q̂(τ, κ) = mn/(m+n) · ( 2/(mn) ΣΣ|Xᵢ−Yⱼ| − 2/(n(n−1)) Σᵢ<ₖ|Xᵢ−Xₖ| − 2/(m(m−1)) Σⱼ<ₖ|Yⱼ−Yₖ| )
 *
 * maximised over τ and κ (the right part need not reach the end of the stretch). All Q̂(τ, κ) of a
 * stretch of w points take O(w²) time from one table of column prefix sums of the distance matrix.
 */

export interface Candidate {
  /** Index of the first point of the right part (the first point after the shift). */
  index: number;
  /** The maximal divergence Q̂; 0 or less means no split separates the stretch at all. */
  qhat: number;
}

/**
 * The best split of `values[start, end)` with at least `minSegment` (≥ 2) points on each side, or
 * null when the stretch is shorter than 2 · minSegment.
 */
export function bestSplit(values: readonly number[], start: number, end: number, minSegment: number): Candidate | null {
  const width = end - start;
  if (width < 2 * minSegment) return null;
  // prefix[k * width + i] = Σ_{i' ∈ [start, start + i)} |x_i' − x_k| for i ≤ k (row k, both relative to start).
  const prefix = new Float64Array(width * width);
  for (let k = 0; k < width; k++) {
    const xk = values[start + k]!;
    const row = k * width;
    let sum = 0;
    for (let i = 0; i < k; i++) {
      prefix[row + i] = sum;
      sum += Math.abs(values[start + i]! - xk);
    }
    prefix[row + k] = sum;
  }
  let best: Candidate | null = null;
  let withinLeft = 0;
  for (let tau = 1; tau <= width - minSegment; tau++) {
    withinLeft += prefix[(tau - 1) * width + (tau - 1)]!;
    if (tau < minSegment) continue;
    const n = tau;
    let between = 0;
    let withinRight = 0;
    for (let kappa = tau + 1; kappa <= width; kappa++) {
      const row = (kappa - 1) * width;
      const toLeft = prefix[row + tau]!;
      between += toLeft;
      withinRight += prefix[row + kappa - 1]! - toLeft;
      const m = kappa - tau;
      if (m < minSegment) continue;
      const q = (2 * between - (2 * m * withinLeft) / (n - 1) - (2 * n * withinRight) / (m - 1)) / (m + n);
      if (best === null || q > best.qhat) best = { index: start + tau, qhat: q };
    }
  }
  return best;
}
