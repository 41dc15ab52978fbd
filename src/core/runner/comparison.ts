/** The `comparison` kind: interleaved rounds, auto-sampling, the comparison table and the baseline judgement. */
import {
  formatComparisonMarkdown,
  formatComparisonTable,
  formatJudgementMarkdown,
  formatJudgementTable,
  formatRegressionLine,
  formatSampling,
  groupByVariant,
  judgeAgainstBaseline,
  parseThreshold,
  type Comparison,
  type ComparisonSuite,
  type MetricId,
  type Sampling,
  type SuiteJobResult,
  type SuiteResultFile,
  type Threshold,
} from '../compare/index.ts';
import { DEFAULT_COMPARISON_METRICS, resolveVariants } from '../compare/suite.ts';
import type { LabSuite } from '../lab.ts';
import { COMPARE_DEFAULTS, ROUNDS_DEFAULTS } from '../defaults.ts';
import { formatResultsTable } from '../format.ts';
import type { JobSpec } from '../spec.ts';
import type { BaselineVerdict, RunnerContext, RunOverrides, SuiteOutcome } from './context.ts';
import { measurePeaks, withEfficiency } from './efficiency.ts';
import { toResultFile } from './results-file.ts';
import { runRounds } from './rounds.ts';

/** A suite's threshold and budget after the command line's overrides. */
export function effectiveSettings(
  suite: { threshold: string; budgetSeconds?: number | undefined },
  overrides: RunOverrides,
): { threshold: Threshold; thresholdText: string; budgetSeconds: number | null } {
  return {
    threshold: overrides.threshold?.value ?? parseThreshold(suite.threshold),
    thresholdText: overrides.threshold?.text ?? suite.threshold,
    budgetSeconds: overrides.budgetSeconds ?? suite.budgetSeconds ?? null,
  };
}

/**
 * A variant suite's rounds (comparison or lab): the device peaks when a variant counts its work,
 * interleaved rounds with auto-sampling on `metrics`, and the versioned results file.
 */
export async function runVariantSuite(
  suite: ComparisonSuite | LabSuite,
  metrics: readonly MetricId[],
  context: RunnerContext,
  overrides: RunOverrides,
): Promise<{ settings: ReturnType<typeof effectiveSettings>; results: SuiteJobResult[]; comparison: Comparison; sampling: Sampling | undefined; file: SuiteResultFile }> {
  const settings = effectiveSettings(suite, overrides);
  const meta = { name: suite.name, kind: suite.kind, threshold: settings.thresholdText, metrics: [...suite.metrics], definition: suite };
  const variants = resolveVariants(suite);
  const peaks = await measurePeaks(variants, context);
  const { results, comparison, sampling } = await runRounds(
    {
      variants,
      metrics,
      baseline: suite.baseline,
      threshold: settings.threshold,
      repetitions: suite.repetitions,
      budgetSeconds: settings.budgetSeconds,
      onRound: checkpointOf(context, meta),
    },
    context,
  );
  const file = toResultFile(results, { toolVersion: context.toolVersion, suite: meta, sampling, comparison, peaks });
  return { settings, results, comparison, sampling, file };
}

export async function runComparison(suite: ComparisonSuite, context: RunnerContext, overrides: RunOverrides): Promise<SuiteOutcome<'comparison'>> {
  const { settings, results, comparison, sampling, file } = await runVariantSuite(suite, suite.metrics, context, overrides);
  return comparisonOutcome({ name: suite.name, metrics: suite.metrics, threshold: settings.threshold, file, results, comparison, sampling });
}

/** The context's checkpoint as a rounds callback: the results file so far after each round. */
export function checkpointOf(context: RunnerContext, suite: NonNullable<SuiteResultFile['suite']>): ((results: readonly SuiteJobResult[]) => void) | undefined {
  const { checkpoint } = context;
  return checkpoint ? (results) => checkpoint(toResultFile(results, { toolVersion: context.toolVersion, suite })) : undefined;
}

/** The outcome of a comparison, from a run or from a saved results file. */
export function comparisonOutcome(run: {
  name: string;
  metrics: readonly MetricId[];
  threshold: Threshold;
  file: SuiteResultFile;
  results: readonly SuiteJobResult[];
  comparison: Comparison;
  sampling: Sampling | undefined;
}): SuiteOutcome<'comparison'> {
  const { comparison, sampling, results } = run;
  const rounds = sampling?.rounds ?? Math.max(0, ...results.map((r) => (r.repetition ?? 0) + 1));
  const autoSample = sampling !== undefined && sampling.stop !== 'fixed';
  return withEfficiency({
    kind: 'comparison',
    file: run.file,
    results,
    table:
      rounds < 2
        ? `${formatResultsTable(results, results.map((r) => r.variant ?? ''))}\n(${rounds} round: values only; set "repetitions" ≥ ${ROUNDS_DEFAULTS.minAutoSamplingRounds} in the suite to compare with statistics)`
        : formatComparisonTable(comparison, sampling),
    markdown: formatComparisonMarkdown(comparison, { title: `firstbatch: ${run.name}`, ...(sampling ? { sampling } : {}) }),
    samplingLine: autoSample && sampling ? formatSampling(sampling) : null,
    failure: null,
    judge: judgeWith(results, run.metrics, run.threshold),
  }, results, run.file.peaks ?? []);
}

/** Judges `results` against a saved run, variant by variant, with the machine-load notes. */
export function judgeWith(results: readonly SuiteJobResult[], metrics: readonly MetricId[], threshold: Threshold): NonNullable<SuiteOutcome['judge']> {
  return (baseline, options = {}) => {
    const judged = options.exclude === undefined ? results : results.filter((result) => !options.exclude?.includes(result.variant ?? ''));
    const judgement = judgeAgainstBaseline(groupByVariant(judged), groupByVariant(baseline.results), { metrics, threshold, ...(options.against !== undefined ? { against: options.against } : {}) });
    judgement.notes.push(...loadNotes(baseline.results, results));
    return {
      judged: judgement.variants.length,
      regressions: judgement.regressions.length,
      table: formatJudgementTable(judgement),
      markdown: formatJudgementMarkdown(judgement),
      line: formatRegressionLine(judgement),
    };
  };
}

/**
 * The baseline and this run are not interleaved: a busier machine slows every CPU-bound job (and
 * SwiftShader's WebGPU is CPU-bound). Say so when the load differs by half a core per CPU or more.
 */
export function loadNotes(before: readonly SuiteJobResult[], after: readonly SuiteJobResult[]): string[] {
  const load = (results: readonly SuiteJobResult[]): { mean: number; cpuCount: number } | null => {
    const hosts = results.flatMap((r) => (r.host ? [r.host] : []));
    if (hosts.length === 0) return null;
    return { mean: hosts.reduce((sum, h) => sum + h.loadAverage1m, 0) / hosts.length, cpuCount: hosts[0]!.cpuCount };
  };
  const a = load(before);
  const b = load(after);
  if (!a || !b) return [];
  const line = `machine load (1-min average, ${b.cpuCount} CPUs): baseline ${a.mean.toFixed(1)}, this run ${b.mean.toFixed(1)}`;
  return Math.abs(a.mean - b.mean) >= 0.5 * b.cpuCount
    ? [`${line}: the runs are not on an equally busy machine, so timings may differ for that reason alone`]
    : [line];
}

/** Full job specs (job flags on the command line, the web app's plan) as an in-memory comparison suite. */
export function comparisonSuiteOf(plan: {
  name: string;
  variants: readonly { name: string; spec: JobSpec }[];
  repetitions: number;
  threshold?: string;
  metrics?: readonly MetricId[];
  budgetSeconds?: number;
}): ComparisonSuite {
  return {
    kind: 'comparison',
    name: plan.name,
    base: {},
    variants: plan.variants.map(({ name, spec }) => ({ name, spec: { ...spec } })),
    metrics: [...(plan.metrics ?? DEFAULT_COMPARISON_METRICS)],
    repetitions: plan.repetitions,
    threshold: plan.threshold ?? COMPARE_DEFAULTS.threshold,
    ...(plan.budgetSeconds !== undefined ? { budgetSeconds: plan.budgetSeconds } : {}),
  };
}
