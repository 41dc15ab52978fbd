/**
 * Suite files: JSON validated by one schema, a discriminated union on `kind`. To add a kind,
 * write its schema in its own file, add it to SUITE_KIND_SCHEMAS, and add its case to the CLI's
 * dispatch (bench/suite-kinds.ts); bench/suite.schema.json is generated from this union and the
 * serving kinds (`npm run suite-schema`).
 */
import { z } from 'zod';
import { comparisonSuiteSchema } from './compare/suite.ts';
import { SERVING_SUITE_SCHEMAS } from './serving/index.ts';
import { parseJobSpec, SpecError, describeIssues, type JobSpec } from './spec.ts';

export const SUITE_KIND_SCHEMAS = [comparisonSuiteSchema] as const;

export const suiteSchema = z.discriminatedUnion('kind', SUITE_KIND_SCHEMAS);

/**
 * Every kind a suite file may hold: the job-runner kinds above and the serving kinds
 * (src/core/serving/suites.ts, run by bench/serve-suite.ts). bench/suite.schema.json is this.
 */
export const suiteFileSchema = z.discriminatedUnion('kind', [...SUITE_KIND_SCHEMAS, ...SERVING_SUITE_SCHEMAS]);
export type Suite = z.output<typeof suiteSchema>;
export type SuiteKind = Suite['kind'];

/** Parses a suite from untrusted JSON; SpecError names every bad field (e.g. "variants.1.spec.width"). */
export function parseSuite(input: unknown): Suite {
  const parsed = suiteSchema.safeParse(input);
  if (!parsed.success) throw new SpecError('suite', describeIssues(parsed.error, input));
  const suite = parsed.data;
  resolveVariants(suite); // a merged spec can still be invalid (syncEvery must divide steps)
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

/** The JSON Schema of suite files, as published in bench/suite.schema.json. */
export function suiteJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(suiteFileSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://firstbatch.dev/suite.schema.json',
    title: 'firstbatch suite',
  };
}
