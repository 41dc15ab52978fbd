import { z } from 'zod';
import { TTFB_PHASES, type PhaseName } from './phases.ts';
import { envSchema, jobErrorSchema, kernelSchema, memorySchema } from './result.ts';
import { describeIssues, SpecError, type JobSpec } from './spec.ts';

/**
 * The page ↔ job-worker contract, declared once. The worker implements
 * JobWorkerApi with `satisfies`; the page talks to it through
 * `wrap<JobWorkerApi>()` and parses every reply with parseWorkerReport().
 */
export interface JobWorkerApi {
  /**
   * Runs one job to the end and reports raw measurements. Job failures come
   * back as `error` in the report (with whatever was measured before); the
   * promise rejects only when the worker itself breaks.
   */
  run(spec: JobSpec, onProgress?: (event: JobProgress) => void): Promise<unknown>;
}

export type JobProgress =
  | { readonly kind: 'phase'; readonly phase: PhaseName; readonly endAbsMs: number }
  | { readonly kind: 'step'; readonly index: number; readonly total: number; readonly ms: number; readonly loss: number }
  | { readonly kind: 'serving'; readonly index: number; readonly total: number; readonly ms: number };

export const workerReportSchema = z.object({
  /** When the worker module started evaluating, absolute ms on the shared clock. */
  workerScriptStartAbsMs: z.number(),
  marks: z.array(z.object({ name: z.enum(TTFB_PHASES), endAbsMs: z.number() })),
  stepSamplesMs: z.array(z.number().min(0)),
  lossHistory: z.array(z.number()),
  serving: z
    .object({ batchSize: z.number().int().min(1), coldMs: z.number().min(0), samplesMs: z.array(z.number().min(0)) })
    .nullable(),
  kernel: kernelSchema.nullable(),
  memory: memorySchema.nullable(),
  env: envSchema.nullable(),
  error: jobErrorSchema.nullable(),
});
export type WorkerReport = z.infer<typeof workerReportSchema>;

export function parseWorkerReport(input: unknown): WorkerReport {
  const parsed = workerReportSchema.safeParse(input);
  if (!parsed.success) throw new SpecError('worker report', describeIssues(parsed.error, input));
  return parsed.data;
}
