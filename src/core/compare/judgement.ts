/**
 * The judgement a run carries: its comparison as the runner made it (estimates, intervals,
 * verdicts), without the per-job samples the results already hold. The results file, the share
 * link, the history row and the stored run all carry this one object, so whoever opens a run shows
 * what the CLI judged rather than a recomputation. Infinite interval ends (too few jobs) and NaN
 * relative values are null in JSON and come back as ±Infinity / NaN here.
 */
import { z } from 'zod';
import type { Comparison, MetricComparison, VariantEstimate } from './compare.ts';
import { samplingSchema, type Sampling } from './sampling.ts';
import { METRIC_IDS } from './metrics.ts';

export type JudgedVariant = Omit<VariantEstimate, 'samples' | 'rounds'>;
export type JudgedMetric = Omit<MetricComparison, 'variants'> & { variants: JudgedVariant[] };
export type Judgement = Omit<Comparison, 'metrics'> & { metrics: JudgedMetric[] };

/** A number as JSON writes it (±Infinity and NaN become null) or as it is in memory (a re-check of a parsed run). */
const finiteOr = (fallback: number) =>
  z
    .custom<number>((value) => typeof value === 'number', 'must be a number')
    .nullable()
    .transform((value) => value ?? fallback);

const estimateSchema = z.object({
  value: finiteOr(Number.NaN),
  ci: z.object({ low: finiteOr(-Infinity), high: finiteOr(Infinity), level: z.number().gt(0).lt(1) }),
  method: z.string().max(200),
});

const thresholdSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('relative'), fraction: z.number().gt(0).lt(1) }),
  z.object({ kind: z.literal('absolute'), ms: z.number().positive() }),
]);

const variantSchema = z.object({
  variant: z.string().max(400),
  n: z.number().int().min(0),
  failed: z.number().int().min(0),
  estimate: estimateSchema.nullable(),
  point: z.number().nullable(),
  needs: z.number().int().nullable(),
});

const differenceSchema = z.object({
  baseline: z.string().max(400),
  candidate: z.string().max(400),
  absolute: estimateSchema,
  relative: estimateSchema,
  pValue: finiteOr(Number.NaN),
  method: z.string().max(200),
  verdict: z.enum(['faster', 'slower', 'no detectable difference', 'unresolved']),
  needsPerSide: z.number().int().nullable(),
  thresholdApplies: z.boolean(),
});

export const judgementSchema = z.object({
  baseline: z.string().max(400),
  threshold: thresholdSchema,
  level: z.number().gt(0).lt(1),
  metrics: z
    .array(
      z.object({
        metric: z.enum(METRIC_IDS),
        label: z.string().max(200),
        unit: z.string().max(32),
        better: z.enum(['lower', 'higher']),
        method: z.string().max(200),
        variants: z.array(variantSchema).max(256),
        differences: z.array(differenceSchema).max(256),
      }),
    )
    .max(64),
  resolved: z.boolean(),
  unmeasured: z.array(z.enum(METRIC_IDS)).optional(),
}) satisfies z.ZodType<Judgement, unknown>;

/** A suite fanned out over several browsers is judged device by device (rounds pair within a device). */
export const deviceJudgementsSchema = z.object({
  byDevice: z.record(z.string().max(200), z.object({ comparison: judgementSchema, sampling: samplingSchema.optional() })),
});
export type DeviceJudgements = { byDevice: Record<string, { comparison: Judgement; sampling?: Sampling | undefined }> };

/** What a results file's `comparison` holds: one judgement, or one per device. */
export const recordJudgementSchema = z.union([judgementSchema, deviceJudgementsSchema]);
export type RecordJudgement = Judgement | DeviceJudgements;

/** The comparison as a run carries it: the samples dropped (the results hold them). */
export function toJudgement(comparison: Comparison | Judgement): Judgement {
  return {
    ...comparison,
    metrics: comparison.metrics.map((metric) => ({
      ...metric,
      variants: metric.variants.map(({ variant, n, failed, estimate, point, needs }) => ({ variant, n, failed, estimate, point, needs })),
    })),
  };
}

/**
 * Reads the judgement of a file or link written by any version: a current one is kept; one this
 * version cannot read (written before judgements had a schema, or naming a metric it does not
 * know) is dropped, and the reader recomputes and says so. Never throws: a run's results are
 * worth more than its summary.
 */
export function readJudgement(input: unknown): RecordJudgement | undefined {
  if (input === undefined || input === null) return undefined;
  const parsed = recordJudgementSchema.safeParse(input);
  if (!parsed.success) return undefined;
  return parsed.data;
}

/** A runner's comparison (or per-device comparisons) as the results file carries it. */
export function toRecordJudgement(value: Comparison | Judgement | { byDevice: Record<string, { comparison: Comparison | Judgement; sampling?: Sampling | undefined }> }): RecordJudgement {
  if ('byDevice' in value) {
    return { byDevice: Object.fromEntries(Object.entries(value.byDevice).map(([device, run]) => [device, { comparison: toJudgement(run.comparison), ...(run.sampling ? { sampling: run.sampling } : {}) }])) };
  }
  return toJudgement(value);
}

/** A record's judgements as (device, comparison) pairs: one per device for a fan-out, else one with `device`. */
export function judgementsByDevice<D>(judgement: RecordJudgement, device: D): [string | D, Judgement][] {
  return 'byDevice' in judgement ? Object.entries(judgement.byDevice).map(([name, run]) => [name, run.comparison]) : [[device, judgement]];
}
