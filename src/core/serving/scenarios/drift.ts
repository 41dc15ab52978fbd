/** Drift: a serving stream with an injected shift, watched by a sliding-window KS/PSI detector over features and scores. */
import { z } from 'zod';
import { SERVING_DEFAULTS as D } from '../../defaults.ts';
import { assertNever } from '../../assert.ts';
import type { DriftStreamsReply } from '../../serve-api.ts';
import { median } from '../../stats/index.ts';
import { detectDrift, driftInjectionSchema, shiftStart, summarizeDetection, type DriftDetection } from '../drift.ts';
import type { ServingHost, ServingProgress } from '../host.ts';
import { envLine, modelLabel, pct, table } from '../markdown.ts';
import { servingModelSchema, suiteBase } from '../model.ts';
import { modelLoadSchema } from '../reports.ts';

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
}).strict();
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
  timeline: z.array(z.object({ query: z.number().int(), ksRatio: z.number(), psiRatio: z.number(), alarm: z.boolean(), flagged: z.array(z.string()) })),
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
    table(['stream', 'false alarms', 'detected at query', 'delay (queries)', 'first alarm on', 'positive rate'], report.streams.map((s, i) => [
      String(i + 1), String(s.falseAlarms), s.detectedAtQuery === null ? '—' : String(s.detectedAtQuery), s.delayQueries === null ? '—' : String(s.delayQueries),
      s.firstAlarmFlagged.join(', ') || '—', pct(s.positiveRate)])),
  ].join('\n');
}

function describeInjection(suite: DriftSuite): string {
  const i = suite.injection;
  switch (i.kind) {
    case 'none': return 'none';
    case 'mean-shift': return `mean shift of ${i.shiftSd} SD in feature ${i.feature}`;
    case 'covariate-swap': return `features ${i.features[0]} and ${i.features[1]} swapped`;
    case 'label-prior': return `positive rate moved to ${pct(i.positiveRate)}`;
    default: return assertNever(i, 'drift injection kind');
  }
}

/** Exit 1 on a false alarm before the shift, or a shift some stream missed. */
export function driftFailure(report: DriftReport): string | null {
  const { summary } = report;
  if (summary.streamsWithFalseAlarm > 0) return `drift alarm on ${summary.streamsWithFalseAlarm} stream(s) before any injected shift`;
  if (report.shiftAtQuery !== null && summary.streamsDetected < report.streams.length) {
    return `the injected shift went undetected in ${report.streams.length - summary.streamsDetected} stream(s)`;
  }
  return null;
}

/** Runs the detector over every stream of a drift reply and summarises detections and false alarms. */
function assembleDrift(suite: DriftSuite, reply: DriftStreamsReply): Omit<DriftReport, 'kind' | 'suite' | 'load'> {
  const names = [...reply.featureNames, 'score'];
  const shiftAtQuery = shiftStart(suite.injection);
  const detections: DriftDetection[] = reply.streams.map((stream) => detectDrift(
    names.map((name, v) => ({
      name,
      reference: v < reply.featureNames.length ? reply.reference.features[v]! : reply.reference.scores,
      stream: v < reply.featureNames.length ? stream.features[v]! : stream.scores,
    })),
    suite.detector,
  ));
  const summaries = detections.map((d) => summarizeDetection(d, shiftAtQuery));
  const first = detections[0]!;
  const delays = summaries.map((s) => s.delayQueries).filter((d): d is number => d !== null);
  return {
    variables: names,
    perCheckAlpha: first.perCheckAlpha,
    ksThreshold: [...first.ksThreshold],
    psiThreshold: [...first.psiThreshold],
    streams: summaries.map((s, i) => ({
      falseAlarms: s.falseAlarms, detectedAtQuery: s.detectedAtQuery, delayQueries: s.delayQueries, positiveRate: reply.streams[i]!.positiveRate,
      firstAlarmFlagged: [...(detections[i]!.checks.find((c) => c.alarm)?.flagged ?? [])],
    })),
    shiftAtQuery,
    timeline: first.checks.map((c) => ({
      query: c.query,
      ksRatio: Math.max(...c.ks.map((d, v) => d / first.ksThreshold[v]!)),
      psiRatio: Math.max(...c.psi.map((s, v) => s / first.psiThreshold[v]!)),
      alarm: c.alarm,
      flagged: [...c.flagged],
    })),
    summary: {
      streamsWithFalseAlarm: summaries.filter((s) => s.falseAlarms > 0).length,
      streamsDetected: summaries.filter((s) => s.detectedAtQuery !== null).length,
      maxDelayQueries: delays.length > 0 ? Math.max(...delays) : null,
      medianDelayQueries: delays.length > 0 ? median(delays) : null,
    },
  };
}
