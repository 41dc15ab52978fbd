import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type uPlot from 'uplot';
import { formatMs } from '../core/format.ts';
import { pct } from '../core/serving/markdown.ts';
import { describeUnseen } from '../core/serving/drift-categories.ts';
import type { ModelLoad, ServingReport } from '../core/serving/index.ts';
import { empiricalCdfs, msTick } from './chart-data.ts';
import { axis, type ChartOptions } from './fb-chart.ts';
import './fb-canary-verdict.ts';
import './fb-chart.ts';
import './fb-serving-drift.ts';
import './fb-serving-server.ts';
import { base, variantColor } from './tokens.ts';

type Of<K extends ServingReport['kind']> = Extract<ServingReport, { kind: K }>;

/** "ranker w128 on cpu · tfjs 4.22.0 · timer 0.005 ms", and the software-adapter label where it applies. */
function loadLine(load: ModelLoad) {
  const a = load.env.adapter;
  return html`<span>${load.env.backend}${a ? ` (${a.vendor} ${a.architecture})` : ''} · tfjs ${load.env.tfjsVersion} · timer ${formatMs(load.env.timerResolutionMs)} · ${load.env.hardwareConcurrency} cores · loaded in ${formatMs(load.spawnToLoadedMs)}</span>${load.env.softwareRenderer ? html` <strong class="warn">software fallback adapter: GPU numbers say nothing about GPU hardware</strong>` : nothing}`;
}

const summaryRow = (name: string, s: { count: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number }) =>
  html`<tr><td>${name}</td><td class="num">${s.count}</td><td class="num">${formatMs(s.p50Ms)}</td><td class="num">${formatMs(s.p90Ms)}</td><td class="num">${formatMs(s.p99Ms)}</td><td class="num">${formatMs(s.maxMs)}</td></tr>`;
const summaryHead = (first: string) => html`<thead><tr><th>${first}</th><th class="num">n</th><th class="num">p50</th><th class="num">p90</th><th class="num">p99</th><th class="num">max</th></tr></thead>`;

/**
 * A serving report as tables and charts, one layout per scenario kind: SingleStream's CDF,
 * Server's max-QPS search and latency over time, Offline's throughput per batch, Cold's
 * first queries, the multi-stage pipeline's stages, the canary's verdict and drift's
 * statistic against its threshold.
 */
export class FbServingReport extends LitElement {
  static override properties = { report: { attribute: false } };
  static override styles = [base, css`
    :host { display: block; }
    .env { color: var(--fb-muted); font-size: var(--fb-size-small); margin: 0 0 8px; display: flex; flex-wrap: wrap; gap: 4px 8px; }
    .lead { font-size: 15px; margin: 0 0 8px; }
    h3 { margin: 10px 0 4px; }
    table { margin-bottom: 6px; }
  `];

  declare report: ServingReport | null;

  constructor() {
    super();
    this.report = null;
  }

  protected override render() {
    return this.report ? renderReport(this.report.kind, this.report) : nothing;
  }
}

/** One layout per scenario kind: a new kind's report needs its entry here (the compiler asks for it). */
const RENDERERS: { readonly [K in ServingReport['kind']]: (report: Of<K>) => TemplateResult } = {
  server: (r) => html`<p class="env">${loadLine(r.load)}</p><fb-serving-server .report=${r}></fb-serving-server>`,
  'single-stream': singleStream,
  offline,
  cold,
  multistage,
  canary: (r) => html`<p class="env">${loadLine(r.baselineLoad)}</p><fb-canary-verdict .report=${r}></fb-canary-verdict>`,
  drift,
};

function renderReport<K extends ServingReport['kind']>(kind: K, report: Of<K>): TemplateResult {
  const render: (report: Of<K>) => TemplateResult = RENDERERS[kind];
  return render(report);
}

function singleStream(r: Of<'single-stream'>): TemplateResult {
  const { xs, ys } = empiricalCdfs([r.samplesMs]);
  const options: ChartOptions = {
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, distr: 3 }, y: { range: [0, 1.02] } },
    axes: [axis({ label: 'latency per query (log scale; read-back included)', values: (_u, splits) => splits.map(msTick), space: 60 }), axis({ label: 'fraction of queries', size: 48, values: (_u, s) => s.map((v) => `${Math.round(v * 100)}%`) })],
    series: [{}, { label: 'queries', stroke: variantColor(0), width: 1.5, points: { show: false } }],
  };
  return html`<p class="env">${loadLine(r.load)}</p>
    <p class="lead">${r.latency.count} queries one at a time over ${formatMs(r.durationMs)}: p90 <strong class="num">${formatMs(r.latency.p90Ms)}</strong>; the cold first query took ${formatMs(r.coldMs)}.</p>
    <fb-chart label=${`latency CDF of ${r.latency.count} queries`} .height=${220} .options=${options} .data=${[xs, ...ys] as uPlot.AlignedData}></fb-chart>
    <div class="scroll" tabindex="0" role="region" aria-label="single-stream latency (scrolls sideways)"><table aria-label="single-stream latency">${summaryHead('queries')}<tbody>${summaryRow('warm', r.latency)}<tr><td>cold (first)</td><td class="num">1</td><td class="num" colspan="4">${formatMs(r.coldMs)}</td></tr></tbody></table></div>`;
}

function offline(r: Of<'offline'>): TemplateResult {
  const options: ChartOptions = {
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, distr: 3 }, y: { range: (_u, _min, max) => [0, max * 1.1] } },
    axes: [axis({ label: 'batch size (log scale)' }), axis({ label: 'examples / s', size: 60 })],
    series: [{}, { label: 'examples/s', stroke: variantColor(0), width: 1.5, points: { show: true, size: 6, fill: variantColor(0) } }],
  };
  return html`<p class="env">${loadLine(r.load)}</p>
    <p class="lead">Best throughput <strong class="num">${r.best.examplesPerSec.toFixed(0)} examples/s</strong> at batch ${r.best.batchSize}.</p>
    <fb-chart label=${`throughput per batch size, best ${r.best.examplesPerSec.toFixed(0)} examples/s`} .height=${200} .options=${options} .data=${[r.points.map((p) => p.batchSize), r.points.map((p) => p.examplesPerSec)] as uPlot.AlignedData}></fb-chart>
    <div class="scroll" tabindex="0" role="region" aria-label="offline throughput (scrolls sideways)"><table aria-label="offline throughput"><thead><tr><th class="num">batch</th><th class="num">batches</th><th class="num">examples/s</th><th class="num">batch p50</th><th class="num">batch p99</th></tr></thead>
      <tbody>${r.points.map((p) => html`<tr><td class="num">${p.batchSize}</td><td class="num">${p.batches}</td><td class="num">${p.examplesPerSec.toFixed(0)}</td><td class="num">${formatMs(p.batchMs.p50Ms)}</td><td class="num">${formatMs(p.batchMs.p99Ms)}</td></tr>`)}</tbody></table></div>`;
}

function cold(r: Of<'cold'>): TemplateResult {
  return html`${r.runs[0] ? html`<p class="env">${loadLine(r.runs[0].load)}</p>` : nothing}
    <p class="lead">First query in a fresh worker: median <strong class="num">${formatMs(r.firstQuery.p50Ms)}</strong> over ${r.runs.length} workers.</p>
    <div class="scroll" tabindex="0" role="region" aria-label="cold starts (scrolls sideways)"><table aria-label="cold starts"><thead><tr><th class="num">worker</th><th class="num">spawn → loaded</th><th class="num">import</th><th class="num">backend</th><th class="num">train</th><th class="num">first query</th><th class="num">second query</th></tr></thead>
      <tbody>${r.runs.map((run, i) => html`<tr><td class="num">${i + 1}</td><td class="num">${formatMs(run.load.spawnToLoadedMs)}</td><td class="num">${formatMs(run.load.phasesMs.import)}</td><td class="num">${formatMs(run.load.phasesMs.backend)}</td><td class="num">${formatMs(run.load.phasesMs.train)}</td><td class="num">${formatMs(run.firstQueryMs)}</td><td class="num">${formatMs(run.secondQueryMs)}</td></tr>`)}</tbody></table></div>`;
}

function multistage(r: Of<'multistage'>): TemplateResult {
  return html`<p class="env">retrieval: ${loadLine(r.retrievalLoad)}</p><p class="env">ranking: ${loadLine(r.rankingLoad)}</p>
    <p class="lead">${r.endToEnd.count} requests${r.suite.qps > 0 ? ` at ${r.suite.qps} QPS (Poisson)` : ', one at a time'}; end to end p99 <strong class="num">${formatMs(r.endToEnd.p99Ms)}</strong>.</p>
    <div class="scroll" tabindex="0" role="region" aria-label="stages (scrolls sideways)"><table aria-label="stages">${summaryHead('stage')}<tbody>
      ${summaryRow('retrieval (worker compute)', r.retrieval)}${summaryRow('ranking (worker compute)', r.ranking)}${summaryRow('messaging, hand-off and queueing', r.overhead)}${summaryRow('end to end', r.endToEnd)}
    </tbody></table></div>
    <p class="muted">Request 1: user ${r.example.userId} → retrieved ${r.example.retrieved.slice(0, 8).join(', ')}${r.example.retrieved.length > 8 ? ', …' : ''} → ranked first ${r.example.ranked.slice(0, 5).join(', ')}.</p>`;
}

function drift(r: Of<'drift'>): TemplateResult {
  const { summary } = r;
  return html`<p class="env">${loadLine(r.load)}</p>
    <p class="lead" id="drift-finding">${r.shiftAtQuery === null ? 'No shift injected' : `Shift from query ${r.shiftAtQuery}`}: detected in ${summary.streamsDetected} of ${r.streams.length} stream${r.streams.length === 1 ? '' : 's'}, false alarms in ${summary.streamsWithFalseAlarm}${summary.medianDelayQueries !== null ? `; delay median ${summary.medianDelayQueries} queries` : ''}.</p>
    <fb-serving-drift .timeline=${r.timeline} .shiftAtQuery=${r.shiftAtQuery} .firstAlarms=${r.firstAlarms}></fb-serving-drift>
    <p class="muted">KS and PSI of ${r.variables.length} variables (${r.variables.join(', ')}) over windows of ${r.suite.detector.windowSize} queries every ${r.suite.detector.checkEvery}; family false-alarm rate ${r.suite.detector.familyAlpha} (per check α ${r.perCheckAlpha.toExponential(2)}, KS D ≥ ${r.ksThreshold[0]?.toFixed(3)}, PSI > ${r.psiThreshold[0]?.toFixed(3)}).</p>
    <p class="muted">Joint detectors over all ${r.variables.length} variables together (MMD, pair correlations, PCA reconstruction error): windows of ${r.suite.joint.windowSize} queries, thresholds calibrated by simulation to ${r.suite.joint.ertQueries.toLocaleString('en')} queries between false alarms.${r.performance[0] ? ` Accuracy ${r.shiftAtQuery === null ? '' : 'from the shift on '}estimated without labels (CBPE) ${r.performance[0].estimatedAccuracy.toFixed(3)}, realised ${r.performance[0].realisedAccuracy.toFixed(3)}${r.performance[0].estimatedAuc !== null && r.performance[0].realisedAuc !== null ? `; AUC ${r.performance[0].estimatedAuc.toFixed(3)} vs ${r.performance[0].realisedAuc.toFixed(3)}` : ''} (stream 1).` : ''}${r.nonFiniteRows.some((n) => n > 0) ? ` Rows with a NaN or infinite value, not tested: ${r.nonFiniteRows.join(', ')} per stream.` : ''}</p>
    ${r.unseenCategories.length > 0 ? html`<p id="drift-unseen">Unseen categorical values (counted; the model was served a valid id): ${describeUnseen(r.unseenCategories, r.streams.length).join('; ')}.</p>` : ''}
    ${r.detectors.length > 0 ? html`<div class="scroll" tabindex="0" role="region" aria-label="drift detectors (scrolls sideways)"><table aria-label="drift detectors"><thead><tr><th>detector</th><th class="num">detected</th><th class="num">median delay</th><th class="num">false alarms / 10k queries</th><th class="num">measured ERT</th><th class="num">configured ERT</th><th class="num">ms / query</th></tr></thead>
      <tbody>${r.detectors.map((d) => html`<tr><td>${d.name}</td><td class="num">${r.shiftAtQuery === null ? '—' : `${d.streamsDetected}/${r.streams.length}`}</td><td class="num">${d.medianDelayQueries ?? '—'}${d.delayInterval ? ` (${d.delayInterval[0]}–${d.delayInterval[1]})` : ''}</td><td class="num">${d.falseAlarmsPer10k.toFixed(2)}</td><td class="num">${d.measuredErtQueries === null ? `> ${d.monitoredQueries.toLocaleString('en')}` : Math.round(d.measuredErtQueries).toLocaleString('en')}</td><td class="num">${d.configuredErtQueries?.toLocaleString('en') ?? '—'}</td><td class="num">${d.msPerQuery === null ? '—' : d.msPerQuery.toFixed(3)}</td></tr>`)}</tbody></table></div>` : ''}
    <div class="scroll" tabindex="0" role="region" aria-label="drift streams (scrolls sideways)"><table aria-label="drift streams"><thead><tr><th class="num">stream</th><th class="num">false alarms</th><th class="num">detected at query</th><th class="num">delay</th><th>first alarm on</th><th class="num">positive rate</th></tr></thead>
      <tbody>${r.streams.map((s, i) => html`<tr><td class="num">${i + 1}</td><td class="num">${s.falseAlarms}</td><td class="num">${s.detectedAtQuery ?? '—'}</td><td class="num">${s.delayQueries ?? '—'}</td><td>${s.firstAlarmFlagged.join(', ') || '—'}</td><td class="num">${pct(s.positiveRate)}</td></tr>`)}</tbody></table></div>`;
}

customElements.define('fb-serving-report', FbServingReport);

declare global {
  interface HTMLElementTagNameMap {
    'fb-serving-report': FbServingReport;
  }
}
