/**
 * The one place the store asks for a series' change points. The store calls it on every upload
 * (for the series the upload touched) and on demand; the detector plugs in here.
 */
import type { ChangePoint, TrendPoint } from './api.ts';

/** Level shifts along one series (points in commit order). No detector yet: none. */
export function changePointsOfSeries(points: readonly TrendPoint[]): ChangePoint[] {
  void points;
  return [];
}
