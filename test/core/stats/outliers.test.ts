import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.ts';
import { madOutliers } from '../../../src/core/stats/index.ts';

describe('madOutliers (modified z-score, Iglewicz & Hoaglin 1993)', () => {
  it.each([
    // median 3, |x − 3| = [2, 1, 0, 1, 97], MAD = 1; score of 100 is 0.6745·97 = 65.4.
    { label: 'one far value', xs: [1, 2, 3, 4, 100], indices: [4], mad: 1 },
    // median 10, MAD 1: 0.6745·5 = 3.37 is kept, 0.6745·6 = 4.05 is flagged (both sides).
    { label: 'just under and over 3.5', xs: [9, 10, 10, 11, 15, 16, 4, 10, 9, 11], indices: [5, 6], mad: 1 },
    // More than half the values equal: MAD = 0, the score is undefined, nothing is flagged.
    { label: 'MAD = 0', xs: [5, 5, 5, 5, 9], indices: [], mad: 0 },
    { label: 'single value', xs: [7], indices: [], mad: 0 },
  ])('$label', ({ xs, indices, mad }) => {
    expect(madOutliers(xs)).toEqual({ indices, mad });
  });

  it('flags an injected outlier in seeded latency-like data, and nothing on the clean data', () => {
    const rng = createRng(42);
    const clean = Array.from({ length: 200 }, () => 20 + rng.normal());
    expect(madOutliers(clean).indices).toEqual([]);
    const withSpike = [...clean];
    withSpike[123] = 35; // a GC pause / compile stall
    expect(madOutliers(withSpike).indices).toEqual([123]);
  });

  it('honours a custom threshold', () => {
    const xs = [9, 10, 10, 11, 15, 16, 4, 10, 9, 11];
    expect(madOutliers(xs, 3).indices).toEqual([4, 5, 6]);
  });

  it('never mutates or drops data', () => {
    const xs = Object.freeze([1, 2, 3, 4, 100]);
    madOutliers(xs);
    expect(xs).toEqual([1, 2, 3, 4, 100]);
  });
});
