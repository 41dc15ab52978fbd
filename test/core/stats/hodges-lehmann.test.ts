import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.ts';
import { hodgesLehmann, hodgesLehmannMinimumN, medianCi, medianCiMinimumN } from '../../../src/core/stats/index.ts';
import { mannWhitneyCdf } from '../../../src/core/stats/mann-whitney-distribution.ts';

const permeabilityX = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const permeabilityY = [1.15, 0.88, 0.9, 0.74, 1.21];

/** Exponential(1) deviate: skewed, like latencies. */
function exponential(rng: ReturnType<typeof createRng>): number {
  return -Math.log(1 - rng.next());
}

describe('hodgesLehmann', () => {
  it('R ?wilcox.test permeability data: shift 0.305, 95% CI [-0.15, 0.76]', () => {
    // Median of the 50 differences x − y is 0.305 (R: "difference in location 0.305").
    // k = 9: P(U <= 8) = 0.01998 <= 0.025 < P(U <= 9) for m = 5, n = 10, so the interval is
    // [D(9), D(42)] of the sorted differences (checked by enumerating all C(15, 5) splits).
    const { absolute, relative } = hodgesLehmann(permeabilityY, permeabilityX);
    expect(absolute.value).toBeCloseTo(0.305, 12);
    expect(absolute.ci.low).toBeCloseTo(-0.15, 12);
    expect(absolute.ci.high).toBeCloseTo(0.76, 12);
    expect(absolute.method).toBe('Hodges–Lehmann');
    // Relative: the same order statistics (k = 9 and 42) of the 50 log ratios, back on the ratio scale.
    const logs = permeabilityX.flatMap((x) => permeabilityY.map((y) => Math.log(x / y))).sort((p, q) => p - q);
    expect(relative.method).toBe('Hodges–Lehmann ratio (log scale)');
    expect(relative.value).toBeCloseTo(Math.exp((logs[24]! + logs[25]!) / 2) - 1, 12);
    expect(relative.ci.low).toBeCloseTo(Math.exp(logs[8]!) - 1, 12);
    expect(relative.ci.high).toBeCloseTo(Math.exp(logs[41]!) - 1, 12);
  });

  it('keeps a relative interval of positive latencies above −100% (the shift over the baseline median did not)', () => {
    // Serving p50 of webgpu (~25 ms) against wasm (~0.07 ms): 5 jobs a side, as a CI gate runs them.
    const webgpu = [25.1, 22.4, 28.7, 24.0, 26.3];
    const wasm = [0.073, 0.068, 0.081, 0.07, 0.075];
    const { absolute, relative } = hodgesLehmann(webgpu, wasm);
    expect(absolute.ci.low / 25.1, 'the old relative low end').toBeLessThan(-1);
    expect(relative.ci.low).toBeGreaterThan(-1);
    expect(relative.ci.high).toBeLessThan(0);
    expect(relative.value).toBeCloseTo(0.0726 / 25.1 - 1, 2);
  });

  it('covers a true ratio at its level (scale model, seeded simulation)', () => {
    const rng = createRng(7);
    const trials = 1000;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const a = Array.from({ length: 5 }, () => 10 * exponential(rng) + 1e-9);
      const b = Array.from({ length: 5 }, () => 1.2 * (10 * exponential(rng) + 1e-9));
      const { relative } = hodgesLehmann(a, b);
      if (relative.ci.low <= 0.2 && 0.2 <= relative.ci.high) covered++;
    }
    // Exact (conservative) at 5 a side: 1 − 2·P(U ≤ 2) = 96.8%; ±1.7% is 3 standard errors of 1000 trials.
    expect(covered / trials).toBeGreaterThan(0.95);
  });

  it('3 vs 3 at 90%: the widest interval [D(1), D(9)] exists (its coverage is exactly 1 − 2/20 = 90%)', () => {
    // P(U <= 0) = 1/C(6, 3) = 0.05 = α/2, but (1 − 0.9) / 2 is 0.04999… in floating point.
    const { absolute } = hodgesLehmann([1, 2, 3], [4, 5, 7], 0.9);
    expect(absolute.ci.low).toBe(1);
    expect(absolute.ci.high).toBe(6);
    expect(absolute.ci.level).toBe(0.9);
    expect(hodgesLehmannMinimumN(0.9)).toBe(3);
    expect(() => hodgesLehmann([1, 2, 3], [4, 5, 7], 0.95), 'still out of reach at 95%').toThrow(/cannot reach 95%/);
  });

  it('4 vs 4, complete separation: the widest interval, [D(1), D(16)]', () => {
    // P(U <= 0) = 1/70 <= 0.025 < P(U <= 1) = 2/70, so k = 1.
    const { absolute } = hodgesLehmann([1, 2, 3, 4], [5, 6, 7, 8]);
    expect(absolute.value).toBe(4);
    expect(absolute.ci).toEqual({ low: 1, high: 7, level: 0.95 });
  });

  it('is invariant to the order of the inputs and does not mutate them', () => {
    const a = Object.freeze([5, 1, 4, 2, 3]);
    const b = Object.freeze([9, 7, 8, 6, 10]);
    const first = hodgesLehmann(a, b);
    const second = hodgesLehmann([...a].reverse(), [...b].sort());
    expect(second).toEqual(first);
    expect([a, b]).toEqual([[5, 1, 4, 2, 3], [9, 7, 8, 6, 10]]);
  });

  // The interval [D(k), D(mn+1−k)] covers the true shift with probability exactly
  // 1 − 2·P(U <= k − 1) for continuous data (Lehmann 1975 §2.6). With k chosen exactly that is
  // >= 95%: at 6 vs 6, k = 6 and the achieved level is 1 − 2·19/924 = 95.89%. We assert the
  // observed rate is within 3 standard errors (±0.94%) of that, which also implies >= 93.5%.
  // Small samples make the steps between order statistics large: using k ± 1 gives 93.5% or
  // 97.4%, both outside the band, so the test catches an off-by-one.
  it('covers a known shift at its achieved level, 6 vs 6 exponential data (4000 trials)', () => {
    const m = 6;
    const cdf = mannWhitneyCdf(m, m);
    let k = 0;
    while (cdf[k]! <= 0.025) k++;
    const achieved = 1 - 2 * cdf[k - 1]!;
    expect(k).toBe(6);
    expect(achieved).toBeCloseTo(1 - (2 * 19) / 924, 12);

    const rng = createRng(606);
    const reps = 4000;
    let hits = 0;
    for (let r = 0; r < reps; r++) {
      const a = Array.from({ length: m }, () => 50 + 10 * exponential(rng));
      const b = Array.from({ length: m }, () => 53 + 10 * exponential(rng));
      const { ci } = hodgesLehmann(a, b).absolute;
      if (ci.low <= 3 && 3 <= ci.high) hits++;
    }
    const coverage = hits / reps;
    const standardError = Math.sqrt((achieved * (1 - achieved)) / reps);
    expect(Math.abs(coverage - achieved)).toBeLessThanOrEqual(3 * standardError);
    expect(coverage).toBeGreaterThanOrEqual(0.935);
  });

  // Normal-approximation branch (> 49 per side): k rounds down, so the level is >= 95% up to the
  // approximation; assert >= 93.5% (95% minus 3 standard errors at 1000 trials, rounded).
  it('covers a known shift >= 93.5% with 60 vs 60 samples (normal-approximation branch, 1000 trials)', () => {
    const rng = createRng(707);
    const reps = 1000;
    let hits = 0;
    for (let r = 0; r < reps; r++) {
      const a = Array.from({ length: 60 }, () => 50 + 10 * exponential(rng));
      const b = Array.from({ length: 60 }, () => 55 + 10 * exponential(rng));
      const { ci } = hodgesLehmann(a, b).absolute;
      if (ci.low <= 5 && 5 <= ci.high) hits++;
    }
    expect(hits / reps).toBeGreaterThanOrEqual(0.935);
    expect(hits / reps).toBeLessThanOrEqual(0.975);
  });

  it('handles 2000 vs 2000 samples (4 million differences) in well under a few seconds', () => {
    const rng = createRng(808);
    const a = Array.from({ length: 2000 }, () => 100 + rng.normal());
    const b = Array.from({ length: 2000 }, () => 101 + rng.normal());
    const { absolute } = hodgesLehmann(a, b);
    expect(absolute.value).toBeGreaterThan(0.9);
    expect(absolute.value).toBeLessThan(1.1);
    expect(absolute.ci.low).toBeLessThan(absolute.value);
    expect(absolute.ci.high).toBeGreaterThan(absolute.value);
  });
});

describe('medianCi', () => {
  it('n = 5 at 93.75%: the widest interval [x(1), x(5)], whose coverage 1 − 2/32 equals the level exactly', () => {
    // (1 − 0.9375) / 2 = 0.03125 = P(B <= 0) for B ~ Binomial(5, ½): the edge is reachable.
    const { ci } = medianCi([5, 1, 4, 2, 3], 0.9375);
    expect([ci.low, ci.high]).toEqual([1, 5]);
    expect(medianCiMinimumN(0.9375)).toBe(5);
    expect(medianCiMinimumN(0.95)).toBe(6);
  });

  it('n = 10 at 95%: [x(2), x(9)] (P(B <= 1) = 11/1024 <= 0.025 < P(B <= 2) = 56/1024)', () => {
    const { ci } = medianCi([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect([ci.low, ci.high]).toEqual([2, 9]);
  });
});
