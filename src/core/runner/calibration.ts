/**
 * The `calibration` kind: A/A and A/B two-variant comparisons, mixed in time, each run through
 * the comparison's rounds and auto-sampling (src/core/calibration.ts says why and what it reports).
 */
import {
  calibrationHeadline,
  calibrationOrder,
  formatCalibrationComparison,
  formatCalibrationMarkdown,
  formatCalibrationTable,
  resolveCalibration,
  type CalibrationComparison,
  type CalibrationFile,
  type CalibrationKind,
  type CalibrationReport,
  type CalibrationSuite,
  type RelativeVerdict,
} from '../calibration.ts';
import { compareVariants, groupByVariant, metricValue, type MetricDifference, type MetricId, type SuiteJobResult } from '../compare/index.ts';
import { ROUNDS_DEFAULTS } from '../defaults.ts';
import { RESULT_SCHEMA_VERSION } from '../result.ts';
import { finiteOrNull, mean } from '../stats/index.ts';
import { effectiveSettings } from './comparison.ts';
import type { RunnerContext, RunOverrides, RunProgress, SuiteOutcome } from './context.ts';
import { runRounds } from './rounds.ts';

export async function runCalibration(suite: CalibrationSuite, context: RunnerContext, overrides: RunOverrides): Promise<SuiteOutcome<'calibration'>> {
  const settings = effectiveSettings(suite, overrides);
  const ran: CalibrationSuite = { ...suite, threshold: settings.thresholdText, budgetSeconds: settings.budgetSeconds ?? suite.budgetSeconds };
  const specs = resolveCalibration(suite);
  const order = calibrationOrder(suite.aa, suite.ab);
  const results: SuiteJobResult[] = [];
  const comparisons: CalibrationComparison[] = [];
  const values = { a: [] as number[], b: [] as number[] };
  const jobsPerComparison = Math.max(ROUNDS_DEFAULTS.minAutoSamplingRounds, suite.repetitions) * 2;
  context.progress.note(calibrationHeadline(ran));
  for (const [index, kind] of order.entries()) {
    const progress = spanProgress(context.progress, results.length, (order.length - index - 1) * jobsPerComparison);
    const { results: jobs, comparison, sampling } = await runRounds(
      {
        variants: [
          { name: 'A', spec: specs.a },
          { name: 'B', spec: kind === 'A/A' ? specs.a : specs.b },
        ],
        metrics: [suite.metric],
        threshold: settings.threshold,
        repetitions: suite.repetitions,
        budgetSeconds: ran.budgetSeconds,
        labelPrefix: `${index + 1}/${order.length} ${kind}: `,
      },
      { ...context, progress },
    );
    results.push(...jobs);
    collectCost(values, jobs, kind, suite.metric);
    const ttfb = compareVariants(groupByVariant(jobs), { metrics: ['ttfb.totalMs'], threshold: settings.threshold, level: comparison.level, paired: true });
    const outcome: CalibrationComparison = {
      kind,
      metric: relativeOf(comparison.metrics[0]?.differences[0]),
      level: comparison.level,
      rounds: sampling.rounds,
      looks: sampling.looks ?? 1,
      stop: sampling.stop,
      elapsedMs: sampling.elapsedMs,
      ttfb: relativeOf(ttfb.metrics[0]?.differences[0]),
    };
    comparisons.push(outcome);
    context.progress.note(formatCalibrationComparison(ran, outcome, index, order.length));
    context.checkpoint?.(fileOf());
  }
  return calibrationOutcome(fileOf());

  function fileOf(): CalibrationFile {
    const report: CalibrationReport = {
      suite: ran,
      comparisons: [...comparisons],
      cost:
        values.a.length > 0 && values.b.length > 0
          ? { a: { n: values.a.length, mean: mean(values.a) }, b: { n: values.b.length, mean: mean(values.b) }, ratio: mean(values.b) / mean(values.a) }
          : null,
      jobCount: results.length,
      failedJobCount: results.filter((r) => r.error).length,
    };
    return { schemaVersion: RESULT_SCHEMA_VERSION, tool: { name: 'firstbatch', version: context.toolVersion }, kind: 'calibration', report, results: [...results] };
  }
}

/** The outcome of a calibration, from a run or from a saved file. */
export function calibrationOutcome(file: CalibrationFile): SuiteOutcome<'calibration'> {
  return {
    kind: 'calibration',
    file,
    results: file.results,
    table: formatCalibrationTable(file.report),
    markdown: formatCalibrationMarkdown(file.report),
    samplingLine: null,
    failure: null,
  };
}

/** Jobs of configuration B are variant B of an A/B comparison; every other job ran configuration A. */
function collectCost(values: { a: number[]; b: number[] }, jobs: readonly SuiteJobResult[], kind: CalibrationKind, metric: MetricId): void {
  for (const job of jobs) {
    const value = metricValue(job, metric);
    if (value === null) continue;
    (kind === 'A/B' && job.variant === 'B' ? values.b : values.a).push(value);
  }
}

function relativeOf(difference: MetricDifference | undefined): RelativeVerdict {
  if (!difference) return { verdict: 'unresolved', relative: null, ci: [null, null] };
  const { relative } = difference;
  return { verdict: difference.verdict, relative: finiteOrNull(relative.value), ci: [finiteOrNull(relative.ci.low), finiteOrNull(relative.ci.high)] };
}

/**
 * Progress of one comparison inside the whole calibration: totals count the jobs already run
 * and the later comparisons' first rounds; only the calibration as a whole finishes.
 */
function spanProgress(outer: RunProgress, doneBefore: number, laterJobs: number): RunProgress {
  return {
    setTotal: (jobCount, more) => outer.setTotal(doneBefore + jobCount + laterJobs, more || laterJobs > 0),
    note: (line) => outer.note(line),
    finish: () => undefined,
  };
}
