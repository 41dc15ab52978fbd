import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.ts';
import { mean, median, minMax, quantile, stdev } from '../../../src/core/stats/index.ts';

// Expected values: numpy.quantile(xs, q) (default method 'linear' = Hyndman & Fan type 7, the
// same as R's quantile(type = 7)), and hand arithmetic.
describe('quantile (Hyndman & Fan type 7)', () => {
  it.each([
    { label: 'numpy [1,2,3,4] q=0.9', xs: [1, 2, 3, 4], q: 0.9, expected: 3.7 },
    { label: 'numpy [1,2,3,4] q=0.25', xs: [1, 2, 3, 4], q: 0.25, expected: 1.75 },
    { label: 'numpy [1,2,3,4] q=0.5', xs: [1, 2, 3, 4], q: 0.5, expected: 2.5 },
    { label: 'q=0 is the minimum', xs: [7, -2, 5], q: 0, expected: -2 },
    { label: 'q=1 is the maximum', xs: [7, -2, 5], q: 1, expected: 7 },
    { label: 'unsorted input', xs: [10, 1, 7, 3, 5], q: 0.3, expected: 3.4 },
    { label: 'numpy [15,20,35,40,50] q=0.4', xs: [15, 20, 35, 40, 50], q: 0.4, expected: 29 },
    { label: 'single value', xs: [42], q: 0.37, expected: 42 },
    { label: 'ties', xs: [2, 2, 2, 8], q: 0.75, expected: 3.5 },
  ])('$label', ({ xs, q, expected }) => {
    expect(quantile(xs, q)).toBeCloseTo(expected, 12);
  });
});

describe('quantile by selection agrees with sort-and-interpolate', () => {
  /** Reference: full sort, then type 7 on the sorted values. */
  function sortedType7(xs: readonly number[], q: number): number {
    const sorted = [...xs].sort((x, y) => x - y);
    const h = (sorted.length - 1) * q;
    const lo = Math.floor(h);
    return sorted[lo]! + (h - lo) * (sorted[Math.ceil(h)]! - sorted[lo]!);
  }

  it('on 300 seeded arrays of 1–200 values, with ties, sorted and reversed runs', () => {
    const rng = createRng(77);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + rng.int(200);
      const levels = 1 + rng.int(trial % 3 === 0 ? 5 : 1000); // few distinct values → many ties
      let xs = Array.from({ length: n }, () => rng.int(levels) - levels / 2);
      if (trial % 7 === 0) xs = xs.sort((x, y) => x - y);
      if (trial % 11 === 0) xs = xs.sort((x, y) => y - x);
      for (const q of [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1, rng.next()]) {
        expect(quantile(xs, q), `trial ${trial} n=${n} q=${q}`).toBeCloseTo(sortedType7(xs, q), 10);
      }
    }
  });
});

describe('median', () => {
  it.each([
    { label: 'odd n', xs: [3, 1, 2], expected: 2 },
    { label: 'even n averages the middle pair', xs: [4, 1, 3, 2], expected: 2.5 },
    { label: 'single value', xs: [5], expected: 5 },
    { label: 'negative values', xs: [-5, -1, -3], expected: -3 },
  ])('$label', ({ xs, expected }) => {
    expect(median(xs)).toBe(expected);
  });
});

describe('stdev (sample, n − 1)', () => {
  it.each([
    // Σ(x − 5)² = 32 over n − 1 = 7: √(32/7).
    { label: '[2,4,4,4,5,5,7,9]', xs: [2, 4, 4, 4, 5, 5, 7, 9], expected: Math.sqrt(32 / 7) },
    { label: 'two values', xs: [1, 3], expected: Math.SQRT2 },
    { label: 'constant', xs: [4, 4, 4], expected: 0 },
    // Large offset: a one-pass Σx² − n·x̄² formula loses every digit here.
    { label: 'offset 1e9', xs: [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16], expected: Math.sqrt(30) },
  ])('$label', ({ xs, expected }) => {
    expect(stdev(xs)).toBeCloseTo(expected, 9);
  });
});

describe('mean and minMax', () => {
  it.each([
    { label: 'integers', xs: [1, 2, 3, 4], mean: 2.5, min: 1, max: 4 },
    { label: 'single', xs: [-7], mean: -7, min: -7, max: -7 },
    { label: 'unsorted', xs: [3, -1, 10, 0], mean: 3, min: -1, max: 10 },
  ])('$label', ({ xs, mean: m, min, max }) => {
    expect(mean(xs)).toBeCloseTo(m, 12);
    expect(minMax(xs)).toEqual({ min, max });
  });
});

describe('inputs are never mutated', () => {
  it('works on frozen arrays and leaves their order', () => {
    const xs = Object.freeze([5, 3, 9, 1, 7]);
    expect(median(xs)).toBe(5);
    expect(quantile(xs, 0.25)).toBe(3);
    expect(stdev(xs)).toBeCloseTo(Math.sqrt(10), 12);
    expect(minMax(xs)).toEqual({ min: 1, max: 9 });
    expect(xs).toEqual([5, 3, 9, 1, 7]);
  });
});
