/**
 * The serving scenario registry. A scenario is one descriptor (descriptor.ts: suite and report
 * schema, driver, Markdown, failure check, form), written in its own file of this folder with
 * its form beside it (<kind>.form.ts); it is added by one line in SCENARIOS. Everything else —
 * the suite-file union, the report union, the kinds, the dispatch, the web app's forms and
 * presets — is derived from that list; the app's report layout (src/ui/fb-serving-report.ts) is
 * a record over the kinds, so the compiler asks for it.
 */
import { z } from 'zod';
import { describeIssues, SpecError } from '../../spec.ts';
import { pluck } from '../../tuple.ts';
import type { ServingHost, ServingProgress } from '../host.ts';
import { LIMITS } from '../../defaults.ts';
import { canaryScenario } from './canary.ts';
import { coldScenario } from './cold.ts';
import type { ScenarioDescriptor } from './descriptor.ts';
import { driftScenario } from './drift.ts';
import type { ScenarioForm } from './form.ts';
import { multistageScenario } from './multistage.ts';
import { offlineScenario } from './offline.ts';
import { serverScenario } from './server.ts';
import { singleStreamScenario } from './single-stream.ts';

/** Every serving scenario, in the order of the suite-file union (bench/suite.schema.json). */
export const SCENARIOS = [
  serverScenario, singleStreamScenario, offlineScenario, coldScenario, multistageScenario, canaryScenario, driftScenario,
] as const satisfies readonly ScenarioDescriptor[];

type Scenario = (typeof SCENARIOS)[number];

/** Every serving suite kind's schema, for the suite-file union. */
export const SERVING_SUITE_SCHEMAS = pluck(SCENARIOS, 'suiteSchema');

export const servingSuiteSchema = z.discriminatedUnion('kind', SERVING_SUITE_SCHEMAS);
export type ServingSuite = z.output<typeof servingSuiteSchema>;
export type ServingSuiteKind = ServingSuite['kind'];
export const SERVING_SUITE_KINDS = pluck(SCENARIOS, 'kind');

export const servingReportSchema = z.discriminatedUnion('kind', pluck(SCENARIOS, 'reportSchema'));
export type ServingReport = z.output<typeof servingReportSchema>;

/** Every suite field that holds a serving model: the model roles of the scenarios' forms. */
export const SERVING_MODEL_FIELDS: readonly string[] = [...new Set(SCENARIOS.flatMap((scenario) => scenario.form.models.map((model) => model.role)))];

/** The job spec's ranges under every model field, so a bad value reads "baseline.width must be ≤ 4096 (got 5000, allowed 8…4096)". */
export const SERVING_FIELD_RANGES: Readonly<Record<string, { min: number; max: number }>> = Object.fromEntries(
  SERVING_MODEL_FIELDS.flatMap((field) => Object.entries(LIMITS).map(([name, limit]) => [`${field}.${name}`, limit])),
);

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

type SuiteOf<K extends ServingSuiteKind> = Extract<ServingSuite, { kind: K }>;
type ReportOf<K extends ServingSuiteKind> = Extract<ServingReport, { kind: K }>;

/** A scenario's driver, Markdown and failure check, typed by its kind (so a suite reaches its own driver). */
interface Handlers<K extends ServingSuiteKind> {
  run(suite: SuiteOf<K>, host: ServingHost, progress: ServingProgress): Promise<ReportOf<K>>;
  format(report: ReportOf<K>): string;
  failure(report: ReportOf<K>): string | null;
  readonly form: ScenarioForm;
}

/** The scenarios by kind; the type makes the compiler check that each kind has its own. */
const BY_KIND: { readonly [K in ServingSuiteKind]: Handlers<K> } = Object.fromEntries(SCENARIOS.map((scenario) => [scenario.kind, scenario])) as {
  readonly [D in Scenario as D['kind']]: D;
};

function scenarioOf<K extends ServingSuiteKind>(kind: K): Handlers<K> {
  return BY_KIND[kind];
}

/** Runs a parsed suite's scenario on `host`. */
export function runScenario(suite: ServingSuite, host: ServingHost, progress: ServingProgress): Promise<ServingReport> {
  return scenarioOf(suite.kind).run(suite, host, progress);
}

/** The outcome of a serving report in one sentence per finding, then tables. */
export function formatServingMarkdown(report: ServingReport): string {
  return scenarioOf(report.kind).format(report);
}

/** CI outcome: did the report find what the suite is guarding against? (non-null = exit 1, with the reason) */
export function servingFailure(report: ServingReport): string | null {
  return scenarioOf(report.kind).failure(report);
}

/** A kind's form (fields, models, presets), for the web app. */
export function scenarioForm(kind: ServingSuiteKind): ScenarioForm {
  return scenarioOf(kind).form;
}
