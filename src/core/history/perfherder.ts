/**
 * Mozilla Perfherder's alerting rule, the baseline the change-point detector is measured against.
 * A faithful port, one value per revision, of:
 * - treeherder/perfalert/perfalert/__init__.py (github.com/mozilla/treeherder): `detect_changes`
 *   (back window of 12 to 24 points grown while no change is seen, fore window of 12, a weighted
 *   t-test, a point marked where |t| > 7 and no neighbour's t is larger), `calc_t`, `analyze`
 *   (weighted mean, variance about it with n − 1), `linear_weights` ((n − i)/n, highest next to the
 *   point tested);
 * - treeherder/perf/alerts.py `generate_new_alerts_in_series` and `get_alert_properties`: an alert
 *   for a marked point unless 100 · |new − prev| / prev < the 2% threshold, prev and new being the
 *   unweighted means of the back and fore windows.
 */
import { PERFHERDER_DEFAULTS } from '../defaults.ts';
import { checkPerfherderOptions, checkSeries } from './validate.ts';

export type PerfherderOptions = Partial<{ -readonly [K in keyof typeof PERFHERDER_DEFAULTS]: number }>;

export interface PerfherderAlert {
  /** Index of the first point after the change (Perfherder's "cur" revision). */
  index: number;
  /** |t| of the weighted t-test at that point (Infinity where both windows have no variance). */
  t: number;
  /** Unweighted means of the back window and the fore window. */
  levelBefore: number;
  levelAfter: number;
  /** levelAfter / levelBefore − 1. */
  relative: number;
}

interface WindowStats {
  avg: number;
  n: number;
  variance: number;
}

/** `analyze`: the (weighted) mean of a window and the variance of its values about it. */
function analyze(window: readonly number[], weighted: boolean): WindowStats {
  const n = window.length;
  let weightedSum = 0;
  let weights = 0;
  for (let i = 0; i < n; i++) {
    const weight = weighted ? (n - i) / n : 1;
    weightedSum += window[i]! * weight;
    weights += weight;
  }
  const avg = n > 0 ? weightedSum / weights : 0;
  let squares = 0;
  for (const value of window) squares += (value - avg) ** 2;
  return { avg, n, variance: n > 1 ? squares / (n - 1) : 0 };
}

/** `calc_t` with `linear_weights`; each window is ordered from the point tested outwards. */
function calcT(back: readonly number[], fore: readonly number[]): number {
  if (back.length === 0 || fore.length === 0) return 0;
  const s1 = analyze(back, true);
  const s2 = analyze(fore, true);
  const delta = s2.avg - s1.avg;
  if (delta === 0) return 0;
  if (s1.variance === 0 && s2.variance === 0) return Infinity;
  return delta / Math.sqrt(s1.variance / s1.n + s2.variance / s2.n);
}

interface Scored {
  t: number;
  back: number[];
  fore: number[];
}

/** First loop of `detect_changes`: the windows and |t| of every point. */
function scorePoints(values: readonly number[], settings: Required<PerfherderOptions>): Scored[] {
  const scored: Scored[] = [{ t: 0, back: [], fore: [] }];
  let lastSeenRegression = 0;
  for (let i = 1; i < values.length; i++) {
    const reach = Math.min(Math.max(lastSeenRegression, settings.minBackWindow), settings.maxBackWindow);
    const back: number[] = [];
    for (let prev = i - 1; back.length < settings.maxBackWindow && prev >= 0 && i - prev <= reach; prev--) back.push(values[prev]!);
    const fore: number[] = [];
    for (let next = i; fore.length < settings.foreWindow && next < values.length; next++) fore.push(values[next]!);
    const t = Math.abs(calcT(back, fore));
    lastSeenRegression = t > settings.tThreshold ? 0 : lastSeenRegression + 1;
    scored.push({ t, back, fore });
  }
  return scored;
}

/** Perfherder's alerts on `values` (oldest first), in index order. */
export function perfherderAlerts(values: readonly number[], options: PerfherderOptions = {}): PerfherderAlert[] {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const settings: Required<PerfherderOptions> = { ...PERFHERDER_DEFAULTS, ...given };
  checkPerfherderOptions(settings);
  checkSeries('perfherderAlerts', values);
  const scored = scorePoints(values, settings);
  const alerts: PerfherderAlert[] = [];
  for (let i = 1; i < scored.length; i++) {
    const point = scored[i]!;
    if (point.back.length < settings.minBackWindow || point.fore.length < settings.foreWindow) continue;
    if (point.t <= settings.tThreshold) continue;
    if (scored[i - 1]!.t > point.t) continue;
    if (i + 1 < scored.length && scored[i + 1]!.t > point.t) continue;
    const levelBefore = analyze(point.back, false).avg;
    const levelAfter = analyze(point.fore, false).avg;
    const percent = levelBefore !== 0 ? (100 * Math.abs(levelAfter - levelBefore)) / levelBefore : 0;
    if (percent < settings.alertThresholdPercent) continue;
    alerts.push({ index: i, t: point.t, levelBefore, levelAfter, relative: levelAfter / levelBefore - 1 });
  }
  return alerts;
}
