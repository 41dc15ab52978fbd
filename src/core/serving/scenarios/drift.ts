/** Drift: a serving stream with an injected shift, watched by a sliding-window KS/PSI detector over features and scores. */
import { z } from 'zod';
import { SERVING_DEFAULTS as D } from '../../defaults.ts';
import { assertNever } from '../../assert.ts';
import { driftInjectionSchema } from '../drift.ts';
import { assembleDrift } from '../drift-assemble.ts';
import { mmdMinimumReference } from '../drift-mmd.ts';
import type { ServingHost, ServingProgress } from '../host.ts';
import { envLine, modelLabel, pct, table } from '../markdown.ts';
import { servingModelSchema, suiteBase } from '../model.ts';
import { modelLoadSchema } from '../reports.ts';
import { defineScenario } from './descriptor.ts';
import { driftForm } from './drift.form.ts';

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
  /** Queries between a query and its label's arrival, for the label-based detector (DDM). */
  labelDelayQueries: int(0, 1_000_000).default(D.driftLabelDelay),
  /** The joint detectors over all features and the score together (online MMD, pair correlations). */
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
    mmdRatio: z.number().nullable().default(null), correlationRatio: z.number().nullable().default(null),
    /** Detectors that alarmed since the previous check. */
    fired: z.array(z.string()).default([]),
  })),
  /** Per detector ('ks-psi' per variable, 'mmd' and 'correlation' jointly); `summary` is the verdict over all of them together. */
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
  summary: z.object({
    streamsWithFalseAlarm: z.number().int(),
    streamsDetected: z.number().int(),
    maxDelayQueries: z.number().int().nullable(),
    medianDelayQueries: z.number().nullable(),
  }),
});
export type DriftReport = z.output<typeof driftReportSchema>;

export async function runDrift(suite: DriftSuite, host: ServingHost, progress: ServingProgress): Promise<DriftReport> {
  const worker = await host.open(suite.model);
  try {
    const reply = await worker.driftStreams({
      injection: suite.injection, queries: suite.queries, streams: suite.streams, referenceSize: suite.referenceSize, streamSeed: suite.seed,
    });
    const assembled = assembleDrift(suite, reply);
    progress(`drift: detected in ${assembled.summary.streamsDetected}/${suite.streams} streams, false alarms in ${assembled.summary.streamsWithFalseAlarm}`);
    return { kind: 'drift', suite, load: worker.load, ...assembled };
  } finally {
    worker.close();
  }
}

export function formatDrift(report: DriftReport): string {
  const { suite, summary } = report;
  const injected = suite.injection.kind === 'none' ? 'no injected shift' : `${describeInjection(suite)} from query ${report.shiftAtQuery}`;
  return [
    `## Drift: ${modelLabel(suite.model)}, ${injected}`, envLine(report.load), '',
    `KS and PSI of ${report.variables.length} variables (${report.variables.join(', ')}) over windows of ${suite.detector.windowSize} queries, ` +
      `every ${suite.detector.checkEvery}, against ${suite.referenceSize} training-distribution examples; family false-alarm rate ${suite.detector.familyAlpha} ` +
      `(per-check α ${report.perCheckAlpha.toExponential(2)}, KS threshold D ≥ ${report.ksThreshold[0]?.toFixed(3)}, PSI > ${report.psiThreshold[0]?.toFixed(3)}).`, '',
    `Streams: ${report.streams.length}; with a false alarm before the shift: ${summary.streamsWithFalseAlarm}; ` +
      (report.shiftAtQuery === null ? '' : `shift detected: ${summary.streamsDetected}; delay median ${summary.medianDelayQueries ?? '—'}, max ${summary.maxDelayQueries ?? '—'} queries.`), '',
    `Joint detectors over all ${report.variables.length} variables together: online MMD and pair correlations over windows of ${suite.joint.windowSize} queries, ` +
      `thresholds calibrated by simulation on the reference to an expected run time of ${suite.joint.ertQueries.toLocaleString('en')} queries without drift.` +
      (report.performance.length > 0 ? ` Accuracy from the shift on, estimated without labels (CBPE) vs realised: ${report.performance.map((p) => `${p.estimatedAccuracy.toFixed(3)} vs ${p.realisedAccuracy.toFixed(3)}${p.estimatedAuc !== null && p.realisedAuc !== null ? ` (AUC ${p.estimatedAuc.toFixed(3)} vs ${p.realisedAuc.toFixed(3)})` : ''}`).slice(0, 5).join('; ')}${report.performance.length > 5 ? '; …' : ''}.` : '') +
      (report.nonFiniteRows.some((n) => n > 0) ? ` Rows with a NaN or infinite value (not tested): ${report.nonFiniteRows.join(', ')} per stream.` : ''), '',
    detectorTable(report), '',
    table(['stream', 'false alarms', 'detected at query', 'delay (queries)', 'first alarm on', 'positive rate'], report.streams.map((s, i) => [
      String(i + 1), String(s.falseAlarms), s.detectedAtQuery === null ? '—' : String(s.detectedAtQuery), s.delayQueries === null ? '—' : String(s.delayQueries),
      s.firstAlarmFlagged.join(', ') || '—', pct(s.positiveRate)])),
  ].join('\n');
}

/** Per detector × this drift: detection rate, delay, false alarms per 10,000 queries, measured vs configured ERT, cost. */
export function detectorTable(report: DriftReport): string {
  const n = report.streams.length;
  const fmt = (x: number | null, digits = 0) => (x === null ? '—' : x.toLocaleString('en', { maximumFractionDigits: digits }));
  return table(
    ['detector', 'detected', 'median delay (queries)', '95% interval', 'false alarms / 10k queries', 'measured ERT', 'configured ERT', 'ms / query'],
    report.detectors.map((d) => [
      d.name, report.shiftAtQuery === null ? '—' : `${d.streamsDetected}/${n}`, fmt(d.medianDelayQueries),
      d.delayInterval ? `${d.delayInterval[0]}–${d.delayInterval[1]}` : '—', fmt(d.falseAlarmsPer10k, 2),
      d.measuredErtQueries === null ? `> ${fmt(d.monitoredQueries)}` : fmt(d.measuredErtQueries), fmt(d.configuredErtQueries), d.msPerQuery === null ? '—' : d.msPerQuery.toFixed(4),
    ]),
  );
}

function describeInjection(suite: DriftSuite): string {
  const i = suite.injection;
  switch (i.kind) {
    case 'none': return 'none';
    case 'mean-shift': return `mean shift of ${i.shiftSd} SD in feature ${i.feature}`;
    case 'covariate-swap': return `features ${i.features[0]} and ${i.features[1]} swapped`;
    case 'label-prior': return `positive rate moved to ${pct(i.positiveRate)}`;
    case 'variance': return `feature ${i.feature}'s spread × ${i.factor}`;
    case 'correlation': return `features ${i.features[0]} and ${i.features[1]} correlated at ρ = ${i.rho}${i.rampQueries > 0 ? ` over ${i.rampQueries} queries` : ''} (same marginals)`;
    case 'covariate-tilt': return `examples resampled so feature ${i.feature} moves by ${i.shiftSd} SD (P(y | x) unchanged)`;
    case 'nan-burst': return `feature ${i.feature} NaN for ${i.queries} queries`;
    default: return assertNever(i, 'drift injection kind');
  }
}

/**
 * Exit 1 on a KS/PSI false alarm before the shift (its family rate is the suite's budget), on a
 * joint detector alarming without drift more often than its configured ERT allows (Poisson,
 * one-sided p < 0.001), or on a shift some stream missed. DDM's 3-SD rule has no configured
 * rate: its false alarms are reported, not failed.
 */
export function driftFailure(report: DriftReport): string | null {
  const { summary } = report;
  const rows = report.detectors;
  const ks = rows.find((d) => d.name === 'ks-psi');
  if (rows.length === 0 && summary.streamsWithFalseAlarm > 0) return `drift alarm on ${summary.streamsWithFalseAlarm} stream(s) before any injected shift`;
  if (ks && ks.streamsWithFalseAlarm > 0) return `KS/PSI alarm on ${ks.streamsWithFalseAlarm} stream(s) before any injected shift`;
  for (const d of rows) {
    if (d.configuredErtQueries === null || d.falseAlarms === 0) continue;
    if (poissonUpperTail(d.falseAlarms, d.monitoredQueries / d.configuredErtQueries) < 0.001) {
      return `${d.name} alarmed ${d.falseAlarms} times in ${d.monitoredQueries} queries without drift, more often than its configured ERT of ${d.configuredErtQueries} queries allows`;
    }
  }
  if (report.shiftAtQuery !== null && summary.streamsDetected < report.streams.length) {
    return `the injected shift went undetected in ${report.streams.length - summary.streamsDetected} stream(s)`;
  }
  return null;
}

/** P(X ≥ k) for X ~ Poisson(mean). */
function poissonUpperTail(k: number, mean: number): number {
  let term = Math.exp(-mean);
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= mean / (i + 1);
  }
  return Math.max(0, 1 - below);
}

export const driftScenario = defineScenario({
  suiteSchema: driftSuiteSchema, reportSchema: driftReportSchema, run: runDrift, format: formatDrift, failure: driftFailure, form: driftForm,
});
