import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.ts';
import { bootstrapCi, bootstrapDifference, mean, meanCi, median } from '../../../src/core/stats/index.ts';

function lognormalSample(rng: ReturnType<typeof createRng>, n: number, medianMs: number, sigma: number): number[] {
  return Array.from({ length: n }, () => medianMs * Math.exp(sigma * rng.normal()));
}

describe('bootstrapCi (percentile)', () => {
  it('is reproducible from its seed and changes with it', () => {
    const xs = lognormalSample(createRng(1), 30, 20, 0.5);
    const first = bootstrapCi(xs, median, { seed: 7 });
    expect(bootstrapCi(xs, median, { seed: 7 })).toEqual(first);
    expect(bootstrapCi(xs, median, { seed: 8 }).ci).not.toEqual(first.ci);
    expect(first.value).toBe(median(xs));
    expect(first.method).toBe('bootstrap percentile');
    expect(first.ci.level).toBe(0.95);
  });

  it('for the mean of 400 normal values agrees with the Student-t interval to within 10%', () => {
    const rng = createRng(2);
    const xs = Array.from({ length: 400 }, () => 10 + 2 * rng.normal());
    const boot = bootstrapCi(xs, mean, { seed: 3 });
    const t = meanCi(xs);
    const tWidth = t.ci.high - t.ci.low;
    expect(Math.abs(boot.ci.high - boot.ci.low - tWidth)).toBeLessThan(0.1 * tWidth);
    expect(Math.abs(boot.ci.low - t.ci.low)).toBeLessThan(0.1 * tWidth);
  });

  it('covers the median of lognormal data >= 90% (n = 40, 800 trials, 1000 resamples)', () => {
    // Lognormal(ln 50, 0.6) has median 50. The percentile bootstrap under-covers at small n
    // (and the sample median is discrete), so the bound is 90%, not 95%.
    const rng = createRng(909);
    const reps = 800;
    let hits = 0;
    for (let r = 0; r < reps; r++) {
      const xs = lognormalSample(rng, 40, 50, 0.6);
      const { ci } = bootstrapCi(xs, median, { resamples: 1000, seed: r });
      if (ci.low <= 50 && 50 <= ci.high) hits++;
    }
    expect(hits / reps).toBeGreaterThanOrEqual(0.9);
  });

  it('never passes the caller\'s array to the statistic and does not mutate it', () => {
    const xs = Object.freeze([4, 8, 15, 16, 23, 42]);
    let sawOriginalInResample = false;
    let calls = 0;
    bootstrapCi(xs, (s) => {
      calls++;
      if (calls > 1 && s === xs) sawOriginalInResample = true;
      return median(s);
    }, { resamples: 100 });
    expect(calls).toBe(101);
    expect(sawOriginalInResample).toBe(false);
    expect(xs).toEqual([4, 8, 15, 16, 23, 42]);
  });
});

describe('bootstrapDifference', () => {
  it('absolute and relative medians of a +20% shift, reproducible', () => {
    const rng = createRng(10);
    const a = lognormalSample(rng, 60, 100, 0.1);
    const b = lognormalSample(rng, 60, 120, 0.1);
    const result = bootstrapDifference(a, b, median, { seed: 11 });
    expect(result.absolute.value).toBeCloseTo(median(b) - median(a), 12);
    expect(result.relative.value).toBeCloseTo((median(b) - median(a)) / median(a), 12);
    expect(result.absolute.ci.low).toBeGreaterThan(0);
    expect(result.relative.ci.low).toBeGreaterThan(0.1);
    expect(result.relative.ci.high).toBeLessThan(0.3);
    expect(bootstrapDifference(a, b, median, { seed: 11 })).toEqual(result);
  });

  it('covers the true difference of medians >= 90% (n = 40 each, 200 trials, 1000 resamples)', () => {
    const rng = createRng(1212);
    const reps = 200;
    let hits = 0;
    for (let r = 0; r < reps; r++) {
      const a = lognormalSample(rng, 40, 50, 0.4);
      const b = lognormalSample(rng, 40, 60, 0.4);
      const { ci } = bootstrapDifference(a, b, median, { resamples: 1000, seed: r }).absolute;
      if (ci.low <= 10 && 10 <= ci.high) hits++;
    }
    expect(hits / reps).toBeGreaterThanOrEqual(0.9);
  });
});
