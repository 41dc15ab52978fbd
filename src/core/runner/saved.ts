/**
 * A saved results file as an outcome, without running anything (the CLI's --from): the same
 * table, Markdown and baseline judgement as the run that wrote it. Reads every results file
 * the runner writes, each by its kind's reader (src/core/runner/kinds/), and the files of earlier
 * versions a kind reads (the lab command's, before the `lab` suite kind).
 */
import { COMPARE_DEFAULTS } from '../defaults.ts';
import { z } from 'zod';
import { checkSchemaVersion, METRIC_IDS, parseSuiteResultFile, parseThreshold, type MetricId, type SuiteResultFile } from '../compare/index.ts';
import { DEFAULT_COMPARISON_METRICS } from '../compare/suite.ts';
import { RESULT_SCHEMA_VERSION } from '../result.ts';
import { SERVING_SUITE_KINDS, servingReportSchema } from '../serving/index.ts';
import { describeIssues, parseWith, SpecError } from '../spec.ts';
import { STATS_DEFAULTS } from '../stats/index.ts';
import { isSuiteOfKind, jobKind, parseSuite, SUITE_KINDS, type JobSuiteKind, type JobSuiteOf, type SuiteKind } from '../suite.ts';
import type { RunOverrides, ServingResultFile, SuiteOutcome } from './context.ts';
import type { SavedResults } from './kind.ts';
import { comparisonKind } from './kinds/comparison.ts';
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
  return parseWith(servingResultFileSchema, 'serving results file', input);
}

/** The outcome a saved file describes; SpecError names the bad field of a file that is none of them. */
export function outcomeOfSavedFile(input: unknown, overrides: RunOverrides = {}): SuiteOutcome<SuiteKind> {
  checkSchemaVersion(input);
  const kind = typeof input === 'object' && input !== null && 'kind' in input ? input.kind : undefined;
  const own = SUITE_KINDS.find((descriptor) => descriptor.kind === kind);
  if (own !== undefined && own.saved.file === 'own') return own.saved.read(input);
  if ((SERVING_SUITE_KINDS as readonly unknown[]).includes(kind)) {
    return servingOutcome(parseServingResultFile(input));
  }
  const earlier = SUITE_KINDS.map((descriptor) => (descriptor.saved.file === 'results' ? descriptor.saved.earlier?.(input) ?? null : null)).find((file) => file !== null);
  return savedOutcome(earlier ?? parseSuiteResultFile(input), overrides);
}

/** The runner's results file, read by the kind its suite names; a file that names none (job flags, versions before suites) holds a comparison. */
function savedOutcome(file: SuiteResultFile, overrides: RunOverrides): SuiteOutcome<SuiteKind> {
  const meta = file.suite;
  const thresholdText = overrides.threshold?.text ?? meta?.threshold ?? COMPARE_DEFAULTS.threshold;
  const threshold = overrides.threshold?.value ?? parseThreshold(thresholdText);
  const metrics = metricsOf(meta?.metrics);
  const definition = meta?.definition === undefined ? undefined : parseSuite(meta.definition);
  const level = file.sampling?.level ?? STATS_DEFAULTS.level;
  const saved = <K extends JobSuiteKind>(kind: K): SavedResults<JobSuiteOf<K>> => ({
    file, definition: definition !== undefined && isSuiteOfKind(definition, kind) ? definition : undefined, threshold, thresholdText, metrics, level,
  });
  const named = SUITE_KINDS.find((descriptor) => descriptor.kind === meta?.kind);
  return (named && readResults(named.kind, saved(named.kind))) ?? comparisonKind.saved.read(saved('comparison'));
}

/** A results file read by `kind`'s reader; null for a kind that saves a file of its own. */
function readResults<K extends JobSuiteKind>(kind: K, saved: SavedResults<JobSuiteOf<K>>): SuiteOutcome<K> | null {
  const reader = jobKind(kind).saved;
  return reader.file === 'results' ? reader.read(saved) : null;
}

function metricsOf(names: readonly string[] | undefined): MetricId[] {
  if (names === undefined) return [...DEFAULT_COMPARISON_METRICS];
  const parsed = z.array(z.enum(METRIC_IDS)).safeParse(names);
  if (!parsed.success) throw new SpecError('results file', describeIssues(parsed.error, names).map((issue) => `suite.metrics: ${issue}`));
  return parsed.data;
}
