import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.ts';
import { ksCriticalExact, ksTailExact, psiCriticalExact } from '../../../src/core/serving/drift-null.ts';
import { binCounts, ksStatistic, psi, quantileEdges, sortedCopy } from '../../../src/core/serving/drift-stats.ts';

/** Every way to interleave n a's and m b's, each equally likely under the null: P(D ≥ d) by enumeration. */
function ksTailByEnumeration(d: number, n: number, m: number): number {
  let hits = 0;
  let total = 0;
  const walk = (i: number, j: number, max: number): void => {
    const gap = Math.max(max, Math.abs(i / n - j / m));
    if (i === n && j === m) {
      total++;
      if (gap >= d - 1e-12) hits++;
      return;
    }
    if (i < n) walk(i + 1, j, gap);
    if (j < m) walk(i, j + 1, gap);
  };
  walk(0, 0, 0);
  return hits / total;
}

describe('ksTailExact', () => {
  it('matches enumeration of all interleavings', () => {
    for (const [n, m] of [[3, 3], [4, 6], [5, 7]] as const) {
      for (const d of [0.3, 0.5, 0.75, 1]) expect(ksTailExact(d, n, m)).toBeCloseTo(ksTailByEnumeration(d, n, m), 12);
    }
  });

  it('gives a critical D whose measured exceedance rate stays at or below alpha', () => {
    const rng = createRng(11);
    const critical = ksCriticalExact(0.01, 20, 200);
    let hits = 0;
    const trials = 4000;
    for (let t = 0; t < trials; t++) {
      const a = sortedCopy(Array.from({ length: 20 }, () => rng.next()));
      const b = sortedCopy(Array.from({ length: 200 }, () => rng.next()));
      if (ksStatistic(a, b) >= critical) hits++;
    }
    expect(hits / trials).toBeLessThanOrEqual(0.01 + 3 * Math.sqrt(0.01 * 0.99 / trials));
    expect(hits / trials).toBeGreaterThan(0.003);
  });
});

describe('psiCriticalExact', () => {
  it('holds its per-check rate over simulated references and windows (measured at or below alpha, not far below)', () => {
    const rng = createRng(5);
    const n = 40;
    const alpha = 0.001;
    let exceed = 0;
    const references = 50;
    const perReference = 4000;
    let critical = 0;
    for (let r = 0; r < references; r++) {
      const sorted = sortedCopy(Array.from({ length: 1000 }, () => rng.next()));
      const edges = quantileEdges(sorted, 5);
      const expected = binCounts(sorted, edges);
      critical = psiCriticalExact(alpha, expected, n);
      for (let w = 0; w < perReference; w++) {
        if (psi(expected, binCounts(Array.from({ length: n }, () => rng.next()), edges)) > critical) exceed++;
      }
    }
    const trials = references * perReference;
    expect(exceed / trials).toBeLessThanOrEqual(alpha + 3 * Math.sqrt(alpha / trials));
    expect(exceed / trials).toBeGreaterThan(alpha / 4);
    expect(critical).toBeGreaterThan(0);
  });

  it('names a level the window cannot reach', () => {
    expect(() => psiCriticalExact(0, [10, 10], 5)).toThrow(/alpha must be in \(0, 1\)/);
  });
});
