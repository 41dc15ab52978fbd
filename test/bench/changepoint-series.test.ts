import { describe, expect, it } from 'vitest';
import { makeSet, readPools, score, type SeriesShape } from '../../bench/changepoint-series.ts';

const POOLS = readPools(new URL('../../bench/fixtures/run-residuals.json', import.meta.url).pathname);
const SHAPE: SeriesShape = { minLength: 60, maxLength: 200, margin: 15, noiseScale: 1 };

describe('change-point benchmark series', () => {
  it('ships residuals of TTFB, step median and serving p50 for both backends', () => {
    expect(POOLS.map((p) => `${p.backend} ${p.metric}`).sort()).toEqual(
      ['wasm servingP50Ms', 'wasm stepMedianMs', 'wasm ttfbMs', 'webgpu servingP50Ms', 'webgpu stepMedianMs', 'webgpu ttfbMs'],
    );
    for (const pool of POOLS) expect(pool.residuals.length).toBeGreaterThanOrEqual(10);
  });

  it('injects one step of the given size at least `margin` points from either end, the same for a seed', () => {
    const set = makeSet(3, POOLS, { ...SHAPE, noiseScale: 0 }, 0.05, 50);
    expect(makeSet(3, POOLS, { ...SHAPE, noiseScale: 0 }, 0.05, 50)).toEqual(set);
    for (const { values, stepIndex } of set) {
      expect(values.length).toBeGreaterThanOrEqual(60);
      expect(values.length).toBeLessThanOrEqual(200);
      expect(stepIndex).toBeGreaterThanOrEqual(15);
      expect(stepIndex).toBeLessThanOrEqual(values.length - 15);
      expect(Math.abs(values[stepIndex!]! / values[stepIndex! - 1]! - 1)).toBeCloseTo(0.05, 12);
    }
  });

  it('counts a step found within ±k points, and every detection on a null series as a false alarm', () => {
    const set = makeSet(4, POOLS, SHAPE, 0.1, 10);
    const nearly = score(set, (values) => [set.find((s) => s.values === values)!.stepIndex! + 2], 2);
    expect(nearly).toMatchObject({ steps: 10, found: 10, detections: 10 });
    expect(score(set, (values) => [set.find((s) => s.values === values)!.stepIndex! + 3], 2).found).toBe(0);
    const nulls = makeSet(5, POOLS, SHAPE, 0, 4);
    expect(score(nulls, () => [30, 40], 2)).toMatchObject({ steps: 0, found: 0, detections: 8, series: 4, seriesWithAlarm: 4 });
  });
});
