/**
 * A stored series' change points in the store's terms: a trend's points (one run each, oldest
 * first) in, `ChangePoint`s with the runs before and after each shift and whether it is a
 * regression for the metric's direction out. The store calls this on every upload and on demand.
 */
import type { ChangePoint, SeriesKey, TrendPoint } from '../store/api.ts';
import { assertNever } from '../assert.ts';
import { detectChangePoints, type DetectedChange, type DetectOptions } from './detect.ts';

export const METRIC_DIRECTIONS = ['lower', 'higher'] as const;
/** Which way the metric improves: 'lower' for latencies, 'higher' for throughput. */
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];

function isRegression(relative: number, better: MetricDirection): boolean {
  switch (better) {
    case 'lower':
      return relative > 0;
    case 'higher':
      return relative < 0;
    default:
      return assertNever(better, 'metric direction');
  }
}

function toChangePoint(series: SeriesKey, points: readonly TrendPoint[], change: DetectedChange, better: MetricDirection): ChangePoint {
  const before = points[change.index - 1]!;
  const after = points[change.index]!;
  return {
    series,
    before: { runId: before.runId, commit: before.commit },
    after: { runId: after.runId, commit: after.commit },
    relative: change.relative,
    relativeLow: change.relativeLow,
    relativeHigh: change.relativeHigh,
    direction: isRegression(change.relative, better) ? 'regression' : 'improvement',
    pValue: Math.min(1, Math.max(0, change.pValue)),
  };
}

/**
 * The change points of one series from its trend points, in series order. A shift away from a level
 * of 0 has no relative size and is left out. Throws on an estimate that is not a finite number,
 * naming the run.
 */
export function trendChangePoints(
  series: SeriesKey,
  points: readonly TrendPoint[],
  better: MetricDirection,
  options: DetectOptions = {},
): ChangePoint[] {
  if (!(METRIC_DIRECTIONS as readonly string[]).includes(better)) {
    throw new Error(`trendChangePoints: better must be one of ${METRIC_DIRECTIONS.join(', ')}, got ${String(better)}`);
  }
  const estimates = points.map((point, i) => {
    if (typeof point.estimate !== 'number' || !Number.isFinite(point.estimate)) {
      throw new Error(`trendChangePoints: points[${i}].estimate (run ${point.runId}) is ${String(point.estimate)}; it must be a finite number`);
    }
    return point.estimate;
  });
  return detectChangePoints(estimates, options)
    .filter((change) => Number.isFinite(change.relative) && Number.isFinite(change.relativeLow) && Number.isFinite(change.relativeHigh))
    .map((change) => toChangePoint(series, points, change, better));
}
