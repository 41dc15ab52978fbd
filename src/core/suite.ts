/**
 * Suite files: JSON validated by one schema, a discriminated union on `kind`. To add a kind,
 * write its schema in its own file, add it to SUITE_KIND_SCHEMAS (kinds that run jobs) or export
 * it from src/core/serving/index.ts (serving kinds), and add its case to the suite runner
 * (src/core/runner/run-suite.ts); bench/suite.schema.json is generated from this union
 * (`npm run suite-schema`).
 */
import { z } from 'zod';
import { calibrationSuiteSchema, type CalibrationSuite } from './calibration.ts';
import { comparisonSuiteSchema } from './compare/suite.ts';
import { labSuiteSchema } from './lab.ts';
import { SERVING_SUITE_KINDS, SERVING_SUITE_SCHEMAS, type ServingSuite } from './serving/index.ts';
import { parseJobSpec, parseWith, SpecError, type JobSpec } from './spec.ts';

/** The kinds that run job specs through the job runner (the serving kinds run serving suites). */
export const SUITE_KIND_SCHEMAS = [comparisonSuiteSchema, labSuiteSchema, calibrationSuiteSchema] as const;

/** Every kind a suite file may hold: the job kinds above and the serving kinds. bench/suite.schema.json is this. */
export const suiteFileSchema = z.discriminatedUnion('kind', [...SUITE_KIND_SCHEMAS, ...SERVING_SUITE_SCHEMAS]);
export type Suite = z.output<typeof suiteFileSchema>;
export type SuiteKind = Suite['kind'];
/** A suite of a kind that runs jobs. */
export type JobSuite = z.output<(typeof SUITE_KIND_SCHEMAS)[number]>;
export type JobSuiteKind = JobSuite['kind'];

export function isServingSuite(suite: Suite): suite is ServingSuite {
  return (SERVING_SUITE_KINDS as readonly string[]).includes(suite.kind);
}

/** Parses a suite of any kind from untrusted JSON; SpecError names every bad field (e.g. "variants.1.spec.width"). */
export function parseSuite(input: unknown): Suite {
  const suite = parseWith(suiteFileSchema, 'suite', input);
  // A merged spec can still be invalid (syncEvery must divide steps).
  if (suite.kind === 'comparison' || suite.kind === 'lab') resolveVariants(suite);
  else if (suite.kind === 'calibration') resolveCalibration(suite);
  return suite;
}

export interface ResolvedVariant {
  readonly name: string;
  readonly spec: JobSpec;
}

/** Each variant's full job spec: DEFAULTS, then base, then the variant's own fields. */
export function resolveVariants(suite: { base: Record<string, unknown>; variants: readonly { name: string; spec: Record<string, unknown> }[] }): ResolvedVariant[] {
  return suite.variants.map((variant, index) => {
    try {
      return { name: variant.name, spec: parseJobSpec({ ...suite.base, ...variant.spec }) };
    } catch (error) {
      if (error instanceof SpecError) {
        throw new SpecError('suite', error.issues.map((issue) => `variants.${index} (${variant.name}) with base: ${issue}`));
      }
      throw error;
    }
  });
}

/** A calibration's two configurations: A = base, B = base with the candidate's fields. */
export function resolveCalibration(suite: CalibrationSuite): { a: JobSpec; b: JobSpec } {
  const resolve = (what: string, input: Record<string, unknown>): JobSpec => {
    try {
      return parseJobSpec(input);
    } catch (error) {
      if (error instanceof SpecError) throw new SpecError('suite', error.issues.map((issue) => `${what}: ${issue}`));
      throw error;
    }
  };
  return { a: resolve('base', suite.base), b: resolve('candidate with base', { ...suite.base, ...suite.candidate }) };
}

/** The JSON Schema of suite files, as published in bench/suite.schema.json. */
export function suiteJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(suiteFileSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://firstbatch.dev/suite.schema.json',
    title: 'firstbatch suite',
  };
}
