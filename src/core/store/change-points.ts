/**
 * The one place the store asks for a series' change points. The store calls it on every upload
 * (for the series the upload touched) and on demand (POST …/changepoints); the detector plugs in
 * here, and the alerts endpoint returns what this returns.
 */
import type { ChangePoint, SeriesKey, TrendPoint } from './api.ts';

/** What a detector may need besides the points: which series they are, and which way is better. */
export interface SeriesContext {
  readonly series: SeriesKey;
  readonly better: 'lower' | 'higher';
}

/** Level shifts along one series (points oldest first). No detector yet: none. */
export function changePointsOfSeries(points: readonly TrendPoint[], context: SeriesContext): ChangePoint[] {
  void points;
  void context;
  return [];
}
