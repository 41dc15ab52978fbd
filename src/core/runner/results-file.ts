/** The versioned results files the runner writes (tachometer's json-output.ts is the model: one explicit mapper per format). */
import { parseSuiteResultFile, type Sampling, type SuiteJobResult, type SuiteResultFile } from '../compare/index.ts';
import { toRecordJudgement } from '../compare/judgement.ts';
import { RESULT_SCHEMA_VERSION } from '../result.ts';
import type { DevicePeak } from '../efficiency/peak.ts';
import type { ServingReport } from '../serving/index.ts';
import type { ServingResultFile } from './context.ts';

/**
 * The results file of a suite of variants (schemaVersion 1: every job result, plus its variant,
 * repetition, the comparison and how sampling ended), checked against its schema before it is
 * written. Infinite interval ends (too few samples) become null in JSON.
 */
export function toResultFile(
  results: readonly SuiteJobResult[],
  extra: { toolVersion: string; createdAt?: string; suite?: SuiteResultFile['suite']; sampling?: Sampling; comparison?: Parameters<typeof toRecordJudgement>[0]; peaks?: readonly DevicePeak[]; devices?: SuiteResultFile['devices'] },
): SuiteResultFile {
  const { toolVersion, comparison, peaks, ...rest } = extra;
  const file = parseSuiteResultFile({
    schemaVersion: RESULT_SCHEMA_VERSION, tool: { name: 'firstbatch', version: toolVersion }, results, ...withoutUndefined(rest),
    ...(peaks && peaks.length > 0 ? { peaks } : {}),
  });
  return comparison === undefined ? file : { ...file, comparison: toRecordJudgement(comparison) };
}

/** The results file of a serving suite. */
export function toServingResultFile(report: ServingReport, toolVersion: string): ServingResultFile {
  return { schemaVersion: RESULT_SCHEMA_VERSION, tool: { name: 'firstbatch', version: toolVersion }, kind: report.kind, report };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
