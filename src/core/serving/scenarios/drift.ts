/** Drift: a serving stream with an injected shift, watched by input detectors (KS/PSI, MMD, pair correlations, PCA reconstruction error, non-finite, unseen categories) and label detectors (DDM, ADWIN, CUSUM). */
import { assertNever } from '../../assert.ts';
import { assembleDrift } from '../drift-assemble.ts';
import { describeUnseen } from '../drift-categories.ts';
import { driftReportSchema, driftSuiteSchema, type DriftReport, type DriftSuite } from '../drift-schema.ts';
import type { ServingHost, ServingProgress } from '../host.ts';
import { envLine, modelLabel, pct, table } from '../markdown.ts';
import { defineScenario } from './descriptor.ts';
import { driftForm } from './drift.form.ts';

export { driftReportSchema, driftSuiteSchema, type DriftReport, type DriftSuite } from '../drift-schema.ts';

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
    `Joint detectors over all ${report.variables.length} variables together: online MMD, pair correlations and PCA reconstruction error over windows of ${suite.joint.windowSize} queries, ` +
      `thresholds calibrated by simulation on the reference to an expected run time of ${suite.joint.ertQueries.toLocaleString('en')} queries without drift.` +
      (report.performance.length > 0 ? ` Accuracy from the shift on, estimated without labels (CBPE) vs realised: ${report.performance.map((p) => `${p.estimatedAccuracy.toFixed(3)} vs ${p.realisedAccuracy.toFixed(3)}${p.estimatedAuc !== null && p.realisedAuc !== null ? ` (AUC ${p.estimatedAuc.toFixed(3)} vs ${p.realisedAuc.toFixed(3)})` : ''}`).slice(0, 5).join('; ')}${report.performance.length > 5 ? '; …' : ''}.` : '') +
      (report.nonFiniteRows.some((n) => n > 0) ? ` Rows with a NaN or infinite value (not tested): ${report.nonFiniteRows.join(', ')} per stream.` : '') +
      unseenSentence(report) + costSentence(report), '',
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

/** "Unseen categorical values: field 1: 75 queries with an unseen value (first at query 1003)." — empty without any. */
function unseenSentence(report: DriftReport): string {
  const lines = describeUnseen(report.unseenCategories, report.streams.length);
  return lines.length === 0 ? '' : ` Unseen categorical values (counted; the model was served a valid id): ${lines.join('; ')}.`;
}

/** The detectors' cost per query together, where each was timed. */
function costSentence(report: DriftReport): string {
  const timed = report.detectors.filter((d) => d.msPerQuery !== null);
  if (timed.length === 0) return '';
  return ` The ${timed.length} timed detectors together: ${timed.reduce((a, d) => a + d.msPerQuery!, 0).toFixed(4)} ms per query.`;
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
    case 'concept': return `labels flipped where feature ${i.feature} > ${i.above} (inputs unchanged)`;
    case 'unseen-category': return `${pct(i.rate)} of queries with a value of categorical field ${i.field} never seen in training`;
    default: return assertNever(i, 'drift injection kind');
  }
}

/**
 * Exit 1 on a KS/PSI false alarm before the shift (its family rate is the suite's budget), on a
 * joint detector alarming without drift more often than its configured ERT allows (Poisson,
 * one-sided p < 0.001), or on a shift some stream missed. DDM's 3-SD rule and ADWIN's δ (a bound
 * per cut, not a rate per query) have no configured rate: their false alarms are reported, not failed.
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
