/**
 * The one place the store asks for a series' change points. The store calls it on every upload
 * (for the series the upload touched) and on demand (POST …/changepoints); the alerts endpoint
 * returns what this returns. The detector is src/core/history/ (E-divisive means with a rank-sum
 * test; docs/change-points.md measures it beside the Perfherder rule).
 */
import { trendChangePoints } from '../history/index.ts';
import type { ChangePoint, SeriesKey, TrendPoint } from './api.ts';

/** What a detector may need besides the points: which series they are, and which way is better. */
export interface SeriesContext {
  readonly series: SeriesKey;
  readonly better: 'lower' | 'higher';
}

/** Level shifts along one series (points oldest first). */
export function changePointsOfSeries(points: readonly TrendPoint[], context: SeriesContext): ChangePoint[] {
  return trendChangePoints(context.series, points, context.better);
}
