/**
 * The serving scenario registry: every kind's suite and report schema in one union, and the
 * exhaustive dispatch to its driver, Markdown and failure check. A new scenario is one file in
 * this folder (schema, report, format, failure, driver) plus its cases here.
 */
import { z } from 'zod';
import { assertNever } from '../../assert.ts';
import { describeIssues, SpecError } from '../../spec.ts';
import type { ServingHost, ServingProgress } from '../host.ts';
import { SERVING_FIELD_RANGES } from '../model.ts';
import { canaryFailure, canaryReportSchema, canarySuiteSchema, formatCanary, runCanary } from './canary.ts';
import { coldFailure, coldReportSchema, coldSuiteSchema, formatCold, runCold } from './cold.ts';
import { driftFailure, driftReportSchema, driftSuiteSchema, formatDrift, runDrift } from './drift.ts';
import { formatMultistage, multistageFailure, multistageReportSchema, multistageSuiteSchema, runMultistage } from './multistage.ts';
import { formatOffline, offlineFailure, offlineReportSchema, offlineSuiteSchema, runOffline } from './offline.ts';
import { formatServer, runServer, serverFailure, serverReportSchema, serverSuiteSchema } from './server.ts';
import { formatSingleStream, runSingleStream, singleStreamFailure, singleStreamReportSchema, singleStreamSuiteSchema } from './single-stream.ts';

/** Every serving suite kind, for the suite-file union. */
export const SERVING_SUITE_SCHEMAS = [
  serverSuiteSchema, singleStreamSuiteSchema, offlineSuiteSchema, coldSuiteSchema,
  multistageSuiteSchema, canarySuiteSchema, driftSuiteSchema,
] as const;

export const servingSuiteSchema = z.discriminatedUnion('kind', SERVING_SUITE_SCHEMAS);
export type ServingSuite = z.output<typeof servingSuiteSchema>;
export type ServingSuiteKind = ServingSuite['kind'];
export const SERVING_SUITE_KINDS = ['server', 'single-stream', 'offline', 'cold', 'multistage', 'canary', 'drift'] as const satisfies readonly ServingSuiteKind[];

export const servingReportSchema = z.discriminatedUnion('kind', [
  serverReportSchema, singleStreamReportSchema, offlineReportSchema, coldReportSchema,
  multistageReportSchema, canaryReportSchema, driftReportSchema,
]);
export type ServingReport = z.output<typeof servingReportSchema>;

/** Parses a serving suite from untrusted input; SpecError names every bad field ("baseline.width must be ≤ 4096 (got 5000, allowed 8…4096)"). */
export function parseServingSuite(input: unknown): ServingSuite {
  const parsed = servingSuiteSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const messages = describeIssues(parsed.error, input, SERVING_FIELD_RANGES);
  throw new SpecError('serving suite', parsed.error.issues.map((issue, i) => {
    const renamed = issue.code === 'unrecognized_keys' ? issue.keys.filter((key) => key in RENAMED_MODEL_FIELDS) : [];
    const hint = renamed.map((key) => `${key} → ${RENAMED_MODEL_FIELDS[key]}`).join(', ');
    return hint ? `${messages[i]} (a serving model is a job spec: ${hint})` : messages[i]!;
  }));
}

/** Fields of the serving model before it became a job spec, and their job-spec names. */
const RENAMED_MODEL_FIELDS: Readonly<Record<string, string>> = { trainSteps: 'steps', trainBatchSize: 'batchSize', queryBatchSize: 'servingBatchSize' };

/** Runs a parsed suite's scenario on `host`. */
export function runScenario(suite: ServingSuite, host: ServingHost, progress: ServingProgress): Promise<ServingReport> {
  switch (suite.kind) {
    case 'server': return runServer(suite, host, progress);
    case 'single-stream': return runSingleStream(suite, host, progress);
    case 'offline': return runOffline(suite, host, progress);
    case 'cold': return runCold(suite, host, progress);
    case 'multistage': return runMultistage(suite, host, progress);
    case 'canary': return runCanary(suite, host, progress);
    case 'drift': return runDrift(suite, host, progress);
    default: return assertNever(suite, 'serving suite kind');
  }
}

/** The outcome of a serving report in one sentence per finding, then tables. */
export function formatServingMarkdown(report: ServingReport): string {
  switch (report.kind) {
    case 'server': return formatServer(report);
    case 'single-stream': return formatSingleStream(report);
    case 'offline': return formatOffline(report);
    case 'cold': return formatCold(report);
    case 'multistage': return formatMultistage(report);
    case 'canary': return formatCanary(report);
    case 'drift': return formatDrift(report);
    default: return assertNever(report, 'serving report kind');
  }
}

/** CI outcome: did the report find what the suite is guarding against? (non-null = exit 1, with the reason) */
export function servingFailure(report: ServingReport): string | null {
  switch (report.kind) {
    case 'server': return serverFailure(report);
    case 'single-stream': return singleStreamFailure(report);
    case 'offline': return offlineFailure(report);
    case 'cold': return coldFailure(report);
    case 'multistage': return multistageFailure(report);
    case 'canary': return canaryFailure(report);
    case 'drift': return driftFailure(report);
    default: return assertNever(report, 'serving report kind');
  }
}
