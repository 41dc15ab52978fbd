import { describe, expect, it } from 'vitest';
import { trendChangePoints } from '../../../src/core/history/index.ts';
import { changePointSchema, type SeriesKey, type TrendPoint } from '../../../src/core/store/api.ts';
import { createRng } from '../../../src/core/random.ts';

const SERIES: SeriesKey = { suite: 'default', variant: 'mlp webgpu', metric: 'stepMedianMs', device: 'google/swiftshader (software)' };

/** 90 runs with ~1% noise, 8 ms before run 50 and `after` ms from it on. */
function points(after: number): TrendPoint[] {
  const rng = createRng(9);
  return Array.from({ length: 90 }, (_, i) => ({
    runId: `r${i}`,
    commit: `c${i}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
    estimate: (i < 50 ? 8 : after) * (1 + 0.01 * rng.normal()),
    low: null,
    high: null,
    n: 5,
  }));
}

describe('trendChangePoints', () => {
  it('maps a slower step time to a regression between the last run before and the first after, valid for the store schema', () => {
    const [change, ...rest] = trendChangePoints(SERIES, points(9), 'lower');
    expect(rest).toEqual([]);
    expect(changePointSchema.parse(change)).toEqual(change);
    expect(change).toMatchObject({ series: SERIES, before: { runId: 'r49', commit: 'c49' }, after: { runId: 'r50', commit: 'c50' }, direction: 'regression' });
    expect(change!.relativeLow).toBeLessThanOrEqual(0.125);
    expect(change!.relativeHigh).toBeGreaterThanOrEqual(0.125);
  });

  it('calls the same shift an improvement where higher is better, and a fall a regression', () => {
    expect(trendChangePoints(SERIES, points(9), 'higher').map((c) => c.direction)).toEqual(['improvement']);
    expect(trendChangePoints(SERIES, points(7), 'higher').map((c) => c.direction)).toEqual(['regression']);
    expect(trendChangePoints(SERIES, points(7), 'lower').map((c) => c.direction)).toEqual(['improvement']);
  });

  it('finds nothing in a flat trend or one too short to judge', () => {
    expect(trendChangePoints(SERIES, points(8), 'lower')).toEqual([]);
    expect(trendChangePoints(SERIES, points(9).slice(45, 53), 'lower')).toEqual([]);
  });

  it('rejects an estimate that is not a number, naming the run, and an unknown direction', () => {
    const bad = points(9);
    bad[7] = { ...bad[7]!, estimate: Number.NaN };
    expect(() => trendChangePoints(SERIES, bad, 'lower')).toThrow(/points\[7\]\.estimate \(run r7\) is NaN/);
    // @ts-expect-error: a direction from untyped input
    expect(() => trendChangePoints(SERIES, points(9), 'up')).toThrow(/better must be one of lower, higher/);
  });
});
