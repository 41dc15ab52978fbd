/** Runs a `comparison` suite: interleaved rounds (A B, B A, …), auto-sampling, comparison and baseline judgement. */
import { cpus, loadavg } from 'node:os';
import {
  compareVariants,
  formatComparisonMarkdown,
  formatComparisonTable,
  formatJudgementMarkdown,
  formatJudgementTable,
  formatRegressionLine,
  formatSampling,
  groupByVariant,
  judgeAgainstBaseline,
  lookLevel,
  nextLookRound,
  parseThreshold,
  roundOrder,
  type Comparison,
  type ComparisonSuite,
  type Sampling,
  type SuiteJobResult,
  type Threshold,
} from '../src/core/compare/index.ts';
import { STATS_DEFAULTS } from '../src/core/stats/index.ts';
import { formatResultsTable } from '../src/core/format.ts';
import type { JobResult } from '../src/core/result.ts';
import type { JobSpec } from '../src/core/spec.ts';
import { resolveVariants } from '../src/core/suite.ts';
import { toResultFile } from './result-file.ts';
import type { SuiteContext, SuiteOutcome } from './suite-kinds.ts';

/** Auto-sampling starts from this many rounds: fewer cannot give a useful interval. */
export const MIN_AUTO_SAMPLING_ROUNDS = 3;
/** Auto-sampling stops here whatever the budget. */
const MAX_ROUNDS = 1000;

export async function runComparisonSuite(suite: ComparisonSuite, context: SuiteContext): Promise<SuiteOutcome> {
  const variants = resolveVariants(suite);
  const threshold: Threshold = context.threshold ?? parseThreshold(suite.threshold);
  const budgetSeconds = context.budgetSeconds ?? suite.budgetSeconds ?? null;
  const autoSample = budgetSeconds !== null;
  const initialRounds = autoSample ? Math.max(MIN_AUTO_SAMPLING_ROUNDS, suite.repetitions) : suite.repetitions;
  const results: SuiteJobResult[] = [];
  // Auto-sampling judges the comparison at several looks; each look's intervals are wider so
  // that all looks together keep the suite's level (src/core/compare/sequential.ts).
  let looks = 0;
  const look = (): Comparison => {
    looks++;
    const level = autoSample ? lookLevel(STATS_DEFAULTS.level, looks) : STATS_DEFAULTS.level;
    return compareVariants(groupByVariant(results), {
      metrics: suite.metrics,
      threshold,
      level,
      paired: true,
      ...(suite.baseline !== undefined ? { baseline: suite.baseline } : {}),
    });
  };

  const startedMs = context.now();
  context.progress.setTotal(initialRounds * variants.length, autoSample);
  const runRound = async (repetition: number): Promise<void> => {
    for (const variant of roundOrder(variants.length, repetition).map((index) => variants[index]!)) {
      const label = `${variant.name} #${repetition + 1}`;
      const host = { loadAverage1m: loadavg()[0] ?? 0, cpuCount: Math.max(1, cpus().length) };
      const result: JobResult = await context.runJob(variant.spec, label);
      results.push({ ...result, variant: variant.name, repetition, host });
    }
  };
  let rounds = 0;
  for (; rounds < initialRounds; rounds++) await runRound(rounds);
  let comparison = look();
  let stop: Sampling['stop'] = 'fixed';
  if (autoSample) {
    const budgetMs = budgetSeconds * 1000;
    let lookRound = rounds;
    while (!comparison.resolved && rounds < MAX_ROUNDS) {
      const nextLook = Math.min(nextLookRound(lookRound), MAX_ROUNDS);
      context.progress.setTotal(nextLook * variants.length, true);
      context.progress.note(
        `auto-sampling: ${unresolvedCount(comparison)} differences unresolved after ${rounds} rounds; next look after round ${nextLook}`,
      );
      let budgetEnded = false;
      while (rounds < nextLook) {
        const elapsedMs = context.now() - startedMs;
        if (elapsedMs + elapsedMs / rounds > budgetMs) {
          budgetEnded = true;
          break;
        }
        await runRound(rounds);
        rounds++;
      }
      if (rounds > lookRound) {
        comparison = look();
        lookRound = rounds;
      }
      if (budgetEnded) break;
    }
    stop = comparison.resolved ? 'resolved' : 'budget';
  }
  context.progress.finish();
  const sampling: Sampling = {
    rounds,
    stop,
    unresolved: unresolvedCount(comparison),
    budgetSeconds,
    elapsedMs: context.now() - startedMs,
    ...(autoSample ? { looks, level: comparison.level } : {}),
  };
  const file = toResultFile(results, {
    suite: { name: suite.name, kind: suite.kind, threshold: context.thresholdText ?? suite.threshold, metrics: [...suite.metrics] },
    sampling,
    comparison,
  });
  const singleRound = rounds < 2;
  const title = `firstbatch: ${suite.name}`;
  return {
    file,
    results,
    table: singleRound
      ? `${formatResultsTable(results, results.map((r) => r.variant ?? ''))}\n(${rounds} round: values only; set "repetitions" ≥ ${MIN_AUTO_SAMPLING_ROUNDS} in the suite to compare with statistics)`
      : formatComparisonTable(comparison, sampling),
    markdown: formatComparisonMarkdown(comparison, { title, sampling }),
    samplingLine: autoSample ? formatSampling(sampling) : null,
    judge(baseline) {
      const judgement = judgeAgainstBaseline(groupByVariant(results), groupByVariant(baseline.results), { metrics: suite.metrics, threshold });
      judgement.notes.push(...loadNotes(baseline.results, results));
      return {
        judged: judgement.variants.length,
        regressions: judgement.regressions.length,
        table: formatJudgementTable(judgement),
        markdown: formatJudgementMarkdown(judgement),
        line: formatRegressionLine(judgement),
      };
    },
  };
}

function unresolvedCount(comparison: Comparison): number {
  return comparison.metrics.reduce((n, m) => n + m.differences.filter((d) => d.verdict === 'unresolved' && d.thresholdApplies).length, 0);
}

/** Job flags on the command line (every combination) as an in-memory comparison suite. */
export function suiteFromSpecs(specs: readonly { name: string; spec: JobSpec }[], repetitions: number): ComparisonSuite {
  return {
    kind: 'comparison',
    name: 'command line',
    base: {},
    variants: specs.map(({ name, spec }) => ({ name, spec: { ...spec } })),
    metrics: ['ttfb.totalMs', 'steps.medianMs', 'serving.p50Ms'],
    repetitions,
    threshold: '5%',
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
