/**
 * A saved results file as an outcome, without running anything (the CLI's --from): the same
 * table, Markdown and baseline judgement as the run that wrote it. Reads every results file
 * the runner writes, and the lab files of earlier versions (`bench/lab.ts --out`).
 */
import { z } from 'zod';
import { parseCalibrationFile } from '../calibration.ts';
import {
  checkSchemaVersion,
  compareVariants,
  groupByVariant,
  METRIC_IDS,
  parseSuiteResultFile,
  parseThreshold,
  suiteResultFileSchema,
  type MetricId,
  type SuiteResultFile,
} from '../compare/index.ts';
import { DEFAULT_COMPARISON_METRICS } from '../compare/suite.ts';
import { labRunSchema, labSuiteSchema, type LabRun } from '../lab.ts';
import { RESULT_SCHEMA_VERSION } from '../result.ts';
import { SERVING_SUITE_KINDS, servingReportSchema } from '../serving/index.ts';
import { describeIssues, SpecError } from '../spec.ts';
import { STATS_DEFAULTS } from '../stats/index.ts';
import { parseSuite } from '../suite.ts';
import { comparisonOutcome } from './comparison.ts';
import { compareByDevice, devicesOutcome } from './devices.ts';
import { calibrationOutcome } from './calibration.ts';
import type { RunOverrides, ServingResultFile, SuiteOutcome } from './context.ts';
import { labOutcome } from './lab.ts';
import { servingOutcome } from './serving.ts';

const servingResultFileSchema = z.object({
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
  // Files written before the CLI had one runner carry no version.
  tool: z.object({ name: z.literal('firstbatch'), version: z.string().default('unknown') }),
  kind: z.enum(SERVING_SUITE_KINDS),
  report: servingReportSchema,
});

/** Parses a serving suite's results file from untrusted JSON; SpecError names the field. */
export function parseServingResultFile(input: unknown): ServingResultFile {
  checkSchemaVersion(input);
  const parsed = servingResultFileSchema.safeParse(input);
  if (!parsed.success) throw new SpecError('serving results file', describeIssues(parsed.error, input));
  return parsed.data;
}

/** The outcome a saved file describes; SpecError names the bad field of a file that is none of them. */
export function outcomeOfSavedFile(input: unknown, overrides: RunOverrides = {}): SuiteOutcome {
  checkSchemaVersion(input);
  const kind = typeof input === 'object' && input !== null && 'kind' in input ? input.kind : undefined;
  if (kind === 'calibration') return calibrationOutcome(parseCalibrationFile(input));
  if ((SERVING_SUITE_KINDS as readonly unknown[]).includes(kind)) {
    return servingOutcome(parseServingResultFile(input));
  }
  const oldLab = labRunSchema.safeParse(input);
  if (oldLab.success && !suiteResultFileSchema.safeParse(input).success) return savedOutcome(labRunAsFile(oldLab.data), overrides);
  return savedOutcome(parseSuiteResultFile(input), overrides);
}

function savedOutcome(file: SuiteResultFile, overrides: RunOverrides): SuiteOutcome {
  const meta = file.suite;
  const thresholdText = overrides.threshold?.text ?? meta?.threshold ?? '5%';
  const threshold = overrides.threshold?.value ?? parseThreshold(thresholdText);
  const metrics = metricsOf(meta?.metrics);
  const definition = meta?.definition === undefined ? undefined : parseSuite(meta.definition);
  const level = file.sampling?.level ?? STATS_DEFAULTS.level;
  if (meta?.kind === 'lab') {
    if (definition?.kind !== 'lab') throw new SpecError('results file', ['suite.definition must hold the lab suite that ran']);
    return labOutcome({ suite: { ...definition, threshold: thresholdText }, threshold, file, results: file.results, level, sampling: file.sampling });
  }
  const baseline = definition?.kind === 'comparison' ? definition.baseline : undefined;
  if (file.results.some((result) => result.device !== undefined)) {
    const runs = compareByDevice(file.results, { metrics, threshold, level, ...(baseline !== undefined ? { baseline } : {}) });
    return devicesOutcome({ name: meta?.name ?? 'results', metrics, threshold, file, results: file.results, runs });
  }
  const comparison = compareVariants(groupByVariant(file.results), { metrics, threshold, level, paired: true, ...(baseline !== undefined ? { baseline } : {}) });
  return comparisonOutcome({ name: meta?.name ?? 'results', metrics, threshold, file, results: file.results, comparison, sampling: file.sampling });
}

function metricsOf(names: readonly string[] | undefined): MetricId[] {
  if (names === undefined) return [...DEFAULT_COMPARISON_METRICS];
  const parsed = z.array(z.enum(METRIC_IDS)).safeParse(names);
  if (!parsed.success) throw new SpecError('results file', describeIssues(parsed.error, names).map((issue) => `suite.metrics: ${issue}`));
  return parsed.data;
}

/** A lab run saved by `bench/lab.ts --out` as the results file the runner writes now. */
function labRunAsFile(run: LabRun): SuiteResultFile {
  const suite = labSuiteSchema.parse({ ...run.suite, kind: 'lab' });
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'firstbatch', version: 'unknown' },
    suite: { name: suite.name, kind: 'lab', threshold: suite.threshold, metrics: [...suite.metrics], definition: suite },
    results: run.jobs.map((job) => ({ ...job.result, variant: job.variant, repetition: job.round })),
    sampling: { rounds: run.rounds, stop: 'fixed', unresolved: 0, budgetSeconds: suite.budgetSeconds ?? null, elapsedMs: 0 },
  };
}
