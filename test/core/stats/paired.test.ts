import { describe, expect, it } from 'vitest';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { createRng } from '../../../src/core/random.ts';
import { pairedDifference, welchDifference } from '../../../src/core/stats/index.ts';

// R's `sleep` data (Cushny & Peebles 1905): the same ten patients under two drugs, so paired.
const sleepGroup1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const sleepGroup2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

/** n rounds of a machine that drifts (round effect sd `drift`) with per-job noise `noise`; b costs `ratio` × a. */
function rounds(rng: ReturnType<typeof createRng>, n: number, ratio: number, drift: number, noise: number) {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    const machine = 100 * (1 + drift * rng.normal());
    a.push(machine * (1 + noise * rng.normal()));
    b.push(ratio * machine * (1 + noise * rng.normal()));
  }
  return { a, b };
}

describe('pairedDifference (paired t, Fieller for correlated means)', () => {
  it('matches R t.test(group2, group1, paired = TRUE) on the sleep data', () => {
    // R: t = 4.0621, df = 9, p-value = 0.002833, 95% CI 0.7001142 2.4598858, mean difference 1.58.
    const result = pairedDifference(sleepGroup1, sleepGroup2);
    expect(result.absolute.value).toBeCloseTo(1.58, 12);
    expect(result.absolute.ci.low).toBeCloseTo(0.7001142, 6);
    expect(result.absolute.ci.high).toBeCloseTo(2.4598858, 6);
    expect(result.df).toBe(9);
    expect(result.pValue).toBeCloseTo(0.002833, 6);
    expect(result.absolute.method).toBe('paired t');
  });

  it("relative interval ends solve Fieller's equation (ȳ − ρx̄)² = t²(s_bb − 2ρ s_ab + ρ² s_aa)/n", () => {
    const a = [100, 104, 97, 101, 99];
    const b = [111, 114, 106, 112, 109];
    const { relative } = pairedDifference(a, b);
    const n = 5;
    const x = a.reduce((s, v) => s + v, 0) / n;
    const y = b.reduce((s, v) => s + v, 0) / n;
    const cov = (u: number[], v: number[], mu: number, mv: number) => u.reduce((s, ui, i) => s + (ui - mu) * (v[i]! - mv), 0) / (n - 1);
    const [saa, sbb, sab] = [cov(a, a, x, x), cov(b, b, y, y), cov(a, b, x, y)];
    const t = tQuantile(0.975, n - 1);
    expect(relative.value).toBeCloseTo(y / x - 1, 12);
    for (const end of [relative.ci.low, relative.ci.high]) {
      const r = end + 1;
      expect((y - r * x) ** 2).toBeCloseTo((t * t * (sbb - 2 * r * sab + r * r * saa)) / n, 9);
    }
    expect(relative.ci.low).toBeLessThan(relative.value);
    expect(relative.ci.high).toBeGreaterThan(relative.value);
  });

  it('covers the true difference and ratio 95 ± 1.5% of the time on a drifting machine (4000 trials of 6 rounds)', () => {
    const rng = createRng(20261125);
    let absolute = 0;
    let relative = 0;
    const trials = 4000;
    for (let i = 0; i < trials; i++) {
      const { a, b } = rounds(rng, 6, 1.1, 0.05, 0.02);
      const d = pairedDifference(a, b);
      if (d.absolute.ci.low <= 10 && 10 <= d.absolute.ci.high) absolute++;
      if (d.relative.ci.low <= 0.1 && 0.1 <= d.relative.ci.high) relative++;
    }
    expect(absolute / trials).toBeGreaterThan(0.935);
    expect(absolute / trials).toBeLessThan(0.965);
    expect(relative / trials).toBeGreaterThan(0.935);
    expect(relative / trials).toBeLessThan(0.965);
  });

  it('is much narrower than Welch when rounds drift, and about as wide when they do not', () => {
    const rng = createRng(7);
    const width = (d: { relative: { ci: { low: number; high: number } } }) => d.relative.ci.high - d.relative.ci.low;
    let ratioDrifting = 0;
    let ratioSteady = 0;
    for (let i = 0; i < 200; i++) {
      const drifting = rounds(rng, 8, 1, 0.05, 0.01);
      ratioDrifting += width(pairedDifference(drifting.a, drifting.b)) / width(welchDifference(drifting.a, drifting.b)) / 200;
      const steady = rounds(rng, 8, 1, 0, 0.03);
      ratioSteady += width(pairedDifference(steady.a, steady.b)) / width(welchDifference(steady.a, steady.b)) / 200;
    }
    expect(ratioDrifting).toBeLessThan(0.4);
    expect(ratioSteady).toBeGreaterThan(0.85);
    expect(ratioSteady).toBeLessThan(1.25);
  });

  it('collapses to the exact difference when every pair differs alike, and rejects unpaired input', () => {
    const d = pairedDifference([10, 20, 30], [12, 22, 32]);
    expect(d.absolute.ci).toMatchObject({ low: 2, high: 2 });
    expect(d.pValue).toBe(0);
    expect(() => pairedDifference([1, 2, 3], [1, 2])).toThrow(/as many b as a values \(pairs\), got 3 and 2/);
  });
});
