/** Judging a run against a baseline run: per variant, per metric, is the change a regression? */
import type { JobResult } from '../result.ts';
import { specDelta } from '../spec.ts';
import { STATS_DEFAULTS } from '../stats/index.ts';
import { compareVariants, isRegression, type Comparison } from './compare.ts';
import type { MetricId } from './metrics.ts';
import type { Threshold } from './threshold.ts';

export interface Regression {
  variant: string;
  metric: MetricId;
  label: string;
  unit: string;
  /** current − baseline. */
  absolute: number;
  relative: number;
}

export interface BaselineJudgement {
  threshold: Threshold;
  /** Confidence level of the judgement's intervals. */
  level: number;
  /** One comparison per variant present in both runs: 'baseline' vs 'current'. */
  variants: { variant: string; comparison: Comparison; specChanges: string[] }[];
  /** Variants of the current run that the baseline lacks (not judged). */
  missing: string[];
  regressions: Regression[];
  /** Remarks for the reader (e.g. the machine's load in each run), added by the caller. */
  notes: string[];
}

type Groups = readonly { name: string; results: readonly JobResult[] }[];

/**
 * Compares each variant of the current run with the same-named variant of the baseline. A
 * regression is a metric that is significantly worse (verdict 'slower') and whose point estimate
 * is worse than the threshold (see isRegression).
 */
export function judgeAgainstBaseline(
  current: Groups,
  baseline: Groups,
  options: { metrics: readonly MetricId[]; threshold: Threshold; level?: number },
): BaselineJudgement {
  const variants: BaselineJudgement['variants'] = [];
  const missing: string[] = [];
  const regressions: Regression[] = [];
  for (const group of current) {
    const before = baseline.find((g) => g.name === group.name);
    if (!before) {
      missing.push(group.name);
      continue;
    }
    const comparison = compareVariants(
      [
        { name: 'baseline', results: before.results },
        { name: 'current', results: group.results },
      ],
      { ...options, baseline: 'baseline' },
    );
    for (const metric of comparison.metrics) {
      for (const difference of metric.differences) {
        if (isRegression(difference, metric.better, options.threshold)) {
          regressions.push({
            variant: group.name,
            metric: metric.metric,
            label: metric.label,
            unit: metric.unit,
            absolute: difference.absolute.value,
            relative: difference.relative.value,
          });
        }
      }
    }
    variants.push({ variant: group.name, comparison, specChanges: specChanges(before.results, group.results) });
  }
  return { threshold: options.threshold, level: options.level ?? STATS_DEFAULTS.level, variants, missing, regressions, notes: [] };
}

/** "width 128 → 160" for every spec field that differs between the runs' first jobs. */
function specChanges(before: readonly JobResult[], after: readonly JobResult[]): string[] {
  const a = before[0]?.spec;
  const b = after[0]?.spec;
  if (!a || !b) return [];
  const deltaA: Record<string, unknown> = { ...specDelta(a) };
  const deltaB: Record<string, unknown> = { ...specDelta(b) };
  const keys = new Set([...Object.keys(deltaA), ...Object.keys(deltaB)]);
  const changes: string[] = [];
  for (const key of keys) {
    const from = JSON.stringify((a as Record<string, unknown>)[key]);
    const to = JSON.stringify((b as Record<string, unknown>)[key]);
    if (from !== to) changes.push(`${key} ${from} → ${to}`);
  }
  return changes;
}
