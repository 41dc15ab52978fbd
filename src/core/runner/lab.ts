/**
 * The `lab` kind: the comparison's rounds and auto-sampling, judging TTFB against the cold
 * default, then the lab's summary (what each knob saved, the recommendation) at the level of
 * the look where sampling stopped.
 */
import { formatSampling, type Comparison, type Sampling, type SuiteJobResult, type SuiteResultFile, type Threshold } from '../compare/index.ts';
import { formatLabMarkdown, formatLabTable, summarizeLab, type LabRun, type LabSuite } from '../lab.ts';
import { judgeWith, runVariantSuite } from './comparison.ts';
import type { RunnerContext, RunOverrides, SuiteOutcome } from './context.ts';
import { withEfficiency } from './efficiency.ts';

/** What auto-sampling of a lab waits for: every TTFB difference against the baseline. */
export const LAB_SAMPLING_METRICS = ['ttfb.totalMs'] as const;

export async function runLab(suite: LabSuite, context: RunnerContext, overrides: RunOverrides): Promise<SuiteOutcome<'lab'>> {
  const { settings, results, comparison, sampling, file } = await runVariantSuite(suite, LAB_SAMPLING_METRICS, context, overrides);
  return labOutcome({ suite: { ...suite, threshold: settings.thresholdText }, threshold: settings.threshold, file, results, level: comparison.level, sampling });
}

/** The outcome of a lab, from a run or from a saved results file. */
export function labOutcome(run: {
  /** The suite with the threshold it ran with. */
  suite: LabSuite;
  threshold: Threshold;
  file: SuiteResultFile;
  results: readonly SuiteJobResult[];
  /** Level of the intervals: the sampling comparison's. */
  level: Comparison['level'];
  sampling: Sampling | undefined;
}): SuiteOutcome<'lab'> {
  const { suite, results, sampling } = run;
  const labRun: LabRun = {
    suite,
    startedAt: results[0]?.env?.date ?? '',
    rounds: sampling?.rounds ?? Math.max(0, ...results.map((r) => (r.repetition ?? 0) + 1)),
    jobs: results.map((result) => ({ variant: result.variant ?? '', round: result.repetition ?? 0, result })),
  };
  const summary = summarizeLab(labRun, { level: run.level, paired: true });
  const samplingLine = sampling && sampling.stop !== 'fixed' ? formatSampling(sampling) : null;
  const sampled = sampling ? `sampling: ${formatSampling(sampling)}` : null;
  return withEfficiency({
    kind: 'lab',
    file: run.file,
    results,
    table: [formatLabTable(summary), ...(sampled ? [sampled] : [])].join('\n'),
    markdown: [formatLabMarkdown(summary), ...(sampled ? [`<sub>${sampled}</sub>`, ''] : [])].join('\n'),
    samplingLine,
    failure: null,
    judge: judgeWith(results, suite.metrics, run.threshold),
  }, results, run.file.peaks ?? []);
}
