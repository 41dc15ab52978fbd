/**
 * Serving suite files: one schema per kind (server, single-stream, offline, cold, multistage,
 * canary, drift), each strict, so a typo names its field.
 */
import { z } from 'zod';
import { BACKENDS, IMPORT_MODES, WORKLOADS } from '../spec.ts';
import { SERVING_DEFAULTS as D } from '../defaults.ts';
import { driftInjectionSchema } from './drift.ts';

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const flagValue = z.union([z.boolean(), z.number(), z.string()]);

/** A model a serving worker builds, trains briefly and then serves. */
export const serveModelSchema = z.object({
  workload: z.enum(WORKLOADS).default(D.workload),
  backend: z.enum(BACKENDS).default('webgpu'),
  width: int(8, 4096).default(128),
  /** Initial weights. */
  seed: int(0, 4_294_967_295).default(1),
  /** The synthetic task (its data and labels); models compared on one stream share it. */
  dataSeed: int(0, 4_294_967_295).default(1),
  trainSteps: int(0, 10_000).default(D.trainSteps),
  trainBatchSize: int(1, 4096).default(D.trainBatchSize),
  learningRate: z.number().min(1e-6).max(10).default(0.01),
  queryBatchSize: int(1, 4096).default(D.queryBatchSize),
  importMode: z.enum(IMPORT_MODES).default('full'),
  flags: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), flagValue).default({}),
}).strict();
export type ServeModel = z.output<typeof serveModelSchema>;
export type ServeModelInput = z.input<typeof serveModelSchema>;

const base = { name: z.string().max(200).optional(), seed: int(0, 4_294_967_295).default(1) };

export const serverSuiteSchema = z.object({
  kind: z.literal('server'),
  ...base,
  model: serveModelSchema,
  latencyTargetMs: z.number().positive().max(600_000).default(D.latencyTargetMs),
  durationMs: int(100, 600_000).default(D.serverDurationMs),
  minQueries: int(1, 1_000_000).default(D.serverMinQueries),
  /** Rates for the latency/QPS curve. */
  sweepQps: z.array(z.number().positive().max(100_000)).max(50).default([]),
  search: z.object({
    lowQps: z.number().positive(),
    highQps: z.number().positive(),
    relativeTolerance: z.number().positive().max(10).default(D.qpsRelativeTolerance),
    maxProbes: int(2, 50).default(D.qpsMaxProbes),
  }).strict().optional(),
}).strict();

export const singleStreamSuiteSchema = z.object({
  kind: z.literal('single-stream'),
  ...base,
  model: serveModelSchema,
  minQueries: int(1, 1_000_000).default(D.singleStreamMinQueries),
  minDurationMs: int(0, 3_600_000).default(D.singleStreamMinDurationMs),
}).strict();

export const offlineSuiteSchema = z.object({
  kind: z.literal('offline'),
  ...base,
  model: serveModelSchema,
  batchSizes: z.array(int(1, 65_536)).min(1).max(20).default([1, 8, 32, 128, 512]),
  batchesPerSize: int(1, 10_000).default(20),
}).strict();

export const coldSuiteSchema = z.object({
  kind: z.literal('cold'),
  ...base,
  model: serveModelSchema,
  repetitions: int(1, 100).default(3),
}).strict();

export const multistageSuiteSchema = z.object({
  kind: z.literal('multistage'),
  ...base,
  retrieval: serveModelSchema.prefault({ workload: 'two-tower' }),
  ranking: serveModelSchema.prefault({ workload: 'ranker' }),
  requests: int(1, 100_000).default(100),
  topK: int(1, 128).default(D.topK),
  /** Requests per second (Poisson); 0 sends one request at a time. */
  qps: z.number().min(0).max(10_000).default(0),
}).strict();

export const canaryPolicySchema = z.object({
  minCanaryQueries: int(2, 1_000_000).default(D.minCanaryQueries),
  latencyTolerance: z.number().min(0).max(10).default(D.latencyTolerance),
  level: z.number().gt(0.5).lt(1).default(0.95),
  maxAccuracyDrop: z.number().min(0).max(1).default(D.maxAccuracyDrop),
  minAgreement: z.number().min(0).max(1).default(D.minAgreement),
}).strict();

export const canarySuiteSchema = z.object({
  kind: z.literal('canary'),
  ...base,
  baseline: serveModelSchema,
  candidate: serveModelSchema,
  share: z.number().min(0).max(1).default(D.canaryShare),
  /**
   * Serve the candidate in the baseline's worker (same thread and queue, so CPU contention hits
   * both alike) when both use one backend; otherwise each model gets its own worker.
   */
  colocate: z.boolean().default(true),
  /** Without colocation: a fresh baseline instance on the candidate's share, which the judge compares against (Kayenta's practice). */
  control: z.boolean().default(true),
  qps: z.number().positive().max(10_000),
  queries: int(1, 1_000_000),
  holdoutExamples: int(1, 100_000).default(D.holdoutExamples),
  /** Queries each model answers, one at a time, before the stream (JIT tiering and caches warm equally on both sides). */
  warmupQueries: int(0, 100_000).default(D.canaryWarmupQueries),
  policy: canaryPolicySchema.prefault({}),
  /** Run the whole canary this many times with derived seeds (for calibrating the judge). */
  repetitions: int(1, 100).default(1),
  /** The verdict this suite expects; a different one fails the CI job. Default: anything but "roll back". */
  expect: z.enum(['promote', 'roll back', 'inconclusive', 'not roll back']).default('not roll back'),
}).strict();

export const driftSuiteSchema = z.object({
  kind: z.literal('drift'),
  ...base,
  model: serveModelSchema,
  injection: driftInjectionSchema,
  queries: int(10, 1_000_000).default(1_000),
  /** Independent streams (each with its own data), to count detections and false alarms. */
  streams: int(1, 200).default(1),
  referenceSize: int(10, 1_000_000).default(D.driftReferenceSize),
  detector: z.object({
    windowSize: int(2, 1_000_000).default(D.driftWindow),
    checkEvery: int(1, 1_000_000).default(D.driftCheckEvery),
    familyAlpha: z.number().gt(0).lt(1).default(D.driftFamilyAlpha),
    bins: int(2, 100).default(D.driftBins),
  }).strict().prefault({}),
}).strict();

export type ServerSuite = z.output<typeof serverSuiteSchema>;
export type SingleStreamSuite = z.output<typeof singleStreamSuiteSchema>;
export type OfflineSuite = z.output<typeof offlineSuiteSchema>;
export type ColdSuite = z.output<typeof coldSuiteSchema>;
export type MultistageSuite = z.output<typeof multistageSuiteSchema>;
export type CanarySuite = z.output<typeof canarySuiteSchema>;
export type DriftSuite = z.output<typeof driftSuiteSchema>;
export type CanaryPolicyConfig = z.output<typeof canaryPolicySchema>;

/** Every serving suite kind, for the suite-file union. */
export const SERVING_SUITE_SCHEMAS = [
  serverSuiteSchema, singleStreamSuiteSchema, offlineSuiteSchema, coldSuiteSchema,
  multistageSuiteSchema, canarySuiteSchema, driftSuiteSchema,
] as const;

export const servingSuiteSchema = z.discriminatedUnion('kind', SERVING_SUITE_SCHEMAS);
export type ServingSuite = z.output<typeof servingSuiteSchema>;
export type ServingSuiteKind = ServingSuite['kind'];
export const SERVING_SUITE_KINDS = ['server', 'single-stream', 'offline', 'cold', 'multistage', 'canary', 'drift'] as const satisfies readonly ServingSuiteKind[];
