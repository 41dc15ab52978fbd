/**
 * Suite files: JSON validated by one schema, a discriminated union on `kind`. A kind that runs
 * jobs is one descriptor (src/core/runner/kind.ts: schema, resolve step, run options, run, saved
 * file reader) in src/core/runner/kinds/<kind>.ts, its schema beside its other pure code in
 * src/core/, added by one line in SUITE_KINDS below. A serving kind is a scenario descriptor,
 * added in src/core/serving/scenarios/index.ts. The union, parseSuite, the runner's dispatch
 * (src/core/runner/run-suite.ts, saved.ts) and bench/suite.schema.json (`npm run suite-schema`)
 * are derived from the two lists.
 */
import { z } from 'zod';
import type { RunnerContext, RunOverrides, SuiteOutcome } from './runner/context.ts';
import type { JobKindDescriptor, SavedReader } from './runner/kind.ts';
import { calibrationKind } from './runner/kinds/calibration.ts';
import { comparisonKind } from './runner/kinds/comparison.ts';
import { interleavedKind } from './runner/kinds/interleaved.ts';
import { labKind } from './runner/kinds/lab.ts';
import type { RunOption } from './runner/options.ts';
import { SERVING_SUITE_KINDS, SERVING_SUITE_SCHEMAS, type ServingSuite } from './serving/index.ts';
import { parseWith } from './spec.ts';
import { pluck } from './tuple.ts';

export { resolveCalibration } from './calibration.ts';
export { resolveVariants, type ResolvedVariant } from './compare/suite.ts';

/** The kinds that run job specs through the job runner (the serving kinds run serving suites), in the union's order. */
export const SUITE_KINDS = [comparisonKind, labKind, calibrationKind, interleavedKind] as const satisfies readonly JobKindDescriptor[];
export const SUITE_KIND_SCHEMAS = pluck(SUITE_KINDS, 'schema');

/** Every kind a suite file may hold: the job kinds above and the serving kinds. bench/suite.schema.json is this. */
export const suiteFileSchema = z.discriminatedUnion('kind', [...SUITE_KIND_SCHEMAS, ...SERVING_SUITE_SCHEMAS]);
export type Suite = z.output<typeof suiteFileSchema>;
export type SuiteKind = Suite['kind'];
/** A suite of a kind that runs jobs. */
export type JobSuite = z.output<(typeof SUITE_KIND_SCHEMAS)[number]>;
export type JobSuiteKind = JobSuite['kind'];
export type JobSuiteOf<K extends JobSuiteKind> = Extract<JobSuite, { kind: K }>;

/** A job kind's descriptor, typed by its kind (so a suite reaches its own run and reader). */
export interface JobKind<K extends JobSuiteKind> {
  readonly kind: K;
  resolve(suite: JobSuiteOf<K>): void;
  readonly options: { readonly run: readonly RunOption[]; readonly saved: readonly RunOption[] };
  readonly fansOut: boolean;
  run(suite: JobSuiteOf<K>, context: RunnerContext, overrides: RunOverrides): Promise<SuiteOutcome<K>>;
  readonly saved: SavedReader<JobSuiteOf<K>, K>;
}

/** The job kinds by kind; the type makes the compiler check that each has its own. */
const BY_KIND: { readonly [K in JobSuiteKind]: JobKind<K> } = Object.fromEntries(SUITE_KINDS.map((kind) => [kind.kind, kind])) as {
  readonly [D in (typeof SUITE_KINDS)[number] as D['kind']]: D;
};

export function jobKind<K extends JobSuiteKind>(kind: K): JobKind<K> {
  return BY_KIND[kind];
}

export function isServingSuite(suite: Suite): suite is ServingSuite {
  return (SERVING_SUITE_KINDS as readonly string[]).includes(suite.kind);
}

export function isServingKind(kind: SuiteKind): kind is ServingSuite['kind'] {
  return (SERVING_SUITE_KINDS as readonly string[]).includes(kind);
}

/** Whether a suite is of the job kind `kind` (a results file's definition, read back). */
export function isSuiteOfKind<K extends JobSuiteKind>(suite: Suite, kind: K): suite is JobSuiteOf<K> {
  return suite.kind === kind;
}

/** Parses a suite of any kind from untrusted JSON; SpecError names every bad field (e.g. "variants.1.spec.width"). */
export function parseSuite(input: unknown): Suite {
  const suite = parseWith(suiteFileSchema, 'suite', input);
  if (!isServingSuite(suite)) jobKind(suite.kind).resolve(suite);
  return suite;
}

/** The JSON Schema of suite files, as published in bench/suite.schema.json. */
export function suiteJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(suiteFileSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://firstbatch.dev/suite.schema.json',
    title: 'firstbatch suite',
  };
}
