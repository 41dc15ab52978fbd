import { describe, expect, it } from 'vitest';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { createRng } from '../../../src/core/random.ts';
import { meanCi, welchDifference } from '../../../src/core/stats/index.ts';

// R's `sleep` data (Cushny & Peebles 1905), extra hours of sleep for two drugs.
const sleepGroup1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const sleepGroup2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

/** Fraction of `reps` seeded trials for which `trial(rng)` returns true. */
function rate(seed: number, reps: number, trial: (rng: ReturnType<typeof createRng>) => boolean): number {
  const rng = createRng(seed);
  let hits = 0;
  for (let r = 0; r < reps; r++) if (trial(rng)) hits++;
  return hits;
}

function normalSample(rng: ReturnType<typeof createRng>, n: number, mu: number, sigma: number): number[] {
  return Array.from({ length: n }, () => mu + sigma * rng.normal());
}

describe('meanCi (Student-t)', () => {
  it('matches R t.test(1:5): mean 3, 95% CI [1.036757, 4.963243]', () => {
    const { value, ci, method } = meanCi([1, 2, 3, 4, 5]);
    expect(value).toBe(3);
    expect(ci.low).toBeCloseTo(1.036757, 6);
    expect(ci.high).toBeCloseTo(4.963243, 6);
    expect(ci.level).toBe(0.95);
    expect(method).toBe('Student-t');
  });

  it('uses the requested level (90% of 1:5: 3 ± 2.131847·√0.5)', () => {
    const { ci } = meanCi([1, 2, 3, 4, 5], 0.9);
    expect(ci.high - 3).toBeCloseTo(2.131847 * Math.SQRT1_2, 6);
    expect(ci.level).toBe(0.9);
  });

  it('covers the true mean 95 ± 1.5% of the time (4000 normal samples of n = 10)', () => {
    const reps = 4000;
    const hits = rate(101, reps, (rng) => {
      const { ci } = meanCi(normalSample(rng, 10, 50, 7));
      return ci.low <= 50 && 50 <= ci.high;
    });
    expect(Math.abs(hits / reps - 0.95)).toBeLessThanOrEqual(0.015);
  });
});

describe('welchDifference', () => {
  it('matches R t.test(group2, group1) on the sleep data', () => {
    // R: t = 1.8608, df = 17.776, p-value = 0.07939, 95% CI -0.2054832 3.3654832.
    const result = welchDifference(sleepGroup1, sleepGroup2);
    expect(result.absolute.value).toBeCloseTo(1.58, 12);
    expect(result.absolute.ci.low).toBeCloseTo(-0.2054832, 6);
    expect(result.absolute.ci.high).toBeCloseTo(3.3654832, 6);
    expect(result.df).toBeCloseTo(17.776, 3);
    expect(result.pValue).toBeCloseTo(0.07939, 5);
    expect(result.absolute.method).toBe('Welch');
  });

  it('relative interval ends solve Fieller\'s equation (ȳ − ρx̄)² = t²(sb² + ρ²sa²)', () => {
    const a = [100, 102, 98, 101, 99]; // mean 100, variance 2.5
    const b = [110, 113, 108, 111, 109]; // mean 110.2, variance 3.7
    const { relative } = welchDifference(a, b);
    expect(relative.value).toBeCloseTo(0.102, 12);
    expect(relative.method).toBe('Fieller (Welch df)');
    const [x, y, sa2, sb2, rho] = [100, 110.2, 2.5 / 5, 3.7 / 5, 1.102];
    // Plug-in Welch–Satterthwaite df of the contrast b − ρ̂a.
    const df = (sb2 + rho * rho * sa2) ** 2 / (sb2 ** 2 / 4 + (rho * rho * sa2) ** 2 / 4);
    const t = tQuantile(0.975, df);
    for (const end of [relative.ci.low, relative.ci.high]) {
      const r = end + 1;
      expect((y - r * x) ** 2).toBeCloseTo(t * t * (sb2 + r * r * sa2), 9);
    }
    expect(relative.ci.low).toBeLessThan(0.102);
    expect(relative.ci.high).toBeGreaterThan(0.102);
  });

  it('with a constant baseline the Fieller interval is the absolute interval / mean(a)', () => {
    const a = [200, 200, 200, 200];
    const b = [205, 212, 199, 220, 208];
    const { absolute, relative } = welchDifference(a, b);
    expect(relative.ci.low).toBeCloseTo(absolute.ci.low / 200, 12);
    expect(relative.ci.high).toBeCloseTo(absolute.ci.high / 200, 12);
  });

  it('reports an unbounded relative interval when mean(a) is indistinguishable from 0', () => {
    const { relative } = welchDifference([-3, 1, 4, -1], [10, 11, 12]);
    expect(relative.ci.low).toBe(-Infinity);
    expect(relative.ci.high).toBe(Infinity);
    expect(relative.method).toContain('unbounded');
  });

  it('two constant samples: exact difference, p = 0 (different) or 1 (equal)', () => {
    const different = welchDifference([5, 5, 5], [7, 7]);
    expect(different.absolute.ci).toEqual({ low: 2, high: 2, level: 0.95 });
    expect(different.pValue).toBe(0);
    expect(welchDifference([5, 5], [5, 5, 5]).pValue).toBe(1);
  });

  // The smaller sample has the larger variance, where Welch's df (≈ 5 here) matters most:
  // the pooled df (24) would cover only about 90%.
  it('covers mean(b) − mean(a) 95 ± 1.5% with unequal variances and sizes (4000 trials)', () => {
    const reps = 4000;
    const hits = rate(202, reps, (rng) => {
      const a = normalSample(rng, 20, 100, 1);
      const b = normalSample(rng, 6, 104, 8);
      const { ci } = welchDifference(a, b).absolute;
      return ci.low <= 4 && 4 <= ci.high;
    });
    expect(Math.abs(hits / reps - 0.95)).toBeLessThanOrEqual(0.015);
  });

  it('relative (Fieller) interval covers the true ratio − 1 95 ± 1.5% (4000 trials)', () => {
    const reps = 4000;
    const hits = rate(303, reps, (rng) => {
      const a = normalSample(rng, 10, 100, 15);
      const b = normalSample(rng, 15, 120, 30);
      const { ci } = welchDifference(a, b).relative;
      return ci.low <= 0.2 && 0.2 <= ci.high;
    });
    expect(Math.abs(hits / reps - 0.95)).toBeLessThanOrEqual(0.015);
  });
});
