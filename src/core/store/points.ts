/**
 * A stored run's series points: one per suite × variant × metric × device, each the estimate and
 * interval of the run's own judgement (the comparison its runner made and printed: Student-t
 * interval of the mean for Welch metrics, the order-statistic interval of the median for
 * Hodges–Lehmann ones). A record of an earlier version, which carries none, is compared here the
 * same way.
 */
import { compareVariants, groupByVariant, parseThreshold, type MetricId, type SuiteJobResult } from '../compare/index.ts';
import { DEFAULT_COMPARISON_METRICS } from '../compare/suite.ts';
import { METRIC_IDS, METRICS } from '../compare/metrics.ts';
import { judgementsByDevice, type Judgement } from '../compare/judgement.ts';
import { COMPARE_DEFAULTS } from '../defaults.ts';
import { STATS_DEFAULTS } from '../stats/index.ts';
import type { SeriesKey } from './api.ts';
import type { StoredRecord } from './record.ts';

export interface SeriesPoint extends SeriesKey {
  readonly unit: string;
  readonly better: 'lower' | 'higher';
  readonly estimate: number;
  /** Interval ends; null when the run had too few jobs for one at its level. */
  readonly low: number | null;
  readonly high: number | null;
  readonly n: number;
}

/** The points of one record; `device` labels results that name no device of their own. */
export function pointsOfRecord(record: StoredRecord, device: string): SeriesPoint[] {
  // Serving and calibration reports have no variant × metric estimates to follow (yet).
  if (record.kind !== 'suite') return [];
  const file = record.file;
  const suite = file.suite?.name ?? 'command line';
  const metrics = (file.suite?.metrics ?? DEFAULT_COMPARISON_METRICS).filter((m): m is MetricId => (METRIC_IDS as readonly string[]).includes(m));
  const level = file.sampling?.level ?? STATS_DEFAULTS.level;
  const byDevice = new Map<string, SuiteJobResult[]>();
  for (const result of file.results) {
    const key = result.device ?? device;
    byDevice.set(key, [...(byDevice.get(key) ?? []), { ...result, device: undefined }]);
  }
  const judged = file.comparison;
  const judgements: [string, Judgement][] = judged
    ? judgementsByDevice(judged, device)
    : [...byDevice].flatMap(([deviceName, results]): [string, Judgement][] => {
        const groups = groupByVariant(results);
        return groups.length === 0 || metrics.length === 0 ? [] : [[deviceName, compareVariants(groups, { metrics, threshold: parseThreshold(COMPARE_DEFAULTS.threshold), level })]];
      });
  return judgements.flatMap(([deviceName, comparison]) => {
    return comparison.metrics.flatMap((m) =>
      m.variants.flatMap((v): SeriesPoint[] => {
        if (v.point === null) return [];
        const finite = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);
        return [{
          suite, variant: v.variant, metric: m.metric, device: deviceName, unit: METRICS[m.metric].unit, better: m.better,
          estimate: v.point, low: finite(v.estimate?.ci.low), high: finite(v.estimate?.ci.high), n: v.n,
        }];
      }),
    );
  });
}

/** A record in one canonical text (keys sorted at every level): the same run gives the same text, so the same id. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
