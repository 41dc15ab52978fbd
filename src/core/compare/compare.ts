/** Side-by-side comparison of variants: per metric, each variant's estimate and every difference to the baseline. */
import type { JobResult } from '../result.ts';
import {
  hodgesLehmann,
  hodgesLehmannMinimumN,
  mannWhitney,
  mean,
  meanCi,
  median,
  medianCi,
  medianCiMinimumN,
  pairedDifference,
  welchDifference,
  STATS_DEFAULTS,
  type Estimate,
} from '../stats/index.ts';
import { METHOD_LABELS, METRICS, metricValue, type MetricDefinition, type MetricId } from './metrics.ts';
import type { Threshold } from './threshold.ts';
import { messageOf } from '../errors.ts';

export type Verdict = 'faster' | 'slower' | 'no detectable difference' | 'unresolved';

export interface VariantEstimate {
  variant: string;
  /** Jobs that measured the metric. */
  n: number;
  /** Jobs of this variant that failed (not counted in n). */
  failed: number;
  /** Mean (Welch) or median (Hodges–Lehmann) of the per-job values with its CI; null when n is too small for an interval at the level. */
  estimate: Estimate | null;
  /** The mean or median without an interval; null when no job measured the metric. */
  point: number | null;
  /** Jobs this variant needs for an interval at the comparison's level, when it has fewer; else null. */
  needs: number | null;
  samples: number[];
  /** The interleaved round of each sample (undefined for results that name none). */
  rounds: (number | undefined)[];
}

export interface MetricDifference {
  baseline: string;
  candidate: string;
  /** candidate − baseline, metric units. */
  absolute: Estimate;
  /** (candidate − baseline) / baseline. */
  relative: Estimate;
  pValue: number;
  method: string;
  verdict: Verdict;
  /** Jobs a side (pairs, when paired) the method needs for an interval at this level, when there are fewer; else null. */
  needsPerSide: number | null;
  /**
   * False when the threshold cannot judge this metric (an absolute ms threshold on an ex/s
   * metric): the verdict is then faster, slower or unresolved, and auto-sampling ignores it.
   */
  thresholdApplies: boolean;
}

export interface MetricComparison {
  metric: MetricId;
  label: string;
  unit: string;
  better: 'lower' | 'higher';
  /** The method that estimates the differences of this metric (also on every difference). */
  method: string;
  variants: VariantEstimate[];
  differences: MetricDifference[];
}

export interface Comparison {
  baseline: string;
  threshold: Threshold;
  level: number;
  metrics: MetricComparison[];
  /** Every difference resolved (faster / slower / no detectable difference)? */
  resolved: boolean;
  /**
   * Metrics asked for that no job measured although jobs succeeded (step time of serve-only jobs,
   * serving latency of jobs with no queries): left out of `metrics`, named here, never "unresolved".
   */
  unmeasured?: MetricId[];
}

export interface CompareOptions {
  metrics: readonly MetricId[];
  /** Default: the first group. */
  baseline?: string;
  threshold: Threshold;
  level?: number;
  /**
   * The groups ran interleaved in rounds (one job of each per round, results naming their
   * `repetition`): Welch-method metrics are then compared pair by pair within rounds (paired t),
   * so drift of the machine between rounds cancels. Never for runs made at different times.
   */
  paired?: boolean;
}

type RoundResult = JobResult & { repetition?: number | undefined };

/** Groups are variants in display order; each has the results of its repetitions (failed jobs are skipped, counted). */
export function compareVariants(
  groups: readonly { name: string; results: readonly RoundResult[] }[],
  options: CompareOptions,
): Comparison {
  const level = options.level ?? STATS_DEFAULTS.level;
  const baselineName = options.baseline ?? groups[0]?.name;
  const baselineGroup = groups.find((g) => g.name === baselineName);
  if (baselineName === undefined || !baselineGroup) {
    throw new Error(`compareVariants: baseline ${JSON.stringify(baselineName)} is not one of the variants (${groups.map((g) => g.name).join(', ')})`);
  }
  const all = options.metrics.map((metric): MetricComparison => {
    const definition: MetricDefinition = METRICS[metric];
    const variants = groups.map((group) => variantEstimate(group, metric, definition, level));
    const base = variants[groups.indexOf(baselineGroup)]!;
    // Pair only when every measured job names its round (else Welch on all of them).
    const paired = options.paired === true && definition.method === 'welch' && variants.every((v) => v.rounds.every((r) => r !== undefined));
    const differences = variants
      .filter((v) => v.variant !== baselineName)
      .map((candidate) => difference(base, candidate, definition, options.threshold, level, paired));
    return {
      metric,
      label: definition.label,
      unit: definition.unit,
      better: definition.better,
      method: methodOf(differences, METHOD_LABELS[definition.method]),
      variants,
      differences,
    };
  });
  const someJobSucceeded = groups.some((g) => g.results.some((r) => !r.error));
  const isUnmeasured = (m: MetricComparison): boolean => someJobSucceeded && m.variants.every((v) => v.n === 0);
  const measured = all.filter((m) => !isUnmeasured(m));
  // A comparison of nothing at all keeps its rows (each says "—"), so the table still lists the jobs.
  const metrics = measured.length > 0 ? measured : all;
  const unmeasured = measured.length > 0 ? all.filter(isUnmeasured).map((m) => m.metric) : [];
  const resolved = metrics.every((m) => m.differences.every((d) => d.verdict !== 'unresolved' || !d.thresholdApplies));
  return { baseline: baselineName, threshold: options.threshold, level, metrics, resolved, ...(unmeasured.length > 0 ? { unmeasured } : {}) };
}

function variantEstimate(
  group: { name: string; results: readonly RoundResult[] },
  metric: MetricId,
  definition: MetricDefinition,
  level: number,
): VariantEstimate {
  const measured = group.results.flatMap((r) => {
    const value = metricValue(r, metric);
    return value === null ? [] : [{ value, round: r.repetition }];
  });
  const samples = measured.map((m) => m.value);
  const rounds = measured.map((m) => m.round);
  const failed = group.results.filter((r) => r.error).length;
  // Welch: Student-t interval of the mean. Hodges–Lehmann metrics are skewed: the distribution-free
  // order-statistic interval of the median, which holds at any n (a bootstrap under-covers at 3–10 jobs).
  const minimum = definition.method === 'welch' ? 2 : medianCiMinimumN(level);
  const estimate = samples.length >= minimum ? (definition.method === 'welch' ? meanCi(samples, level) : medianCi(samples, level)) : null;
  const point = samples.length === 0 ? null : definition.method === 'welch' ? mean(samples) : median(samples);
  return { variant: group.name, n: samples.length, failed, estimate, point, needs: estimate ? null : minimum, samples, rounds };
}

/** Jobs a side a difference needs for an interval at `level`. */
function minimumPerSide(definition: MetricDefinition, level: number): number {
  return definition.method === 'welch' ? 2 : hodgesLehmannMinimumN(level);
}

const unbounded = (value: number, level: number, method: string): Estimate => ({
  value,
  ci: { low: -Infinity, high: Infinity, level },
  method,
});

const PAIRED_LABEL = 'paired t (rounds)';

/** The metric's method: paired when every difference was, both when some were. */
function methodOf(differences: readonly MetricDifference[], unpaired: string): string {
  const pairedCount = differences.filter((d) => d.method.startsWith(PAIRED_LABEL)).length;
  if (pairedCount === 0) return unpaired;
  return pairedCount === differences.length ? PAIRED_LABEL : `${PAIRED_LABEL} / ${unpaired}`;
}

/** Values of the rounds both variants measured, in round order. */
function pairsByRound(base: VariantEstimate, candidate: VariantEstimate): { a: number[]; b: number[] } {
  const byRound = new Map<number, number>();
  base.rounds.forEach((round, i) => {
    if (round !== undefined) byRound.set(round, base.samples[i]!);
  });
  const pairs = candidate.rounds.flatMap((round, i) => {
    const a = round === undefined ? undefined : byRound.get(round);
    return a === undefined ? [] : [{ round: round!, a, b: candidate.samples[i]! }];
  });
  pairs.sort((x, y) => x.round - y.round);
  return { a: pairs.map((p) => p.a), b: pairs.map((p) => p.b) };
}

function difference(
  base: VariantEstimate,
  candidate: VariantEstimate,
  definition: MetricDefinition,
  threshold: Threshold,
  level: number,
  paired: boolean,
): MetricDifference {
  // Variants that never ran in the same round (runs merged side by side) are compared unpaired.
  const roundPairs = paired ? pairsByRound(base, candidate) : null;
  const pairs = roundPairs && roundPairs.a.length > 0 ? roundPairs : null;
  const method = pairs ? `${PAIRED_LABEL}, ${pairs.a.length} pairs` : METHOD_LABELS[definition.method];
  const thresholdApplies = threshold.kind === 'relative' || definition.unit === 'ms';
  const shell = { baseline: base.variant, candidate: candidate.variant, method, thresholdApplies, needsPerSide: null };
  const a = pairs ? pairs.a : base.samples;
  const b = pairs ? pairs.b : candidate.samples;
  const needed = pairs ? 2 : minimumPerSide(definition, level);
  if (a.length < needed || b.length < needed) {
    const note = pairs ? `${method} (needs ${needed} rounds where both ran)` : `${method} (needs ${needed} jobs a side, has ${a.length} and ${b.length})`;
    const centre = definition.method === 'welch' || pairs ? mean : median;
    const value = a.length > 0 && b.length > 0 ? centre(b) - centre(a) : NaN;
    const relative = a.length > 0 && b.length > 0 ? value / centre(a) : NaN;
    const pValue = !pairs && definition.method !== 'welch' && a.length > 0 && b.length > 0 ? mannWhitney(a, b).pValue : NaN;
    return { ...shell, needsPerSide: needed, absolute: unbounded(value, level, note), relative: unbounded(relative, level, note), pValue, verdict: 'unresolved' };
  }
  let estimated: { absolute: Estimate; relative: Estimate; pValue: number };
  try {
    estimated = pairs ? pairedEstimate(a, b, level) : estimate(a, b, definition, level);
  } catch (error) {
    // e.g. Hodges–Lehmann cannot reach 95% with 3 jobs a side, or a baseline of 0.
    const note = `${method} (${messageOf(error)})`;
    const value = mean(b) - mean(a);
    return {
      ...shell,
      absolute: unbounded(value, level, note),
      relative: unbounded(mean(a) === 0 ? NaN : value / mean(a), level, note),
      pValue: mannWhitney(a, b).pValue,
      verdict: 'unresolved',
    };
  }
  return { ...shell, ...estimated, verdict: verdictOf(estimated.absolute, estimated.relative, definition, threshold) };
}

function pairedEstimate(a: readonly number[], b: readonly number[], level: number): { absolute: Estimate; relative: Estimate; pValue: number } {
  const paired = pairedDifference(a, b, level);
  return { absolute: paired.absolute, relative: paired.relative, pValue: paired.pValue };
}

function estimate(
  a: readonly number[],
  b: readonly number[],
  definition: MetricDefinition,
  level: number,
): { absolute: Estimate; relative: Estimate; pValue: number } {
  switch (definition.method) {
    case 'welch': {
      const welch = welchDifference(a, b, level);
      return { absolute: welch.absolute, relative: welch.relative, pValue: welch.pValue };
    }
    case 'hodges-lehmann':
      return { ...hodgesLehmann(a, b, level), pValue: mannWhitney(a, b).pValue };
  }
}

/**
 * faster/slower: the interval of the difference excludes 0 (for lower-is-better metrics a lower
 * candidate is faster); no detectable difference: the interval lies inside ±threshold;
 * unresolved: neither yet (more repetitions may resolve it).
 */
export function verdictOf(absolute: Estimate, relative: Estimate, definition: Pick<MetricDefinition, 'better' | 'unit'>, threshold: Threshold): Verdict {
  const { low, high } = absolute.ci;
  if (low > 0 || high < 0) {
    const increased = low > 0;
    return increased === (definition.better === 'lower') ? 'slower' : 'faster';
  }
  if (threshold.kind === 'relative') {
    if (relative.ci.low >= -threshold.fraction && relative.ci.high <= threshold.fraction) return 'no detectable difference';
  } else if (definition.unit === 'ms' && low >= -threshold.ms && high <= threshold.ms) {
    return 'no detectable difference';
  }
  return 'unresolved';
}

/**
 * A regression: significantly worse (verdict 'slower') and the point estimate worse than the
 * threshold. When the threshold does not apply to the metric, significance alone decides.
 */
export function isRegression(difference: MetricDifference, better: 'lower' | 'higher', threshold: Threshold): boolean {
  if (difference.verdict !== 'slower') return false;
  if (!difference.thresholdApplies) return true;
  const sign = better === 'lower' ? 1 : -1;
  return threshold.kind === 'relative'
    ? sign * difference.relative.value > threshold.fraction
    : sign * difference.absolute.value > threshold.ms;
}
