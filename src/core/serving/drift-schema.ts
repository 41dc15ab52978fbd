/**
 * The drift scenario's suite and report schemas, apart from its driver so the assembly
 * (drift-assemble.ts) can name the types without importing the scenario that calls it.
 */
import { z } from 'zod';
import { SERVING_DEFAULTS as D } from '../defaults.ts';
import { driftInjectionSchema } from './drift.ts';
import { mmdMinimumReference } from './drift-mmd.ts';
import { servingModelSchema, suiteBase } from './model.ts';
import { modelLoadSchema } from './reports.ts';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const driftSuiteSchema = z.object({
  kind: z.literal('drift'),
  ...suiteBase,
  model: servingModelSchema(),
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
  /** Queries between a query and its label's arrival, for the label-based detectors (DDM, ADWIN, CUSUM). */
  labelDelayQueries: int(0, 1_000_000).default(D.driftLabelDelay),
  /** ADWIN on the error stream (Bifet & Gavaldà 2007): its confidence δ, how often it tests cuts, and its ε_cut's bound. */
  adwin: z.object({
    delta: z.number().gt(0).lt(1).default(D.driftAdwinDelta),
    clock: int(1, 10_000).default(D.driftAdwinClock),
    bound: z.enum(['bernstein', 'hoeffding']).default('bernstein'),
  }).strict().prefault({}),
  /** A CUSUM on the error stream: the error-rate increase it is tuned to find, its ERT without drift (calibrated by simulation). */
  cusum: z.object({
    increase: z.number().gt(0).lt(1).default(D.driftCusumIncrease),
    ertQueries: int(100, 10_000_000).default(D.driftCusumErt),
  }).strict().prefault({}),
  /** The joint detectors over all features and the score together (online MMD, pair correlations, PCA reconstruction error). */
  joint: z.object({
    windowSize: int(10, 10_000).default(D.driftJointWindow),
    centres: int(10, 10_000).default(D.driftJointCentres),
    /** Configured expected run time without drift, queries; each threshold is calibrated by simulation to it. */
    ertQueries: int(100, 10_000_000).default(D.driftJointErt),
  }).strict().prefault({}),
}).strict().superRefine((suite, ctx) => {
  const minimum = mmdMinimumReference(suite.joint);
  if (suite.referenceSize < minimum) {
    ctx.addIssue({ code: 'custom', path: ['referenceSize'], message: `must be at least ${minimum} for the joint detectors (joint.centres ${suite.joint.centres} + 2 × joint.windowSize ${suite.joint.windowSize}), got ${suite.referenceSize}` });
  }
});
export type DriftSuite = z.output<typeof driftSuiteSchema>;

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
  timeline: z.array(z.object({
    query: z.number().int(), ksRatio: z.number(), psiRatio: z.number(), alarm: z.boolean(), flagged: z.array(z.string()),
    /** The joint detectors' statistic / threshold at this check (null while the window fills). */
    mmdRatio: z.number().nullable().default(null), correlationRatio: z.number().nullable().default(null), pcaRatio: z.number().nullable().default(null),
    /** Detectors that alarmed since the previous check. */
    fired: z.array(z.string()).default([]),
  })),
  /** Per detector ('ks-psi' per variable, 'mmd', 'correlation' and 'pca' jointly); `summary` is the verdict over all of them together. */
  detectors: z.array(z.object({
    name: z.string(),
    streamsDetected: z.number().int(),
    streamsWithFalseAlarm: z.number().int(),
    medianDelayQueries: z.number().nullable(),
    delayInterval: z.tuple([z.number(), z.number()]).nullable(),
    falseAlarms: z.number().int(),
    falseAlarmsPer10k: z.number(),
    measuredErtQueries: z.number().nullable(),
    monitoredQueries: z.number().int(),
    configuredErtQueries: z.number().nullable(),
    msPerQuery: z.number().nullable(),
    threshold: z.number().nullable(),
  })).default([]),
  /**
   * Per stream, over the queries from the shift on (all, without one): accuracy estimated without
   * labels (CBPE) beside the accuracy realised once they came. Empty when the worker sent no labels.
   */
  performance: z.array(z.object({
    estimatedAccuracy: z.number(), realisedAccuracy: z.number(),
    /** AUC of the binary score, estimated and realised; null when the stream has only one class. */
    estimatedAuc: z.number().nullable().default(null), realisedAuc: z.number().nullable().default(null),
  })).default([]),
  /** The first stream's first alarm of each detector that fired, for the drift view. */
  firstAlarms: z.array(z.object({ detector: z.string(), query: z.number().int() })).default([]),
  /** Rows with a NaN or infinite monitored value, per stream: counted and left out of every test. */
  nonFiniteRows: z.array(z.number().int()).default([]),
  /** Per stream (0-based) and categorical field that carried a value past its vocabulary: how many queries, and the first. */
  unseenCategories: z.array(z.object({
    stream: z.number().int(), field: z.string(), queries: z.number().int(), firstAtQuery: z.number().int(),
  })).default([]),
  summary: z.object({
    streamsWithFalseAlarm: z.number().int(),
    streamsDetected: z.number().int(),
    maxDelayQueries: z.number().int().nullable(),
    medianDelayQueries: z.number().nullable(),
  }),
});
export type DriftReport = z.output<typeof driftReportSchema>;
