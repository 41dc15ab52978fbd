import { z } from 'zod';
import { TTFB_PHASES, type PhaseName } from './phases.ts';
import { agreementSchema, anatomySchema, envSchema, jobErrorSchema, kernelSchema, memorySchema, modelInfoSchema, peakMemorySchema, stepWorkSchema } from './result.ts';
import { WORKLOADS, type JobSpec, parseWith } from './spec.ts';

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
  run(spec: JobSpec, onProgress?: (event: JobProgress) => void, access?: JobAccess): Promise<unknown>;
  /**
   * Prewarm (before a job is submitted): imports tfjs and starts the backend
   * the spec asks for and, with warmPipelineCache, runs one training step of
   * its workload and shapes so their pipelines are compiled. The next run()
   * with a matching spec reuses all of it. Replies with a prepareReportSchema.
   */
  prepare(spec: JobSpec): Promise<unknown>;
  /** The worker's clock (timeOrigin + now()), for checking that page and worker share an epoch. */
  now(): Promise<unknown>;
  /** A bare tfjs training loop of the spec's model (instrumentation "bare"): replies with a bareReportSchema. */
  runBare(spec: JobSpec): Promise<unknown>;
  /** The device's peak FLOP/s and bandwidth on the spec's backend (src/core/efficiency/peak.ts): replies with a devicePeakSchema. */
  measurePeak(spec: JobSpec): Promise<unknown>;
}

/** A file the user picked in the web app, as the worker reads it (a File, structurally: core has no DOM types). */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * What a job's model or job module is read from, beside the spec: the page's URL (a relative
 * `model`/`job` URL resolves against it, not against the worker's script) and the files the user
 * picked for a `picked:` model. Never part of a result or a share link.
 */
export interface JobAccess {
  readonly baseUrl: string;
  readonly files?: readonly PickedFile[];
}
/** What a bare loop measures: the wall time of each step to its loss read back, and the losses. */
export const bareReportSchema = z.object({
  stepSamplesMs: z.array(z.number().min(0)),
  lossHistory: z.array(z.number()),
  env: envSchema.nullable(),
  error: z.string().nullable(),
});
export type BareReport = z.infer<typeof bareReportSchema>;

/** A prepared (prewarmed) worker serves a job that loads tfjs the same way, on the same backend, with the same flags (and shapes, for a warm pipeline cache). */
export function prewarmKey(spec: JobSpec): string {
  const shapes = spec.warmPipelineCache ? [spec.workload, spec.width, spec.batchSize] : null;
  return JSON.stringify([spec.backend, spec.importMode, spec.flags, shapes]);
}

export const prepareReportSchema = z.object({
  importMs: z.number().min(0),
  backendMs: z.number().min(0),
  pipelineCacheMs: z.number().min(0).nullable(),
  error: z.string().nullable(),
});
export type PrepareReport = z.infer<typeof prepareReportSchema>;

export function parsePrepareReport(input: unknown): PrepareReport {
  return parseWith(prepareReportSchema, 'prepare report', input);
}

const absSpan = z.object({ name: z.string(), startAbsMs: z.number(), endAbsMs: z.number() });

/**
 * A job's progress. Steps and queries come in batches (`first` is the index of `ms[0]`), at most
 * every PROGRESS_DEFAULTS.intervalMs, so reporting progress does not slow the steps it reports.
 */
export type JobProgress =
  | { readonly kind: 'phase'; readonly phase: PhaseName; readonly endAbsMs: number }
  | { readonly kind: 'steps'; readonly first: number; readonly total: number; readonly ms: readonly number[]; readonly loss: readonly number[] }
  | { readonly kind: 'queries'; readonly first: number; readonly total: number; readonly ms: readonly number[] };

export const workerReportSchema = z.object({
  /** When the worker module started evaluating, absolute ms on the shared clock. */
  workerScriptStartAbsMs: z.number(),
  marks: z.array(z.object({ name: z.enum(TTFB_PHASES), endAbsMs: z.number() })),
  stepSamplesMs: z.array(z.number().min(0)),
  lossHistory: z.array(z.number()),
  /** Absolute start of each measured sample window. (This and the other optional fields feed traces; older reports lack them.) */
  stepStartsAbsMs: z.array(z.number()).optional(),
  serving: z
    .object({
      batchSize: z.number().int().min(1),
      coldMs: z.number().min(0),
      samplesMs: z.array(z.number().min(0)),
      coldStartAbsMs: z.number().optional(),
      startsAbsMs: z.array(z.number()).optional(),
    })
    .nullable(),
  /** What this job reused from a prepare() before submission; null in a cold worker. */
  prewarm: z.object({ importMs: z.number().min(0), backendMs: z.number().min(0), pipelineCacheMs: z.number().min(0).nullable() }).nullable().optional(),
  /** Anatomy with kernels.stepStartMs absolute (the page makes it relative to submission). */
  anatomy: anatomySchema.nullable().optional(),
  /** One training step's work counted from its kernels (spec.efficiency). */
  work: stepWorkSchema.nullable().optional(),
  spans: z.array(absSpan).optional(),
  kernel: kernelSchema.nullable(),
  memory: memorySchema.nullable(),
  /** The model that ran, its peak memory and its agreement with cpu (absent in older reports). */
  model: modelInfoSchema.nullable().optional(),
  peakMemory: peakMemorySchema.nullable().optional(),
  agreement: agreementSchema.nullable().optional(),
  env: envSchema.nullable(),
  error: jobErrorSchema.nullable(),
});
export type WorkerReport = z.infer<typeof workerReportSchema>;

export function parseWorkerReport(input: unknown): WorkerReport {
  return parseWith(workerReportSchema, 'worker report', input);
}

/**
 * The job-worker ↔ data-worker contract (overlapped data), declared once. workers/data.worker.ts
 * implements DataWorkerApi with `satisfies`; the job worker talks to it through
 * `wrap<DataWorkerApi>()` and parses the reply with parseFirstBatchReply().
 */
export interface DataWorkerApi {
  /**
   * Makes batch 0 of the task on the CPU and hands back its raw values, transferred (not copied).
   * Replies with a firstBatchReplySchema; rejects with the reason when the batch cannot be made.
   */
  firstBatch(request: FirstBatchRequest): Promise<unknown>;
}

export const firstBatchRequestSchema = z.object({
  workload: z.enum(WORKLOADS),
  width: z.number().int(),
  /** The task's seed (the job's dataSeed, else its seed). */
  seed: z.number().int(),
  batchSize: z.number().int().min(1),
});
export type FirstBatchRequest = z.infer<typeof firstBatchRequestSchema>;

export const firstBatchReplySchema = z.object({
  /** The batch's inputs in predict() order, then its labels. */
  tensors: z.array(
    z.object({
      shape: z.array(z.number().int().min(0)),
      dtype: z.enum(['float32', 'int32']),
      values: z.union([z.instanceof(Float32Array), z.instanceof(Int32Array)]),
    }),
  ).min(1),
  size: z.number().int().min(0),
});
export type FirstBatchReply = z.infer<typeof firstBatchReplySchema>;

export function parseFirstBatchReply(input: unknown): FirstBatchReply {
  return parseWith(firstBatchReplySchema, 'data worker reply', input);
}
