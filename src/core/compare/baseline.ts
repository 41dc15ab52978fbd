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
  /** Chance of at least one false "slower" over every judgement together is at most 1 − familyLevel. */
  familyLevel: number;
  /** Variant × metric judgements made. */
  judgements: number;
  /** Confidence level of each interval: the family level split over the judgements (Bonferroni). */
  level: number;
  /** One comparison per variant present in both runs: 'baseline' vs 'current'. */
  variants: { variant: string; comparison: Comparison; specChanges: string[] }[];
  /** Variants of the current run that the baseline lacks (not judged). */
  missing: string[];
  regressions: Regression[];
  /** Remarks for the reader (e.g. the machine's load in each run), added by the caller. */
  notes: string[];
  /** What the run was judged against, for the reader: "the baseline", or the base branch side by side. */
  against: string;
}

type Groups = readonly { name: string; results: readonly JobResult[] }[];

/**
 * Bonferroni (Dunn 1961): m intervals, each at level 1 − α/m, all cover together with
 * probability ≥ 1 − α, so the chance of any false "slower" among m judgements is at most α.
 */
export function familyWiseLevel(level: number, judgements: number): number {
  return judgements <= 1 ? level : 1 - (1 - level) / judgements;
}

/**
 * Compares each variant of the current run with the same-named variant of the baseline. A
 * regression is a metric that is significantly worse (verdict 'slower') and whose point estimate
 * is worse than the threshold (see isRegression). A gate judges every variant × metric; each
 * is another chance for a false alarm, so the intervals are widened (familyWiseLevel) to keep
 * the family-wise error rate of the whole gate at 1 − level (5%).
 */
export function judgeAgainstBaseline(
  current: Groups,
  baseline: Groups,
  options: {
    metrics: readonly MetricId[];
    threshold: Threshold;
    level?: number;
    /** The two sides ran interleaved in the same rounds (side by side): compare them pair by pair within rounds. */
    paired?: boolean;
    /** Words for what `baseline` is; default "the baseline". */
    against?: string;
  },
): BaselineJudgement {
  const variants: BaselineJudgement['variants'] = [];
  const missing: string[] = [];
  const regressions: Regression[] = [];
  const familyLevel = options.level ?? STATS_DEFAULTS.level;
  const judgements = current.filter((group) => baseline.some((g) => g.name === group.name)).length * options.metrics.length;
  const level = familyWiseLevel(familyLevel, judgements);
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
      { metrics: options.metrics, threshold: options.threshold, level, baseline: 'baseline', paired: options.paired === true },
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
  return { threshold: options.threshold, familyLevel, judgements, level, variants, missing, regressions, notes: [], against: options.against ?? 'the baseline' };
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
