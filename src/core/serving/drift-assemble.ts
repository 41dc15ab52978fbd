/**
 * Runs every drift detector over every stream of a drift reply — KS/PSI per variable, online MMD,
 * pair correlations and PCA reconstruction error jointly, non-finite values, unseen categories,
 * DDM, ADWIN and a calibrated CUSUM on the labelled errors — and summarises each one and all of
 * them together.
 */
import { nowAbsMs } from '../clock.ts';
import type { DriftStreamsReply } from '../serve-api.ts';
import { median } from '../stats/index.ts';
import { detectDrift, shiftStart } from './drift.ts';
import { adwinAlarms } from './drift-adwin.ts';
import { unseenAlarms, unseenCounts } from './drift-categories.ts';
import { detectorRow, firstDetection, type StreamAlarms } from './drift-detectors.ts';
import { calibrateCusum, cusumAlarms, referenceErrorRate } from './drift-cusum.ts';
import { calibrateJoint, JOINT_DETECTORS, runJoint, type JointRun } from './drift-joint.ts';
import { calibrator, cbpeAccuracy, cbpeAuc, ddmAlarms } from './drift-performance.ts';
import type { DriftReport, DriftSuite } from './drift-schema.ts';

type Assembled = Omit<DriftReport, 'kind' | 'suite' | 'load'>;
type Monitored = DriftStreamsReply['reference'];

const rowsOf = (m: Monitored): number[][] => m.scores.map((score, q) => [...m.features.map((c) => c[q]!), score]);

export function assembleDrift(suite: DriftSuite, reply: DriftStreamsReply): Assembled {
  const names = [...reply.featureNames, 'score'];
  const shiftAtQuery = shiftStart(suite.injection);
  const length = reply.streams[0]?.scores.length ?? 0;
  const watched = (warmup: number) => Math.max(0, (shiftAtQuery ?? length) - warmup);
  const monitored = (stream: Monitored) => names.map((name, v) => ({
    name,
    reference: v < reply.featureNames.length ? reply.reference.features[v]! : reply.reference.scores,
    stream: v < reply.featureNames.length ? stream.features[v]! : stream.scores,
  }));
  // The exact-null thresholds are computed once (and remembered) before the clock starts: cost per query is the checks'.
  if (reply.streams[0]) detectDrift(monitored(reply.streams[0]), suite.detector);
  const t0 = nowAbsMs();
  const detections = reply.streams.map((stream) => detectDrift(monitored(stream), suite.detector));
  const ksMsPerQuery = (nowAbsMs() - t0) / Math.max(1, length * reply.streams.length);
  const joint = calibrateJoint(rowsOf(reply.reference), {
    windowSize: suite.joint.windowSize, centres: suite.joint.centres, ert: suite.joint.ertQueries, seed: suite.seed,
  });
  const runs: JointRun[][] = joint.map((d) => reply.streams.map((stream) => runJoint(d, rowsOf(stream), 1)));
  // A NaN or infinite value is an alarm of its own (the first of each run of them): never a silent pass.
  const nonFiniteAlarms = reply.streams.map((stream) => {
    const bad = rowsOf(stream).map((row) => !row.every(Number.isFinite));
    return bad.flatMap((b, q) => (b && !bad[q - 1] ? [q] : []));
  });
  const ksAlarms = detections.map((d) => d.checks.filter((c) => c.alarm).map((c) => c.query));
  const perDetector: { name: string; alarms: number[][]; warmup: number; ert: number | null; ms: number | null; threshold: number | null }[] = [
    { name: 'ks-psi', alarms: ksAlarms, warmup: suite.detector.windowSize - 1, ert: null, ms: ksMsPerQuery, threshold: null },
    ...joint.map((d, j) => ({
      name: d.name, alarms: runs[j]!.map((r) => [...r.alarms]), warmup: suite.joint.windowSize - 1, ert: suite.joint.ertQueries,
      ms: median(runs[j]!.map((r) => r.msPerQuery)), threshold: d.calibration.threshold,
    })),
    { name: 'non-finite', alarms: nonFiniteAlarms, warmup: 0, ert: null, ms: null, threshold: null },
    ...unseenCategory(reply),
    ...labelled(reply, suite),
  ];
  const detectors = perDetector.map((d) => ({
    ...detectorRow(d.name, d.alarms.map((alarms): StreamAlarms => ({ alarms, monitoredBeforeShift: watched(d.warmup) })), shiftAtQuery, d.ert, d.ms),
    threshold: d.threshold,
  }));
  const streams = reply.streams.map((stream, i) => {
    const firsts = perDetector.map((d) => ({ name: d.name, at: firstDetection(d.alarms[i]!, shiftAtQuery), early: d.alarms[i]!.filter((q) => shiftAtQuery === null || q < shiftAtQuery) }));
    const hits = firsts.filter((f) => f.at !== null).map((f) => f.at!);
    const detectedAtQuery = hits.length > 0 ? Math.min(...hits) : null;
    const firstAny = Math.min(...perDetector.map((d) => d.alarms[i]![0] ?? Number.POSITIVE_INFINITY));
    const firstKs = detections[i]!.checks.find((c) => c.alarm);
    return {
      falseAlarms: firsts.reduce((a, f) => a + f.early.length, 0),
      detectedAtQuery,
      delayQueries: detectedAtQuery !== null && shiftAtQuery !== null ? detectedAtQuery - shiftAtQuery : null,
      positiveRate: stream.positiveRate,
      firstAlarmFlagged: perDetector.flatMap((d) => {
        if (d.alarms[i]![0] !== firstAny) return [];
        if (d.name === 'ks-psi') return [...(firstKs?.flagged ?? [])];
        return [isJoint(d.name) ? `${d.name} (joint)` : d.name === 'non-finite' ? 'non-finite values' : d.name];
      }),
    };
  });
  const delays = streams.map((s) => s.delayQueries).filter((d): d is number => d !== null);
  const first = detections[0]!;
  return {
    variables: names,
    perCheckAlpha: first.perCheckAlpha,
    ksThreshold: [...first.ksThreshold],
    psiThreshold: [...first.psiThreshold],
    streams,
    shiftAtQuery,
    timeline: timeline(first, runs.map((r) => r[0]!), joint.map((d) => d.name), perDetector.map((d) => ({ name: d.name, alarms: d.alarms[0] ?? [] })), suite.detector.checkEvery),
    detectors,
    nonFiniteRows: runs[0]!.map((r) => r.nonFinite),
    unseenCategories: unseenCounts(reply.categoricalFields ?? [], reply.streams.map((s) => s.unseenCategories ?? [])),
    firstAlarms: perDetector.flatMap((d) => (d.alarms[0]?.[0] === undefined ? [] : [{ detector: d.name, query: d.alarms[0][0] }])),
    performance: estimatePerformance(reply, shiftAtQuery),
    summary: {
      streamsWithFalseAlarm: streams.filter((s) => s.falseAlarms > 0).length,
      streamsDetected: streams.filter((s) => s.detectedAtQuery !== null).length,
      maxDelayQueries: delays.length > 0 ? Math.max(...delays) : null,
      medianDelayQueries: delays.length > 0 ? median(delays) : null,
    },
  };
}

const isJoint = (name: string): boolean => (JOINT_DETECTORS as readonly string[]).includes(name);

function timeline(
  first: ReturnType<typeof detectDrift>, runs: readonly JointRun[], names: readonly string[], alarms: readonly { name: string; alarms: readonly number[] }[], every: number,
): Assembled['timeline'] {
  const ratioAt = (name: string, query: number) => runs[names.indexOf(name)]?.ratios[query] ?? null;
  return first.checks.map((c) => {
    const fired = alarms.filter((d) => (d.name === 'ks-psi' ? c.alarm : d.alarms.some((q) => q > c.query - every && q <= c.query))).map((d) => d.name);
    return {
      query: c.query,
      ksRatio: Math.max(...c.ks.map((d, v) => d / first.ksThreshold[v]!)),
      psiRatio: Math.max(...c.psi.map((s, v) => s / first.psiThreshold[v]!)),
      alarm: fired.length > 0,
      flagged: [...c.flagged],
      mmdRatio: ratioAt('mmd', c.query),
      correlationRatio: ratioAt('correlation', c.query),
      pcaRatio: ratioAt('pca', c.query),
      fired,
    };
  });
}

/**
 * The unseen-category detector, when the model has categorical fields: an alarm at the first of
 * each run of queries carrying a value past its field's vocabulary (counted by the worker).
 */
function unseenCategory(reply: DriftStreamsReply) {
  if ((reply.categoricalFields ?? []).length === 0) return [];
  const alarms = reply.streams.map((s) => unseenAlarms(s.unseenCategories ?? []));
  return [{ name: 'unseen category', alarms, warmup: 0, ert: null, ms: null, threshold: null }];
}

/** DDM, ADWIN and the CUSUM on the error stream, when the worker sent labels (decisions 1[score ≥ ½]). */
function labelled(reply: DriftStreamsReply, suite: DriftSuite) {
  if (!reply.streams.every((s) => s.labels)) return [];
  const reference = reply.reference.labels;
  const delay = suite.labelDelayQueries;
  const decisions = reply.streams.map((s) => s.scores.map(decision));
  const queries = Math.max(1, reply.streams.reduce((a, s) => a + s.scores.length, 0));
  const timed = (run: (d: number[], labels: number[]) => number[]) => {
    const t0 = nowAbsMs();
    const alarms = reply.streams.map((s, i) => run(decisions[i]!, s.labels!));
    return { alarms, ms: (nowAbsMs() - t0) / queries };
  };
  const ddm = timed((d, labels) => ddmAlarms(d, labels, delay));
  const adwin = timed((d, labels) => adwinAlarms(d, labels, delay, suite.adwin));
  // The CUSUM's in-control error rate is the labelled reference's; its threshold is calibrated (and remembered) before the clock starts.
  const design = reference ? calibrateCusum(referenceErrorRate(reply.reference.scores.map(decision), reference).upper, suite.cusum.increase, suite.cusum.ertQueries) : null;
  const cusum = design ? timed((d, labels) => cusumAlarms(d, labels, delay, design)) : null;
  return [
    { name: 'ddm (labels)', alarms: ddm.alarms, warmup: delay, ert: null, ms: ddm.ms, threshold: null },
    { name: 'adwin (labels)', alarms: adwin.alarms, warmup: delay, ert: null, ms: adwin.ms, threshold: null },
    ...(cusum && design ? [{ name: 'cusum (labels)', alarms: cusum.alarms, warmup: delay, ert: suite.cusum.ertQueries, ms: cusum.ms, threshold: design.threshold }] : []),
  ];
}

/** The model's decision for a score: 1[score ≥ ½], NaN for a non-finite score. */
const decision = (score: number): number => (Number.isFinite(score) ? (score >= 0.5 ? 1 : 0) : Number.NaN);

/** CBPE accuracy from the shift on (all queries without one), calibrated on the labelled reference, beside the realised accuracy. */
function estimatePerformance(reply: DriftStreamsReply, shiftAtQuery: number | null): Assembled['performance'] {
  const reference = reply.reference.labels;
  if (!reference || !reply.streams.every((s) => s.labels)) return [];
  const calibrated = calibrator(reply.reference.scores, reference, 20);
  return reply.streams.map((s) => {
    const from = shiftAtQuery ?? 0;
    const { estimated, realised } = cbpeAccuracy(s.scores.slice(from), s.labels!.slice(from), calibrated);
    const auc = cbpeAuc(s.scores.slice(from), s.labels!.slice(from), calibrated);
    return { estimatedAccuracy: estimated, realisedAccuracy: realised, estimatedAuc: auc?.estimated ?? null, realisedAuc: auc?.realised ?? null };
  });
}
