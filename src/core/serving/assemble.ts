/** Turns raw runs (timings, worker replies) into the reports' parts; pure, so it is tested without a browser. */
import type { DriftStreamsReply } from '../serve-api.ts';
import { median } from '../stats/index.ts';
import type { CanaryArm } from './arrivals.ts';
import { detectDrift, shiftStart, summarizeDetection, type DriftDetection } from './drift.ts';
import { latencyMs, serviceMs, type QueryTiming } from './latency.ts';
import type { TimelinePoint } from './reports.ts';
import type { DriftReport, DriftSuite } from './scenarios/drift.ts';

/** Latency over time, in ms since the first scheduled arrival. */
export function timelineOf(timings: readonly QueryTiming[], arms: readonly CanaryArm[] = []): TimelinePoint[] {
  const start = Math.min(...timings.map((t) => t.scheduledAbsMs));
  return timings.map((t, i) => {
    const arm = arms[i] ?? 'baseline';
    return { atMs: t.scheduledAbsMs - start, latencyMs: latencyMs(t), canary: arm === 'candidate', arm };
  });
}

/** Fraction of positions where two decision lists agree. */
export function agreementOf(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) throw new RangeError(`agreement needs two equally long, non-empty decision lists, got ${a.length} and ${b.length}`);
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Median worker compute time of the candidate over the baseline's. */
export function serviceRatio(baseline: readonly QueryTiming[], candidate: readonly QueryTiming[]): number | null {
  if (baseline.length === 0 || candidate.length === 0) return null;
  return median(candidate.map(serviceMs)) / median(baseline.map(serviceMs));
}

/** Runs the detector over every stream of a drift reply and summarises detections and false alarms. */
export function assembleDrift(suite: DriftSuite, reply: DriftStreamsReply): Omit<DriftReport, 'kind' | 'suite' | 'load'> {
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
