import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.ts';
import {
  binCounts, kolmogorovQ, ksCriticalD, ksPValue, ksStatistic, psi, psiCritical, quantileEdges, sortedCopy,
} from '../../../src/core/serving/drift-stats.ts';

const normals = (seed: number, n: number, shift = 0): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.normal() + shift);
};

describe('kolmogorovQ', () => {
  // Reference values: scipy.special.kolmogorov (SciPy 1.17), the same limiting distribution.
  it.each([
    [0.3, 0.9999906941986655], [0.5, 0.9639452436648751], [0.8, 0.5441424115741981], [1.0, 0.26999967167735456],
    [1.17, 0.12939004218561884], [1.19, 0.11774229287977166], [1.5, 0.022217962616525127], [2.0, 0.0006709252557796953],
  ])('Q_KS(%s) = %s on both sides of the series switch', (lambda, expected) => {
    expect(kolmogorovQ(lambda)).toBeCloseTo(expected, 7);
  });
});

describe('ksStatistic', () => {
  it('is the largest gap between the empirical CDFs (scipy ks_2samp: 0.48214…)', () => {
    const a = sortedCopy([0.1, 0.5, 0.9, 1.3, 2.2, 3.1, 0.4, 0.8]);
    const b = sortedCopy([1.0, 1.5, 2.5, 3.5, 0.7, 2.8, 4.0]);
    expect(ksStatistic(a, b)).toBeCloseTo(0.48214285714285715, 12);
  });

  it('treats ties in both samples together', () => {
    expect(ksStatistic([1, 1, 2], [1, 1, 2])).toBe(0);
    expect(ksStatistic([1, 2, 3], [4, 5, 6])).toBe(1);
  });
});

describe('ksPValue', () => {
  it('rejects at about its level when both samples come from one distribution, and detects a 0.5 SD shift', () => {
    const trials = 400;
    let nullRejections = 0;
    let shiftRejections = 0;
    const reference = sortedCopy(normals(1, 2000));
    for (let t = 0; t < trials; t++) {
      const same = sortedCopy(normals(100 + t, 200));
      const shifted = sortedCopy(normals(100 + t, 200, 0.5));
      if (ksPValue(ksStatistic(same, reference), 200, 2000) < 0.05) nullRejections++;
      if (ksPValue(ksStatistic(shifted, reference), 200, 2000) < 0.05) shiftRejections++;
    }
    // The asymptotic test is slightly conservative for samples this size: 1–7% expected.
    expect(nullRejections / trials).toBeGreaterThan(0.01);
    expect(nullRejections / trials).toBeLessThan(0.075);
    expect(shiftRejections / trials).toBeGreaterThan(0.99);
  });

  it('ksCriticalD inverts it', () => {
    const d = ksCriticalD(1e-4, 200, 5000);
    expect(ksPValue(d, 200, 5000)).toBeCloseTo(1e-4, 6);
    expect(ksPValue(d * 0.99, 200, 5000)).toBeGreaterThan(1e-4);
  });
});

describe('psi', () => {
  it('follows Σ (a − e)·ln(a / e) over proportions', () => {
    const expected = [10, 20, 30, 40];
    const actual = [20, 20, 30, 30];
    const byHand = (0.2 - 0.1) * Math.log(0.2 / 0.1) + 0 + 0 + (0.3 - 0.4) * Math.log(0.3 / 0.4);
    expect(psi(expected, actual)).toBeCloseTo(byHand, 12);
    expect(psi(expected, expected)).toBe(0);
  });

  it('stays finite with an empty bin (half-count correction)', () => {
    expect(Number.isFinite(psi([10, 10], [20, 0]))).toBe(true);
  });

  it('exceeds its χ² approximation about alpha of the time with no drift at a moderate alpha', () => {
    const reference = sortedCopy(normals(2, 5000));
    const edges = quantileEdges(reference, 10);
    const expectedCounts = binCounts(reference, edges);
    const critical = psiCritical(0.05, edges.length + 1, 200, 5000);
    let exceed = 0;
    const trials = 400;
    for (let t = 0; t < trials; t++) if (psi(expectedCounts, binCounts(normals(500 + t, 200), edges)) > critical) exceed++;
    expect(exceed / trials).toBeGreaterThan(0.02);
    expect(exceed / trials).toBeLessThan(0.09);
  });

  it('bins by the reference deciles', () => {
    const reference = sortedCopy(Array.from({ length: 1000 }, (_, i) => i));
    const edges = quantileEdges(reference, 10);
    expect(edges).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(binCounts(reference, edges)).toEqual(new Array(10).fill(100));
  });
});
