/** Markdown summaries of serving reports (for the CLI's stdout, --markdown and CI job summaries). */
import { formatMs } from '../format.ts';
import type { ModelLoad, ServingReport } from './reports.ts';
import type { ServeModel } from './suites.ts';
import { assertNever } from '../assert.ts';

type Report<K extends ServingReport['kind']> = Extract<ServingReport, { kind: K }>;

const table = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const modelLabel = (m: ServeModel): string => `${m.workload} w${m.width} seed ${m.seed} on ${m.backend}`;
const envLine = (load: ModelLoad): string => {
  const a = load.env.adapter;
  return `backend ${load.env.backend}${a ? ` (${a.vendor} ${a.architecture}${a.isFallbackAdapter ? ', software fallback adapter' : ''})` : ''}, ` +
    `tfjs ${load.env.tfjsVersion}, timer ${formatMs(load.env.timerResolutionMs)}, ${load.env.hardwareConcurrency} cores`;
};
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The outcome of a serving report in one sentence per finding, then tables. */
export function formatServingMarkdown(report: ServingReport): string {
  switch (report.kind) {
    case 'server': return formatServer(report);
    case 'single-stream': return [
      `## SingleStream: ${modelLabel(report.suite.model)}`, envLine(report.load), '',
      `${report.latency.count} queries one at a time over ${formatMs(report.durationMs)}; cold first query ${formatMs(report.coldMs)}.`, '',
      table(['p50', 'p90', 'p99', 'max'], [[formatMs(report.latency.p50Ms), formatMs(report.latency.p90Ms), formatMs(report.latency.p99Ms), formatMs(report.latency.maxMs)]]),
    ].join('\n');
    case 'offline': return [
      `## Offline: ${modelLabel(report.suite.model)}`, envLine(report.load), '',
      `Best throughput ${report.best.examplesPerSec.toFixed(0)} examples/s at batch ${report.best.batchSize}.`, '',
      table(['batch', 'examples/s', 'batch p50', 'batch p99'], report.points.map((p) => [String(p.batchSize), p.examplesPerSec.toFixed(0), formatMs(p.batchMs.p50Ms), formatMs(p.batchMs.p99Ms)])),
    ].join('\n');
    case 'cold': return [
      `## Cold: ${modelLabel(report.suite.model)}`, '',
      `First query in a fresh worker: median ${formatMs(report.firstQuery.p50Ms)} over ${report.runs.length} workers.`, '',
      table(['run', 'spawn → loaded', 'import', 'backend', 'train', 'first query', 'second query'], report.runs.map((r, i) => [
        String(i + 1), formatMs(r.load.spawnToLoadedMs), formatMs(r.load.phasesMs.import), formatMs(r.load.phasesMs.backend), formatMs(r.load.phasesMs.train),
        formatMs(r.firstQueryMs), formatMs(r.secondQueryMs)])),
    ].join('\n');
    case 'multistage': return [
      `## Multi-stage: retrieval (${modelLabel(report.suite.retrieval)}) → top ${report.suite.topK} → ranking (${modelLabel(report.suite.ranking)})`, '',
      `${report.endToEnd.count} requests${report.suite.qps > 0 ? ` at ${report.suite.qps} QPS (Poisson)` : ', one at a time'}; end to end p99 ${formatMs(report.endToEnd.p99Ms)}.`, '',
      table(['stage', 'p50', 'p90', 'p99'], ([['retrieval (worker)', report.retrieval], ['ranking (worker)', report.ranking], ['messaging, hand-off and queueing', report.overhead], ['end to end', report.endToEnd]] as const)
        .map(([name, s]) => [name, formatMs(s.p50Ms), formatMs(s.p90Ms), formatMs(s.p99Ms)])),
    ].join('\n');
    case 'canary': return formatCanary(report);
    case 'drift': return formatDrift(report);
    default: return assertNever(report, 'serving report kind');
  }
}

function formatServer(report: Report<'server'>): string {
  const rows = [...report.sweep, ...(report.search?.probes ?? [])].sort((a, b) => a.targetQps - b.targetQps);
  const search = report.search;
  const finding = search === null ? '' : search.maxQps === null
    ? `No rate met the p99 target of ${formatMs(report.suite.latencyTargetMs)} (even ${report.suite.search?.lowQps} QPS missed it).`
    : `Largest rate meeting p99 ≤ ${formatMs(report.suite.latencyTargetMs)}: **${search.maxQps.toFixed(1)} QPS**` +
      (search.failedQps !== null ? ` (${search.failedQps.toFixed(1)} QPS missed; search ${search.stoppedBecause})` : ` (the ceiling ${search.stoppedBecause})`) + '.';
  return [
    `## Server: ${modelLabel(report.suite.model)}`, envLine(report.load), '',
    'Latency runs from each query\'s scheduled (Poisson) arrival to its result on the page, so timer lateness, messaging and the worker\'s queue all count.',
    finding, '',
    table(['target QPS', 'achieved QPS', 'queries', 'p50', 'p90', 'p99', 'queue p99', 'compute p50', 'meets target'], rows.map((s) => [
      s.targetQps.toFixed(1), s.achievedQps.toFixed(1), String(s.latency.count), formatMs(s.latency.p50Ms), formatMs(s.latency.p90Ms),
      formatMs(s.latency.p99Ms), formatMs(s.queue.p99Ms), formatMs(s.service.p50Ms), s.meetsTarget ? 'yes' : 'no'])),
  ].join('\n');
}

function formatCanary(report: Report<'canary'>): string {
  const { suite, verdicts } = report;
  const single = report.runs.length === 1 ? report.runs[0] : undefined;
  return [
    `## Canary: ${modelLabel(suite.candidate)} vs baseline ${modelLabel(suite.baseline)}`, envLine(report.baselineLoad), '',
    `${pct(suite.share)} of ${suite.queries} queries at ${suite.qps} QPS go to the candidate` +
      (report.colocated ? ', served by the baseline\'s worker (one thread and queue for both) and judged against the baseline. '
        : report.controlLoad ? ', as many to a control (a fresh baseline instance) it is judged against. ' : ', judged against the production baseline. ') +
      `Verdicts over ${report.runs.length} run(s): promote ${verdicts.promote}, roll back ${verdicts['roll back']}, inconclusive ${verdicts.inconclusive} ` +
      `(expected: ${suite.expect}; ${report.expectationMet ? 'met' : '**not met**'}).`,
    ...(single ? ['', `**${single.judgement.verdict}**: ${single.judgement.reasons.join('; ')}`] : []), '',
    table(['run', 'verdict', 'canary queries', 'latency shift (CI)', 'compute shift (CI)', 'compute median ×', 'accuracy base → cand', 'agreement'], report.runs.map((r, i) => {
      const shift = (s: typeof r.judgement.latencyShift): string => (s ? `${pct(s.value)} (${pct(s.ci.low)} … ${pct(s.ci.high)})` : '—');
      return [String(i + 1), r.judgement.verdict, String(r.judgement.canaryQueries),
        shift(r.judgement.latencyShift), shift(r.judgement.computeShift), r.serviceRatio?.toFixed(3) ?? '—',
        `${pct(r.holdout.baselineAccuracy)} → ${pct(r.holdout.candidateAccuracy)}`, pct(r.holdout.agreement)];
    })),
  ].join('\n');
}

function formatDrift(report: Report<'drift'>): string {
  const { suite, summary } = report;
  const injected = suite.injection.kind === 'none' ? 'no injected shift' : `${describeInjection(suite)} from query ${report.shiftAtQuery}`;
  return [
    `## Drift: ${modelLabel(suite.model)}, ${injected}`, envLine(report.load), '',
    `KS and PSI of ${report.variables.length} variables (${report.variables.join(', ')}) over windows of ${suite.detector.windowSize} queries, ` +
      `every ${suite.detector.checkEvery}, against ${suite.referenceSize} training-distribution examples; family false-alarm rate ${suite.detector.familyAlpha} ` +
      `(per-check α ${report.perCheckAlpha.toExponential(2)}, KS threshold D > ${report.ksThreshold[0]?.toFixed(3)}, PSI > ${report.psiThreshold[0]?.toFixed(3)}).`, '',
    `Streams: ${report.streams.length}; with a false alarm before the shift: ${summary.streamsWithFalseAlarm}; ` +
      (report.shiftAtQuery === null ? '' : `shift detected: ${summary.streamsDetected}; delay median ${summary.medianDelayQueries ?? '—'}, max ${summary.maxDelayQueries ?? '—'} queries.`), '',
    table(['stream', 'false alarms', 'detected at query', 'delay (queries)', 'first alarm on', 'positive rate'], report.streams.map((s, i) => [
      String(i + 1), String(s.falseAlarms), s.detectedAtQuery === null ? '—' : String(s.detectedAtQuery), s.delayQueries === null ? '—' : String(s.delayQueries),
      s.firstAlarmFlagged.join(', ') || '—', pct(s.positiveRate)])),
  ].join('\n');
}

function describeInjection(suite: Report<'drift'>['suite']): string {
  const i = suite.injection;
  switch (i.kind) {
    case 'none': return 'none';
    case 'mean-shift': return `mean shift of ${i.shiftSd} SD in feature ${i.feature}`;
    case 'covariate-swap': return `features ${i.features[0]} and ${i.features[1]} swapped`;
    case 'label-prior': return `positive rate moved to ${pct(i.positiveRate)}`;
    default: return assertNever(i, 'drift injection kind');
  }
}

/** CI outcome: did the report find what the suite is guarding against? */
export function servingFailure(report: ServingReport): string | null {
  switch (report.kind) {
    case 'canary':
      return report.expectationMet ? null : `canary verdicts ${JSON.stringify(report.verdicts)} do not meet the expectation "${report.suite.expect}"`;
    case 'drift': {
      const { summary } = report;
      if (summary.streamsWithFalseAlarm > 0) return `drift alarm on ${summary.streamsWithFalseAlarm} stream(s) before any injected shift`;
      if (report.shiftAtQuery !== null && summary.streamsDetected < report.streams.length) {
        return `the injected shift went undetected in ${report.streams.length - summary.streamsDetected} stream(s)`;
      }
      return null;
    }
    case 'server':
      return report.search && report.search.maxQps === null ? `no probed rate met the p99 target of ${report.suite.latencyTargetMs} ms` : null;
    case 'single-stream': case 'offline': case 'cold': case 'multistage':
      return null;
    default: return assertNever(report, 'serving report kind');
  }
}

