/**
 * The results file of a suite run (schemaVersion 1, a superset of src/core/result.ts's file):
 * every job result also names its suite variant and repetition, and the file carries the
 * comparison and how sampling ended. A baseline is such a file.
 */
import { z } from 'zod';
import { devicePeakSchema } from '../efficiency/peak.ts';
import { jobLabel } from '../format.ts';
import { jobResultSchema, RESULT_SCHEMA_VERSION, type JobResult } from '../result.ts';
import { describeIssues, SpecError } from '../spec.ts';

export const suiteJobResultSchema = jobResultSchema.extend({
  /** The suite variant this job ran; absent in files written by job flags before suites existed. */
  variant: z.string().optional(),
  /** 0-based interleaved round. */
  repetition: z.number().int().min(0).optional(),
  /** The host's 1-minute load average and CPU count when the job started (the CLI's machine), to tell runs on a busy machine apart. */
  host: z.object({ loadAverage1m: z.number().min(0), cpuCount: z.number().int().min(1) }).optional(),
});
export type SuiteJobResult = z.infer<typeof suiteJobResultSchema>;

export const samplingSchema = z.object({
  rounds: z.number().int().min(0),
  /** fixed: ran `repetitions` rounds; resolved: every difference resolved; budget: the time budget ended first. */
  stop: z.enum(['fixed', 'resolved', 'budget']),
  unresolved: z.number().int().min(0),
  budgetSeconds: z.number().nullable(),
  elapsedMs: z.number().min(0),
  /** Auto-sampling: how many times the comparison was judged (see sequential.ts); absent for fixed rounds. */
  looks: z.number().int().min(1).optional(),
  /** The confidence level of the reported intervals (below the suite's 95% when auto-sampling looked more than once). */
  level: z.number().gt(0).lt(1).optional(),
});
export type Sampling = z.infer<typeof samplingSchema>;

export const suiteResultFileSchema = z.object({
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('firstbatch'), version: z.string() }),
  suite: z
    .object({
      name: z.string(),
      kind: z.string(),
      threshold: z.string(),
      metrics: z.array(z.string()),
      /** The suite as it ran (its own JSON, parsed again by whoever re-renders the file); absent in older files. */
      definition: z.unknown().optional(),
    })
    .optional(),
  results: z.array(suiteJobResultSchema),
  sampling: samplingSchema.optional(),
  /** The comparison as computed when the file was written (informational: baselines recompute from results). */
  comparison: z.unknown().optional(),
  /** The device peaks measured in this run, per backend, for jobs that count their work (spec.efficiency). */
  peaks: z.array(devicePeakSchema).optional(),
});
export type SuiteResultFile = z.infer<typeof suiteResultFileSchema>;

/** Parses a suite results file or baseline from untrusted JSON; SpecError names the field. */
export function parseSuiteResultFile(input: unknown): SuiteResultFile {
  const parsed = suiteResultFileSchema.safeParse(input);
  if (!parsed.success) throw new SpecError('results file', describeIssues(parsed.error, input));
  return parsed.data;
}

/** Results grouped by variant, in first-seen order; results without a variant are grouped by their job label. */
export function groupByVariant(results: readonly SuiteJobResult[]): { name: string; results: JobResult[] }[] {
  const specs = results.map((r) => r.spec);
  const groups = new Map<string, JobResult[]>();
  for (const result of results) {
    const name = result.variant ?? jobLabel(result.spec, specs);
    const list = groups.get(name) ?? [];
    list.push(result);
    groups.set(name, list);
  }
  return [...groups].map(([name, list]) => ({ name, results: list }));
}
