import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.ts';
import {
  detectDrift, driftInjectionSchema, driftLabel, keepProbability, shiftCategories, shiftFeatures, summarizeDetection, type DetectorConfig, type DriftInjection,
} from '../../../src/core/serving/drift.ts';

const normals = (seed: number, n: number): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.normal());
};

const config: DetectorConfig = { windowSize: 200, checkEvery: 10, familyAlpha: 0.05, bins: 10 };

/** Three features and a stream of `length` queries with a 0.5 SD shift of feature 1 from `at`. */
function stream(seed: number, length: number, injection: DriftInjection) {
  const columns = [normals(seed, length), normals(seed + 1, length), normals(seed + 2, length)];
  for (let q = 0; q < length; q++) {
    const row = Float32Array.from(columns.map((c) => c[q]!));
    shiftFeatures(injection, q, row, [1, 1, 1]);
    columns.forEach((c, f) => (c[q] = row[f]!));
  }
  return columns.map((values, f) => ({ name: `f${f}`, reference: normals(10_000 + f, 5000), stream: values }));
}

describe('detectDrift', () => {
  it('raises no false alarm on most undrifted streams (family rate ≤ 5%) and finds a 0.5 SD shift within 250 queries', () => {
    const shift: DriftInjection = { kind: 'mean-shift', feature: 1, shiftSd: 0.5, atQuery: 1000 };
    const trials = 30;
    let falseAlarmStreams = 0;
    const delays: number[] = [];
    for (let t = 0; t < trials; t++) {
      const clean = summarizeDetection(detectDrift(stream(100 * t, 1500, { kind: 'none' }), config), null);
      if (clean.falseAlarms > 0) falseAlarmStreams++;
      const shifted = summarizeDetection(detectDrift(stream(100 * t + 50, 1500, shift), config), 1000);
      delays.push(shifted.delayQueries ?? Number.POSITIVE_INFINITY);
    }
    expect(falseAlarmStreams).toBeLessThanOrEqual(2);
    expect(Math.max(...delays)).toBeLessThanOrEqual(250);
  });

  it('flags the shifted variable and reports the thresholds it used', () => {
    const detection = detectDrift(stream(7, 1500, { kind: 'mean-shift', feature: 2, shiftSd: 1, atQuery: 600 }), config);
    const alarm = detection.checks.find((c) => c.alarm);
    expect(alarm?.flagged).toEqual(['f2']);
    expect(detection.perCheckAlpha).toBeCloseTo(0.05 / (131 * 3 * 2), 12);
    expect(detection.ksThreshold[0]).toBeGreaterThan(0.1);
  });

  it('names a window larger than the stream', () => {
    expect(() => detectDrift(stream(1, 100, { kind: 'none' }), config)).toThrow(/windowSize must be in 2..100/);
  });
});

describe('drift injections', () => {
  it('swap two features from the chosen query on', () => {
    const injection = driftInjectionSchema.parse({ kind: 'covariate-swap', features: [0, 2], atQuery: 5 });
    const before = Float32Array.from([1, 2, 3]);
    const after = Float32Array.from([1, 2, 3]);
    shiftFeatures(injection, 4, before, [1, 1, 1]);
    shiftFeatures(injection, 5, after, [1, 1, 1]);
    expect(Array.from(before)).toEqual([1, 2, 3]);
    expect(Array.from(after)).toEqual([3, 2, 1]);
  });

  it('resample labels to the new positive rate', () => {
    const injection: DriftInjection = { kind: 'label-prior', positiveRate: 0.8, atQuery: 0 };
    const rng = createRng(3);
    let kept = 0;
    let positives = 0;
    for (let i = 0; i < 50_000; i++) {
      const label = rng.next() < 0.4 ? 1 : 0;
      if (rng.next() < keepProbability(injection, i, label, 0.4)) {
        kept++;
        positives += label;
      }
    }
    expect(positives / kept).toBeGreaterThan(0.78);
    expect(positives / kept).toBeLessThan(0.82);
    expect(keepProbability(injection, 0, 1, 0.4)).toBe(1);
  });

  it('flip labels where the feature is above the threshold, from the chosen query on, and leave the inputs alone', () => {
    const injection = driftInjectionSchema.parse({ kind: 'concept', feature: 1, above: 0.5, atQuery: 10 });
    const cases: { label: string; index: number; x: number; y: number; expected: number }[] = [
      { label: 'before the shift', index: 9, x: 2, y: 1, expected: 1 },
      { label: 'above, positive', index: 10, x: 0.6, y: 1, expected: 0 },
      { label: 'above, negative', index: 500, x: 3, y: 0, expected: 1 },
      { label: 'at the threshold', index: 10, x: 0.5, y: 0, expected: 0 },
      { label: 'below', index: 10, x: -1, y: 1, expected: 1 },
    ];
    for (const c of cases) expect(driftLabel(injection, c.index, c.y, [0, c.x, 0]), c.label).toBe(c.expected);
    const row = Float32Array.from([1, 2, 3]);
    shiftFeatures(injection, 20, row, [1, 1, 1]);
    expect(Array.from(row)).toEqual([1, 2, 3]);
    expect(driftLabel({ kind: 'mean-shift', feature: 1, shiftSd: 1, atQuery: 0 }, 20, 1, [0, 5, 0])).toBe(1);
    expect(() => driftLabel(injection, 20, 1, [0])).toThrow(/concept drift on feature 1, but rows have 1 features/);
  });

  it('give a categorical field a value past its vocabulary in the chosen share of queries', () => {
    const injection = driftInjectionSchema.parse({ kind: 'unseen-category', field: 2, rate: 0.25, atQuery: 100 });
    const vocabularies = [32, 16, 8, 24];
    const rng = createRng(8);
    let unseen = 0;
    for (let q = 0; q < 4_100; q++) {
      const ids = [1, 2, 3, 4];
      shiftCategories(injection, q, ids, vocabularies, rng.next());
      if (q < 100) expect(ids, `query ${q}`).toEqual([1, 2, 3, 4]);
      else if (ids[2] !== 3) {
        expect(ids).toEqual([1, 2, 8, 4]);
        unseen++;
      }
    }
    expect(unseen / 4_000).toBeGreaterThan(0.23);
    expect(unseen / 4_000).toBeLessThan(0.27);
    expect(() => shiftCategories({ kind: 'unseen-category', field: 4, rate: 0.25, atQuery: 100 }, 200, [0, 0, 0, 0], vocabularies, 0)).toThrow(/field 4, but the model has 4 categorical fields/);
    expect(driftInjectionSchema.safeParse({ kind: 'unseen-category', field: 0, rate: 1.5, atQuery: 0 }).success).toBe(false);
  });

  it('reject a shift with an unknown field', () => {
    expect(driftInjectionSchema.safeParse({ kind: 'mean-shift', feature: 0, shiftSd: 0.5, atQuery: 1, extra: 1 }).success).toBe(false);
  });
});
