/**
 * What a serving suite reports, one schema per kind. The page returns these; the CLI parses
 * them (page.evaluate results are untrusted) and writes them, versioned, as JSON.
 */
import { z } from 'zod';
import { envSchema } from '../result.ts';
import {
  canarySuiteSchema, coldSuiteSchema, driftSuiteSchema, multistageSuiteSchema, offlineSuiteSchema,
  serverSuiteSchema, singleStreamSuiteSchema,
} from './suites.ts';

export const latencySummarySchema = z.object({
  count: z.number().int(), p50Ms: z.number(), p90Ms: z.number(), p99Ms: z.number(), meanMs: z.number(), maxMs: z.number(),
});

export const serverSummarySchema = z.object({
  targetQps: z.number(),
  achievedQps: z.number(),
  latency: latencySummarySchema,
  service: latencySummarySchema,
  queue: latencySummarySchema,
  sendLateP99Ms: z.number(),
  latencyTargetMs: z.number(),
  meetsTarget: z.boolean(),
  durationMs: z.number(),
});

export const modelLoadSchema = z.object({
  env: envSchema,
  phasesMs: z.object({ import: z.number(), backend: z.number(), build: z.number(), train: z.number(), inputs: z.number() }),
  finalLoss: z.number().nullable(),
  queryInputs: z.number().int(),
  /** new Worker() → load() answered, page clock. */
  spawnToLoadedMs: z.number(),
});

/** One point of a latency-over-time chart: ms since the stream started, and the query's latency. */
export const timelinePointSchema = z.object({
  atMs: z.number(), latencyMs: z.number(), canary: z.boolean(), arm: z.enum(['baseline', 'control', 'candidate']),
});

export const serverReportSchema = z.object({
  kind: z.literal('server'),
  suite: serverSuiteSchema,
  load: modelLoadSchema,
  sweep: z.array(serverSummarySchema),
  search: z.object({
    maxQps: z.number().nullable(),
    failedQps: z.number().nullable(),
    stoppedBecause: z.string(),
    probes: z.array(serverSummarySchema),
  }).nullable(),
  /** The last run's queries, for the latency-over-time view. */
  timeline: z.array(timelinePointSchema),
});

export const singleStreamReportSchema = z.object({
  kind: z.literal('single-stream'),
  suite: singleStreamSuiteSchema,
  load: modelLoadSchema,
  coldMs: z.number(),
  latency: latencySummarySchema,
  samplesMs: z.array(z.number()),
  durationMs: z.number(),
});

export const offlinePointSchema = z.object({
  batchSize: z.number().int(), batches: z.number().int(), examplesPerSec: z.number(), batchMs: latencySummarySchema,
});
export const offlineReportSchema = z.object({
  kind: z.literal('offline'),
  suite: offlineSuiteSchema,
  load: modelLoadSchema,
  points: z.array(offlinePointSchema),
  best: offlinePointSchema,
});

export const coldReportSchema = z.object({
  kind: z.literal('cold'),
  suite: coldSuiteSchema,
  runs: z.array(z.object({ load: modelLoadSchema, firstQueryMs: z.number(), secondQueryMs: z.number() })),
  firstQuery: latencySummarySchema,
});

export const multistageReportSchema = z.object({
  kind: z.literal('multistage'),
  suite: multistageSuiteSchema,
  retrievalLoad: modelLoadSchema,
  rankingLoad: modelLoadSchema,
  /** Worker compute per stage, the page-side remainder (messaging, top-K hand-off, queueing) and the whole request. */
  retrieval: latencySummarySchema,
  ranking: latencySummarySchema,
  overhead: latencySummarySchema,
  endToEnd: latencySummarySchema,
  /** The first request's final ranking, to show the pipeline did its job. */
  example: z.object({ userId: z.number().int(), retrieved: z.array(z.number().int()), ranked: z.array(z.number().int()) }),
});

export const canaryRunSchema = z.object({
  seed: z.number().int(),
  judgement: z.object({
    verdict: z.enum(['promote', 'roll back', 'inconclusive']),
    reasons: z.array(z.string()),
    checks: z.array(z.object({ name: z.string(), outcome: z.enum(['pass', 'fail', 'inconclusive']), reason: z.string() })),
    baselineQueries: z.number().int(),
    canaryQueries: z.number().int(),
    baselineMedianMs: z.number().nullable(),
    canaryMedianMs: z.number().nullable(),
    latencyShift: z.object({ value: z.number(), ci: z.object({ low: z.number(), high: z.number(), level: z.number() }), method: z.string() }).nullable(),
    mannWhitneyP: z.number().nullable(),
    computeShift: z.object({ value: z.number(), ci: z.object({ low: z.number(), high: z.number(), level: z.number() }), method: z.string() }).nullable(),
  }),
  /** Median worker compute time, candidate / compared arm (control, else baseline): how much slower the candidate model itself is. */
  serviceRatio: z.number().nullable(),
  holdout: z.object({ examples: z.number().int(), baselineAccuracy: z.number(), candidateAccuracy: z.number(), agreement: z.number() }),
  timeline: z.array(timelinePointSchema),
});
export const canaryReportSchema = z.object({
  kind: z.literal('canary'),
  suite: canarySuiteSchema,
  /** Baseline and candidate served from one worker. */
  colocated: z.boolean(),
  baselineLoad: modelLoadSchema,
  candidateLoad: modelLoadSchema,
  controlLoad: modelLoadSchema.nullable(),
  runs: z.array(canaryRunSchema),
  verdicts: z.object({ promote: z.number().int(), 'roll back': z.number().int(), inconclusive: z.number().int() }),
  /** Did every run give the verdict the suite expects? */
  expectationMet: z.boolean(),
});

export const driftReportSchema = z.object({
  kind: z.literal('drift'),
  suite: driftSuiteSchema,
  load: modelLoadSchema,
  variables: z.array(z.string()),
  perCheckAlpha: z.number(),
  ksThreshold: z.array(z.number()),
  psiThreshold: z.array(z.number()),
  streams: z.array(z.object({
    falseAlarms: z.number().int(),
    detectedAtQuery: z.number().int().nullable(),
    delayQueries: z.number().int().nullable(),
    positiveRate: z.number(),
    /** Variables that crossed a threshold at the first alarm (false or true). */
    firstAlarmFlagged: z.array(z.string()),
  })),
  shiftAtQuery: z.number().int().nullable(),
  /** The first stream's checks, for the statistic-over-time view: max over variables of statistic / threshold. */
  timeline: z.array(z.object({ query: z.number().int(), ksRatio: z.number(), psiRatio: z.number(), alarm: z.boolean(), flagged: z.array(z.string()) })),
  summary: z.object({
    streamsWithFalseAlarm: z.number().int(),
    streamsDetected: z.number().int(),
    maxDelayQueries: z.number().int().nullable(),
    medianDelayQueries: z.number().nullable(),
  }),
});

export const servingReportSchema = z.discriminatedUnion('kind', [
  serverReportSchema, singleStreamReportSchema, offlineReportSchema, coldReportSchema,
  multistageReportSchema, canaryReportSchema, driftReportSchema,
]);
export type ServingReport = z.infer<typeof servingReportSchema>;
export type ServerReport = z.infer<typeof serverReportSchema>;
export type CanaryReport = z.infer<typeof canaryReportSchema>;
export type DriftReport = z.infer<typeof driftReportSchema>;
export type ModelLoad = z.infer<typeof modelLoadSchema>;
export type TimelinePoint = z.infer<typeof timelinePointSchema>;
