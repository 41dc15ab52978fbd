import { z } from 'zod';
import { KERNEL_TIMER_SOURCES } from './backends.ts';
import { JOB_ERROR_CODES } from './errors.ts';
import { TTFB_ENDS, TTFB_PHASES } from './phases.ts';
import { BACKENDS, jobSpecSchema, parseWith } from './spec.ts';

/**
 * The result of one job, version 1. Everything that leaves the program (JSON
 * files, share links, page → CLI) goes through these schemas, so a reader never
 * trusts a cast. Fields that could not be measured are null with a reason,
 * never 0.
 */
export const RESULT_SCHEMA_VERSION = 1;

const ms = z.number().finite();
const nonNegativeMs = z.number().finite().min(0);

export const adapterSchema = z.object({
  vendor: z.string(),
  architecture: z.string(),
  device: z.string(),
  description: z.string(),
  /** As the browser reports it (GPUAdapterInfo.isFallbackAdapter); null when it does not say. */
  isFallbackAdapter: z.boolean().nullable(),
  features: z.array(z.string()),
  limits: z.record(z.string(), z.number()),
});
export type AdapterInfo = z.infer<typeof adapterSchema>;

export const webglInfoSchema = z.object({
  vendor: z.string(),
  renderer: z.string(),
  version: z.string(),
  disjointTimerQuery: z.boolean(),
});

export const envSchema = z.object({
  userAgent: z.string(),
  hardwareConcurrency: z.number().int().min(0),
  /** The backend tfjs actually ran (tf.getBackend()); null when tfjs never started one. A job whose backend differs from its spec's is an error. */
  backend: z.enum(BACKENDS).nullable(),
  tfjsVersion: z.string(),
  /** Flags tfjs evaluated during the job, as tf.env().getFlags(). */
  tfjsFlags: z.record(z.string(), z.union([z.boolean(), z.number(), z.string(), z.null()])),
  adapter: adapterSchema.nullable(),
  webgl: webglInfoSchema.nullable(),
  /** True when the adapter or renderer is a software fallback (e.g. SwiftShader). */
  softwareRenderer: z.boolean(),
  /** Smallest non-zero step seen between two reads of performance.now() in the worker; null when unknown. */
  timerResolutionMs: nonNegativeMs.nullable(),
  crossOriginIsolated: z.boolean(),
  /**
   * What the job's worker fetched (tfjs and backend modules, wasm), from its resource timing:
   * how many the HTTP cache served (fresh, or revalidated: less crossed the network than the body) and the bytes that crossed it.
   * A return visit shows its cache here. (Absent in older results.)
   */
  workerFetches: z.object({ count: z.number().int().min(0), fromCache: z.number().int().min(0), transferredBytes: z.number().min(0) }).optional(),
  /** ISO date of the run. */
  date: z.string(),
});
export type Env = z.infer<typeof envSchema>;

export const phaseSchema = z.object({ name: z.enum(TTFB_PHASES), startMs: nonNegativeMs, ms: nonNegativeMs });

/** What a prewarmed worker did before the job was submitted; none of it counts in the TTFB. */
export const prewarmSchema = z.object({
  /** Page time from asking the pool for the worker until it was ready (0 when it was ready already). */
  poolMs: nonNegativeMs,
  spawnMs: nonNegativeMs,
  importMs: nonNegativeMs,
  backendMs: nonNegativeMs,
  /** Time the pool's worker spent on a training step of the same shapes (warm pipeline cache); null when not asked. */
  pipelineCacheMs: nonNegativeMs.nullable(),
  /** In words, what the job reused. */
  reused: z.string(),
});
export type PrewarmResult = z.infer<typeof prewarmSchema>;

export const ttfbSchema = z.object({
  totalMs: nonNegativeMs,
  phases: z.array(phaseSchema),
  residualMs: nonNegativeMs,
  /** When the worker's script started running (ms after submission). */
  workerScriptStartMs: ms.nullable(),
  /** True when spawn, import and backend were done by a pool before submission (they show as ~0 ms). */
  prewarmed: z.boolean().optional(),
  prewarm: prewarmSchema.optional(),
});
export type TtfbResult = z.infer<typeof ttfbSchema>;

const ciSchema = z.object({ low: ms, high: ms, level: z.number() });

export const stepsSchema = z.object({
  /** One sample per step (syncEvery = 1) or per window of syncEvery steps, as time per step. */
  samplesMs: z.array(nonNegativeMs),
  syncEvery: z.number().int().min(1),
  warmupSteps: z.number().int().min(0),
  medianMs: nonNegativeMs,
  meanMs: nonNegativeMs,
  /** null with fewer than 20 samples (then it would be the maximum). */
  p95Ms: nonNegativeMs.nullable(),
  /** null with fewer than 100 samples (then it would be the maximum). */
  p99Ms: nonNegativeMs.nullable(),
  minMs: nonNegativeMs,
  maxMs: nonNegativeMs,
  /** Student-t 95% CI of the mean; null with one sample. */
  meanCi95Ms: ciSchema.nullable(),
  /** Examples per second at the mean step time; null when unknown (never 0). */
  throughputPerSec: z.number().min(0).nullable(),
  /** Indices of samples flagged by the MAD rule; they are kept, not dropped. */
  outlierIndices: z.array(z.number().int().min(0)),
  /** Start of each sample's window, ms after submission (for traces). */
  startsMs: z.array(ms).optional(),
});
export type StepsResult = z.infer<typeof stepsSchema>;

export const servingSchema = z.object({
  batchSize: z.number().int().min(1),
  /** First inference in this worker, pipeline compilation for the serving shape included. */
  coldMs: nonNegativeMs,
  samplesMs: z.array(nonNegativeMs),
  p50Ms: nonNegativeMs.nullable(),
  /** null with fewer than 10 queries. */
  p90Ms: nonNegativeMs.nullable(),
  /** null with fewer than 100 queries (then it would be the maximum): see maxMs. */
  p99Ms: nonNegativeMs.nullable(),
  /** The slowest query; null without queries. (Absent in results written before it was added.) */
  maxMs: nonNegativeMs.nullable().optional(),
  /** Start of the cold query and of each sample, ms after submission (for traces). */
  coldStartMs: ms.optional(),
  startsMs: z.array(ms).optional(),
});
export type ServingResult = z.infer<typeof servingSchema>;

export const kernelSchema = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    /** gpu-timestamp: WebGPU timestamp queries (Chrome quantises them to 100 µs); cpu-timer: kernels timed on the CPU. */
    source: z.enum(KERNEL_TIMER_SOURCES),
    samplesMs: z.array(nonNegativeMs),
    medianMs: nonNegativeMs,
    note: z.string(),
  }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);
export type KernelResult = z.infer<typeof kernelSchema>;

export const lossSchema = z.object({
  first: z.number(),
  last: z.number(),
  /** Loss of every step that was read back, in order (first step, warm-up, measured). */
  history: z.array(z.number()),
});

export const memorySchema = z.object({
  tensorsAfterWarmup: z.number().int(),
  tensorsAfterSteps: z.number().int(),
  tensorsAfterServing: z.number().int().nullable(),
  bytesAfterSteps: z.number().int(),
  /** Bytes in GPU buffers or textures when the data phase ended (weights + first batch): null where the backend keeps data on the CPU. (Absent in older results.) */
  deviceBytesAfterData: z.number().int().min(0).nullable().optional(),
});

/** A stretch of the job after the first batch (warm-up, kernel profile, anatomy, serving), ms after submission. */
export const spanSchema = z.object({ name: z.string(), startMs: ms, ms: nonNegativeMs });

export const kernelTimeSchema = z.object({ name: z.string(), ms: nonNegativeMs });

/**
 * Step anatomy, raw: per anatomy step, the time to enqueue its kernels
 * (dispatch) and the time then spent awaiting the loss (wait); wall = dispatch + wait.
 * GPU time comes from separate profiled steps and is a part of the wait, not an extra part.
 */
export const anatomySchema = z.object({
  wallMs: z.array(nonNegativeMs),
  dispatchMs: z.array(nonNegativeMs),
  waitMs: z.array(nonNegativeMs),
  gpu: z.discriminatedUnion('available', [
    z.object({ available: z.literal(true), source: z.enum(KERNEL_TIMER_SOURCES), msPerStep: z.array(nonNegativeMs), quantumMs: nonNegativeMs.nullable(), note: z.string() }),
    z.object({ available: z.literal(false), reason: z.string() }),
  ]),
  /** Kernels of one tf.profile()d step, in dispatch order, with their time. */
  kernels: z.discriminatedUnion('available', [
    z.object({
      available: z.literal(true),
      /** GPU/CPU timer per kernel; synced-wall: no GPU timer, each kernel timed on the CPU with a read-back after it. */
      source: z.enum([...KERNEL_TIMER_SOURCES, 'synced-wall']),
      note: z.string(),
      stepStartMs: ms,
      stepMs: nonNegativeMs,
      list: z.array(kernelTimeSchema),
    }),
    z.object({ available: z.literal(false), reason: z.string(), names: z.array(z.string()) }),
  ]),
});
export type AnatomyResult = z.infer<typeof anatomySchema>;

/** What ran: a built-in workload, a user's LayersModel or GraphModel (model.json), or a job module. */
export const MODEL_FORMATS = ['workload', 'layers-model', 'graph-model', 'job-module'] as const;
export type ModelFormat = (typeof MODEL_FORMATS)[number];

const bytes = z.number().int().min(0);
export const tensorInfoSchema = z.object({ name: z.string(), shape: z.array(z.number().int()), dtype: z.string() });
export type TensorInfo = z.infer<typeof tensorInfoSchema>;

/** The model a job ran, as the job saw it. */
export const modelInfoSchema = z.object({
  format: z.enum(MODEL_FORMATS),
  /** What the job did with it (the spec's `auto` resolved). */
  mode: z.enum(['train', 'serve']),
  /** Where the TTFB ended: the first loss read back, or the first inference read back. */
  ttfbEndsAt: z.enum(TTFB_ENDS),
  /** Elements in the model's weights (trainable and not). */
  parameterCount: bytes,
  /** Bytes of the weights: the shards as stored for model.json models, float32 variables otherwise. */
  weightBytes: bytes,
  /** Bytes fetched in the load phase (model.json, shards, a job module's source); null for a built-in workload. */
  loadBytes: bytes.nullable(),
  /** The loss it trained with, and where that came from; null when it only served. */
  loss: z.object({ name: z.string(), source: z.enum(['model', 'spec', 'code']) }).nullable(),
  /** Inputs of the first batch, shapes resolved (batch dimension included). */
  inputs: z.array(tensorInfoSchema),
  outputs: z.array(tensorInfoSchema),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

const unavailable = z.object({ available: z.literal(false), reason: z.string() });

/**
 * Peak memory from tf.profile (peakBytes: the most bytes tfjs held at once) over one profiled
 * training step and one profiled inference, run after the measured work; GPU bytes where the backend reports them.
 */
export const peakMemorySchema = z.object({
  trainStepPeakBytes: bytes.nullable(),
  inferencePeakBytes: bytes.nullable(),
  /** tf.memory().numBytesInGPUAllocated (webgpu/webgl) after the profiled passes. */
  gpu: z.discriminatedUnion('available', [z.object({ available: z.literal(true), allocatedBytes: bytes }), unavailable]),
});
export type PeakMemory = z.infer<typeof peakMemorySchema>;

/**
 * Output agreement: the first inference's outputs against the cpu backend's on the same inputs
 * and weights. maxRelDiff = max |a − r| / max(|r|, 1e-3 · max|r|); within tolerance when every
 * element has |a − r| ≤ atol + rtol · |r| (numpy allclose, rtol 1e-2, atol 1e-3 · max|r|).
 */
export const agreementSchema = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    reference: z.literal('cpu'),
    maxAbsDiff: z.number().min(0),
    maxRelDiff: z.number().min(0),
    /** Elements compared, over every output. */
    elements: z.number().int().min(0),
    /** Elements finite on one side only (NaN, Infinity): each is a disagreement. */
    nonFinite: z.number().int().min(0),
    withinTolerance: z.boolean(),
  }),
  unavailable,
]);
export type Agreement = z.infer<typeof agreementSchema>;
/** FLOPs and bytes of one training step, counted from its kernels' shapes (src/core/efficiency). */
export const stepWorkSchema = z.object({
  flops: z.number().min(0),
  bytes: z.number().min(0),
  kernelCount: z.number().int().min(0),
  /** The kernels with the most FLOPs (all of them when fewer than ten names). */
  byKernel: z.array(z.object({ name: z.string(), count: z.number().int().min(1), flops: z.number().min(0), bytes: z.number().min(0) })),
  /** Kernels whose FLOPs the registry does not know (their bytes are counted). */
  uncounted: z.array(z.string()),
});
export type StepWorkResult = z.infer<typeof stepWorkSchema>;

export const jobErrorSchema = z.object({
  code: z.enum(JOB_ERROR_CODES),
  message: z.string(),
  stage: z.string().optional(),
});

export const jobResultSchema = z.object({
  spec: jobSpecSchema,
  env: envSchema.nullable(),
  ttfb: ttfbSchema.nullable(),
  steps: stepsSchema.nullable(),
  serving: servingSchema.nullable(),
  kernel: kernelSchema.nullable(),
  loss: lossSchema.nullable(),
  memory: memorySchema.nullable(),
  /** Wall time of the whole job on the page, submission to result. */
  wallMs: nonNegativeMs,
  error: jobErrorSchema.nullable(),
  /** Work of one training step, when spec.efficiency (absent in older results). */
  work: stepWorkSchema.nullable().optional(),
  /** Step anatomy, when spec.anatomySteps > 0. */
  anatomy: anatomySchema.nullable().optional(),
  /** What the worker did after the first batch, for traces. */
  spans: z.array(spanSchema).optional(),
  /** Worker clock − page clock, measured by pings after the job (src/core/clock-offset.ts). (Absent in older results.) */
  clock: z.object({ offsetMs: ms, uncertaintyMs: nonNegativeMs, pings: z.number().int().min(1) }).nullable().optional(),
  /** The input as given, when it was rejected as an invalid spec (then `spec` holds the defaults). */
  rejectedSpec: z.unknown().optional(),
  /** The model that ran. (This and the two below are absent in results written before they were added.) */
  model: modelInfoSchema.nullable().optional(),
  peakMemory: peakMemorySchema.nullable().optional(),
  agreement: agreementSchema.nullable().optional(),
});
export type JobResult = z.infer<typeof jobResultSchema>;

/** Parses one job result from untrusted input (page → CLI, files, links). Throws SpecError naming the field. */
export function parseJobResult(input: unknown): JobResult {
  return parseWith(jobResultSchema, 'job result', input);
}
