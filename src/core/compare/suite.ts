/** The `comparison` suite kind (and the fields `lab` shares): variants of a job spec, the metrics to judge, and how long to sample. */
import { z } from 'zod';
import { parseJobSpec, SpecError, specOverridesSchema, type JobSpec } from '../spec.ts';
import { COMPARE_DEFAULTS, ROUNDS_DEFAULTS } from '../defaults.ts';
import { METRIC_IDS, type MetricId } from './metrics.ts';
import { thresholdTextSchema } from './threshold-schema.ts';

/** Moved to the job spec (serving suites use it too); re-exported where comparison code has always found it. */
export { specOverridesSchema } from '../spec.ts';

export const DEFAULT_COMPARISON_METRICS: readonly MetricId[] = ['ttfb.totalMs', 'steps.medianMs', 'serving.p50Ms'];

/**
 * The fields of a suite made of variants of a job spec, run in interleaved rounds: `comparison`
 * and `lab` share them (and so the runner's rounds, auto-sampling and results file).
 */
export function variantSuiteSchema<K extends string>(kind: K, describe: { kind: string; budgetSeconds: string }) {
  return z
    .object({
      $schema: z.string().optional().describe('Path or URL of bench/suite.schema.json, for editors.'),
      kind: z.literal(kind).describe(describe.kind),
      name: z.string().min(1).describe('Shown in reports and stored in results files.'),
      description: z.string().optional(),
      setup: z.string().min(1).max(200).optional().describe('The command that brings files the suite needs (e.g. "npm run zoo"); named when they are missing.'),
      base: specOverridesSchema.default({}).describe('Fields every variant shares.'),
      variants: z
        .array(
          z
            .object({
              name: z.string().min(1).describe('Unique; baselines are matched by it.'),
              spec: specOverridesSchema.default({}).describe('Fields that override base for this variant.'),
            })
            .strict(),
        )
        .min(1),
      baseline: z.string().optional().describe('The variant the others are compared with; default the first.'),
      metrics: z.array(z.enum(METRIC_IDS)).min(1).default([...DEFAULT_COMPARISON_METRICS]),
      repetitions: z
        .number()
        .int()
        .min(1)
        .max(ROUNDS_DEFAULTS.maxRounds)
        .default(ROUNDS_DEFAULTS.repetitions)
        .describe('Interleaved rounds (one job per variant each). 1 prints values only; auto-sampling starts from at least 3.'),
      threshold: thresholdTextSchema.default(COMPARE_DEFAULTS.threshold),
      budgetSeconds: z.number().positive().max(ROUNDS_DEFAULTS.maxBudgetSeconds).optional().describe(describe.budgetSeconds),
      devices: z
        .array(
          z
            .object({
              name: z.string().min(1).max(200).regex(/^[A-Za-z0-9_.:-]+$/, 'must be letters, digits, _ . : or -').describe('Labels this browser\'s results.'),
              endpoint: z.string().regex(/^(wss?|https?|selenium\+https?):\/\//, 'must be ws://, http:// or selenium+http:// (a Playwright server, a CDP endpoint or a Selenium Grid 4)').describe('Where the browser is.'),
            })
            .strict(),
        )
        .min(1)
        .optional()
        .describe('Browsers to fan the suite out over, all at once: each runs every variant in its own interleaved rounds (the CLI\'s --browser-endpoint replaces them).'),
    })
    .strict()
    .superRefine((suite, ctx) => {
      const seen = new Set<string>();
      suite.variants.forEach((variant, index) => {
        if (seen.has(variant.name)) ctx.addIssue({ code: 'custom', path: ['variants', index, 'name'], message: `duplicate variant name ${JSON.stringify(variant.name)}` });
        seen.add(variant.name);
      });
      const devices = new Set<string>();
      suite.devices?.forEach((device, index) => {
        if (devices.has(device.name)) ctx.addIssue({ code: 'custom', path: ['devices', index, 'name'], message: `duplicate device name ${JSON.stringify(device.name)}` });
        devices.add(device.name);
      });
      if (suite.baseline !== undefined && !seen.has(suite.baseline)) {
        ctx.addIssue({ code: 'custom', path: ['baseline'], message: `must name a variant (${[...seen].join(', ')})` });
      }
    });
}

export const comparisonSuiteSchema = variantSuiteSchema('comparison', {
  kind: 'Variants compared metric by metric against the baseline variant.',
  budgetSeconds: 'Auto-sampling: add rounds until every difference is resolved or this much time is spent.',
});

export type ComparisonSuite = z.output<typeof comparisonSuiteSchema>;

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
