import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.ts';
import { mannWhitney } from '../../../src/core/stats/index.ts';
import { mannWhitneyCdf } from '../../../src/core/stats/mann-whitney-distribution.ts';

// Hollander & Wolfe (1973) p. 69, the example in R's ?wilcox.test (paired data used unpaired here).
const hwX = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
const hwY = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
// R's ?wilcox.test two-sample example (Hollander & Wolfe p. 110): permeability constants.
const hwPermeabilityX = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const hwPermeabilityY = [1.15, 0.88, 0.9, 0.74, 1.21];

/** U (b > a, ties ½) of every split of the pooled values into sizes m and n: the permutation oracle. */
function permutationUs(pooled: readonly number[], m: number): number[] {
  const us: number[] = [];
  const choose = (start: number, picked: number[]): void => {
    if (picked.length === m) {
      const a = picked.map((i) => pooled[i]!);
      const b = pooled.filter((_, i) => !picked.includes(i));
      let u = 0;
      for (const y of b) for (const x of a) u += y > x ? 1 : y === x ? 0.5 : 0;
      us.push(u);
      return;
    }
    for (let i = start; i < pooled.length; i++) choose(i + 1, [...picked, i]);
  };
  choose(0, []);
  return us;
}

describe('mannWhitney', () => {
  it('normal approximation with ties reproduces R: W = 58, p = 0.1329', () => {
    // R: wilcox.test(hwX, hwY, exact = FALSE, correct = TRUE) gives W = 58, p-value = 0.1329.
    // Our u counts pairs with b > a, so R's W (x > y) is u of mannWhitney(hwY, hwX).
    const flipped = mannWhitney(hwY, hwX);
    expect(flipped.u).toBe(58);
    expect(flipped.method).toBe('normal'); // 1.06 and 1.29 are tied
    expect(flipped.pValue).toBeCloseTo(0.13292, 5); // scipy.stats.mannwhitneyu: 0.13291945818531892
    expect(flipped.z).toBeGreaterThan(0);

    const asGiven = mannWhitney(hwX, hwY);
    expect(asGiven.u).toBe(81 - 58);
    expect(asGiven.pValue).toBeCloseTo(flipped.pValue, 14);
    expect(asGiven.z).toBeCloseTo(-flipped.z, 14);
  });

  it.each([
    // R: wilcox.test(x, y, alternative = "greater") gives W = 35, p-value = 0.1272; two-sided doubles it.
    { label: 'R ?wilcox.test permeability', a: hwPermeabilityY, b: hwPermeabilityX, u: 35, p: 0.2544122544122544 },
    // Complete separation of 3 and 3: P(U = 9) = 1/C(6,3) = 1/20, two-sided 0.1.
    { label: 'complete separation 3 vs 3', a: [1, 2, 3], b: [4, 5, 6], u: 9, p: 0.1 },
    { label: 'complete separation, reversed', a: [4, 5, 6], b: [1, 2, 3], u: 0, p: 0.1 },
    // Interleaved 2 vs 2: U = 2 = m·n/2, the centre, so p = 1.
    { label: 'centre of the distribution', a: [1, 4], b: [2, 3], u: 2, p: 1 },
  ])('exact p-value: $label', ({ a, b, u, p }) => {
    const result = mannWhitney(a, b);
    expect(result.method).toBe('exact');
    expect(result.u).toBe(u);
    expect(result.pValue).toBeCloseTo(p, 12);
  });

  it('exact p-values equal the full permutation distribution (seeded random data)', () => {
    const rng = createRng(404);
    for (const [m, n] of [[4, 6], [7, 3], [5, 5], [1, 8]] as const) {
      const a = Array.from({ length: m }, () => rng.next());
      const b = Array.from({ length: n }, () => rng.next() + 0.3);
      const result = mannWhitney(a, b);
      const us = permutationUs([...a, ...b], m);
      const lower = us.filter((v) => v <= result.u).length / us.length;
      const upper = us.filter((v) => v >= result.u).length / us.length;
      expect(result.pValue, `m=${m} n=${n}`).toBeCloseTo(Math.min(1, 2 * Math.min(lower, upper)), 12);
    }
  });

  it.each([
    { m: 1, n: 1 }, { m: 2, n: 5 }, { m: 6, n: 4 }, { m: 5, n: 7 },
  ])('exact null CDF for m=$m, n=$n equals enumeration', ({ m, n }) => {
    const us = permutationUs(Array.from({ length: m + n }, (_, i) => i), m);
    const cdf = mannWhitneyCdf(m, n);
    expect(cdf.length).toBe(m * n + 1);
    for (let u = 0; u <= m * n; u++) {
      expect(cdf[u]).toBeCloseTo(us.filter((v) => v <= u).length / us.length, 13);
    }
  });

  it('exact distribution stays accurate at the largest exact size (49 vs 49)', () => {
    const cdf = mannWhitneyCdf(49, 49);
    expect(cdf[49 * 49]).toBe(1);
    // P(U = 0) = 1 / C(98, 49) = 1 / 25477612258980856902730428600.
    expect(cdf[0]! * 2.5477612258980857e28).toBeCloseTo(1, 12);
    // Symmetry about m·n/2: P(U <= u) = P(U >= m·n − u).
    expect(cdf[1000]!).toBeCloseTo(1 - cdf[49 * 49 - 1000 - 1]!, 12);
  });

  it('switches to the normal approximation above 49 values per side', () => {
    const rng = createRng(505);
    const a = Array.from({ length: 50 }, () => rng.next());
    const b = Array.from({ length: 20 }, () => rng.next());
    expect(mannWhitney(a, b).method).toBe('normal');
    expect(mannWhitney(a.slice(0, 49), b).method).toBe('exact');
  });

  it('all values tied: no evidence of a difference (z = 0, p = 1)', () => {
    expect(mannWhitney([3, 3, 3], [3, 3])).toEqual({ u: 3, z: 0, pValue: 1, method: 'normal' });
  });

  it('does not mutate its inputs', () => {
    const a = Object.freeze([3, 1, 2]);
    const b = Object.freeze([6, 4, 5]);
    mannWhitney(a, b);
    expect([a, b]).toEqual([[3, 1, 2], [6, 4, 5]]);
  });
});
