import { css, html, LitElement, nothing } from 'lit';
import { formatSigned, formatValue } from '../core/compare/cells.ts';
import { compareVariants, formatSampling, METRIC_IDS, metricValue, parseThreshold } from '../core/compare/index.ts';
import { judgementsByDevice, type JudgedMetric, type Judgement } from '../core/compare/judgement.ts';
import { variantGroups, type Run } from '../core/share/run.ts';
import type { VariantResults } from './chart-data.ts';
import './fb-comparison-table.ts';
import './fb-env-panel.ts';
import './fb-model-panel.ts';
import './fb-latency-cdf.ts';
import './fb-roofline.ts';
import './fb-step-anatomy.ts';
import './fb-step-charts.ts';
import './fb-ttfb-lab.ts';
import './fb-ttfb-waterfall.ts';
import { base, variantColor } from './tokens.ts';
import { messageOf } from '../core/errors.ts';
import type { RunSource } from './run-source.ts';
import { formatClock } from './run-eta.ts';

const SOURCE_LABELS: Readonly<Record<RunSource, string>> = { live: 'this run', history: 'from history', link: 'opened from a link', file: 'opened from a results file' };

const HEADLINE = ['ttfb.totalMs', 'steps.medianMs', 'serving.p50Ms'] as const;

/**
 * The results of a run: verdicts, TTFB waterfall, step time, serving latency,
 * the comparison table and the environment. Renders only; the app does the IO.
 *
 * @fires copy-link - the user asked for a share link
 * @fires export-json - download the run as a results file
 * @fires export-csv - download one CSV row per job
 * @fires run-again - detail: the run; run its plan here
 */
export class FbResults extends LitElement {
  static override properties = { run: { attribute: false }, source: {}, link: { attribute: false }, linkMessage: { attribute: false }, hiddenMs: { type: Number } };
  static override styles = [
    base,
    css`
      :host { display: flex; flex-direction: column; gap: 10px; }
      .title { display: flex; align-items: center; gap: 6px 10px; flex-wrap: wrap; }
      .title h1 { font-size: 16px; font-weight: 600; margin: 0; overflow-wrap: anywhere; }
      .spacer { flex: 1; }
      .actions { display: flex; gap: 6px; flex-wrap: wrap; }
      .link { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; font-size: var(--fb-size-small); color: var(--fb-muted); }
      .link input { flex: 1 1 240px; font-family: var(--fb-mono); font-size: var(--fb-size-small); }
      .headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 230px), 1fr)); gap: 8px; }
      .card { border: 1px solid var(--fb-border); border-radius: var(--fb-radius); padding: 6px 10px; background: var(--fb-bg); }
      .card .label { color: var(--fb-muted); font-size: var(--fb-size-small); }
      .card .big { font-size: 17px; font-weight: 600; font-family: var(--fb-mono); }
      .card .how { color: var(--fb-muted); font-size: var(--fb-size-small); }
      .verdict { font-size: var(--fb-size-small); font-weight: 500; }
      .verdict.faster { color: var(--fb-good); }
      .verdict.slower { color: var(--fb-bad); }
      .verdict.unresolved { color: var(--fb-warn); }
      .verdict.same { color: var(--fb-muted); }
      .grid2 { display: grid; grid-template-columns: minmax(0, 1fr); gap: 10px; }
      .error { color: var(--fb-bad); white-space: normal; }
      .source { font-size: var(--fb-size-small); padding: 1px 8px; border-radius: 9px; background: var(--fb-accent-soft); color: var(--fb-text); }
      .sampling { margin: 0; }
    `,
  ];

  declare run: Run | null;
  declare source: RunSource;
  declare link: string | null;
  declare linkMessage: string | null;
  /** ms the tab was hidden while this (live) run ran. */
  declare hiddenMs: number;

  constructor() {
    super();
    this.run = null;
    this.source = 'live';
    this.link = null;
    this.linkMessage = null;
    this.hiddenMs = 0;
  }

  /**
   * What the run's runner judged (one judgement per device for a fan-out), as the CLI printed it.
   * A run that carries none (made before runs carried it, or runs put side by side here) is
   * compared now, over every metric its jobs measured, and the page says so.
   */
  private judgements(run: Run): { judgements: { device: string | null; comparison: Judgement }[]; recomputed: boolean; problem: string | null } {
    if (run.judgement) return { judgements: judgementsByDevice(run.judgement, null).map(([device, comparison]) => ({ device, comparison })), recomputed: false, problem: null };
    const { comparison, problem } = this.recompute(run);
    return { judgements: comparison ? [{ device: null, comparison }] : [], recomputed: true, problem };
  }

  private recompute(run: Run): { comparison: Judgement | null; problem: string | null } {
    try {
      const metrics = METRIC_IDS.filter((id) => run.jobs.some((job) => metricValue(job.result, id) !== null));
      if (metrics.length === 0) return { comparison: null, problem: 'no job finished, so there is nothing to compare' };
      // An auto-sampled run is judged at its last look's level, as the CLI judged it (src/core/runner/rounds.ts).
      const level = run.sampling?.level;
      return { comparison: compareVariants(variantGroups(run), { metrics, threshold: parseThreshold(run.threshold), paired: true, ...(level !== undefined ? { level } : {}) }), problem: null };
    } catch (error) {
      return { comparison: null, problem: messageOf(error) };
    }
  }

  protected override render() {
    const run = this.run;
    if (!run) return html`<p class="muted">No results yet. Run a comparison, open one from History, or open a share link.</p>`;
    const variants: VariantResults[] = variantGroups(run).map((group, index) => ({ name: group.name, index, results: group.results.filter((r) => r.error === null) }));
    const { judgements, recomputed, problem } = this.judgements(run);
    const comparison = judgements[0]?.comparison ?? null;
    const indexOf = new Map(run.variants.map((v, i) => [v.name, i]));
    const fire = (name: string, detail?: unknown) => () => this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
    const failed = run.jobs.filter((job) => job.result.error !== null);
    return html`
      <div class="title">
        <h1>${run.title}</h1>
        <span class="source">${SOURCE_LABELS[this.source]}</span>
        <span class="muted">${new Date(run.createdAt).toLocaleString('en')} · ${run.variants.length} variant${run.variants.length === 1 ? '' : 's'} × ${run.repetitions} · ${run.jobs.length} job${run.jobs.length === 1 ? '' : 's'}</span>
        <span class="spacer"></span>
        <div class="actions">
          ${this.source === 'link' || this.source === 'file' ? html`<button class="primary" id="run-again" @click=${fire('run-again', run)}>Run this again here</button>` : nothing}
          <button id="copy-link" @click=${fire('copy-link')}>Copy link</button>
          <button @click=${fire('export-json')}>Export JSON</button>
          <button @click=${fire('export-csv')}>Export CSV</button>
        </div>
      </div>
      ${this.link || this.linkMessage
        ? html`<div class="link">${this.link ? html`<span>Link (${this.link.length.toLocaleString('en')} characters):</span><input id="share-link" readonly .value=${this.link} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />` : nothing}<span>${this.linkMessage ?? ''}</span></div>`
        : nothing}
      ${run.sampling && run.sampling.stop !== 'fixed' ? html`<p class="sampling muted" id="sampling">Auto-sampling: ${formatSampling(run.sampling)}.</p>` : nothing}
      ${this.hiddenMs > 0 ? html`<p class="warn" role="note">The tab was hidden for ${formatClock(this.hiddenMs)} during this run; browsers throttle background tabs, so jobs that ran then may be slower.</p>` : nothing}
      ${comparison ? this.renderHeadline(comparison, indexOf) : html`<p class="error">${problem}</p>`}
      ${recomputed && comparison ? html`<p class="muted" id="recomputed" role="note">Compared here: this run carries no verdicts of its own (made by an earlier firstbatch, or runs put side by side in this app), so every metric its jobs measured is compared now, paired within rounds where the jobs ran together.</p>` : nothing}
      <section class="panel"><header><h2>Environment</h2></header><div class="body scroll" tabindex="0" role="region" aria-label="environment (scrolls sideways)"><fb-env-panel .results=${run.jobs.map((j) => ({ variant: run.variants[j.variant]?.name ?? '', result: j.result }))}></fb-env-panel></div></section>
      ${run.jobs.some((j) => j.result.model) ? html`<section class="panel"><header><h2>Models</h2><span class="muted">what ran, its size, peak memory and agreement with cpu</span></header><div class="body scroll" tabindex="0" role="region" aria-label="models (scrolls sideways)"><fb-model-panel .rows=${run.jobs.map((j) => ({ variant: run.variants[j.variant]?.name ?? '', result: j.result }))}></fb-model-panel></div></section>` : nothing}
      <section class="panel"><header><h2>Time to first batch</h2><span class="muted">submit → first loss (or a serve-only job's first inference) on the CPU, by phase · every TTFB on this page is a mean over jobs; the phases' means add up to it</span></header><div class="body"><fb-ttfb-waterfall .variants=${variants} .judgedTtfbMs=${judgedTtfb(judgements)}></fb-ttfb-waterfall><fb-ttfb-lab .run=${run}></fb-ttfb-lab></div></section>
      <section class="panel"><header><h2>Step time</h2><span class="muted">after warm-up, to read-back</span></header><div class="body"><fb-step-charts .variants=${variants}></fb-step-charts></div></section>
      <fb-roofline .run=${run}></fb-roofline>
      <fb-step-anatomy .results=${run.jobs.map((j) => j.result).filter((r) => r.error === null)}></fb-step-anatomy>
      <section class="panel"><header><h2>Serving latency</h2><span class="muted">SingleStream, one query at a time</span></header><div class="body"><fb-latency-cdf .variants=${variants}></fb-latency-cdf></div></section>
      ${(judgements.length > 0 ? judgements : [{ device: null, comparison: null }]).map(
        (j) => html`<section class="panel"><header><h2>Comparison${j.device === null ? '' : ` on ${j.device}`}</h2><span class="muted">${j.comparison ? `baseline ${j.comparison.baseline} · threshold ${run.threshold}` : ''}</span></header><div class="body scroll" tabindex="0" role="region" aria-label="comparison (scrolls sideways)"><fb-comparison-table .comparison=${j.comparison} .variantIndex=${indexOf}></fb-comparison-table></div></section>`,
      )}
      ${failed.length > 0
        ? html`<section class="panel"><header><h2>Failed jobs</h2></header><div class="body scroll" tabindex="0" role="region" aria-label="failed jobs (scrolls sideways)"><table aria-label="failed jobs"><tbody>${failed.map((job) => html`<tr><td>${run.variants[job.variant]?.name} #${job.repetition + 1}</td><td>${job.result.error?.code}</td><td class="error">${job.result.error?.message}</td></tr>`)}</tbody></table></div></section>`
        : nothing}
    `;
  }

  private renderHeadline(comparison: Judgement, indexOf: ReadonlyMap<string, number>) {
    const cards = HEADLINE.flatMap((id) => {
      const metric = comparison.metrics.find((m) => m.metric === id);
      return metric ? [metric] : [];
    });
    return html`<div class="headline" aria-label="verdicts">
      ${cards.map(
        (m) => html`<div class="card">
          <div class="label">${m.label} <span class="how">· ${centreOf(m)} of jobs</span></div>
          ${m.variants.map(
            (v) => html`<div><span class="swatch" style="background:${variantColor(indexOf.get(v.variant) ?? 0)}"></span><span class="big">${formatValue(v.point, m.unit)}</span> <span class="muted">${v.variant} · n=${v.n}</span></div>`,
          )}
          ${m.differences.map((d) => html`<div class="verdict ${d.verdict === 'no detectable difference' ? 'same' : d.verdict}">${d.candidate}: ${d.verdict}${verdictDetail(d)}</div>`)}
        </div>`,
      )}
    </div>`;
  }
}

/** Each variant's judged TTFB (one judgement: a run fanned out over devices has one per device, and the table shows the jobs' means). */
function judgedTtfb(judgements: readonly { comparison: Judgement }[]): ReadonlyMap<string, number> {
  const ttfb = judgements.length === 1 ? judgements[0]!.comparison.metrics.find((m) => m.metric === 'ttfb.totalMs') : undefined;
  return new Map((ttfb?.variants ?? []).flatMap((v) => (v.point === null ? [] : [[v.variant, v.point] as const])));
}

/** "mean" or "median": what the estimate of a metric is (the comparison table's too). */
function centreOf(metric: JudgedMetric): string {
  return metric.method.includes('Hodges') ? 'median' : 'mean';
}

/** " (12% lower)", or how many jobs an interval needs when too few ran for one. */
function verdictDetail(d: JudgedMetric['differences'][number]): string {
  if (d.needsPerSide !== null) return ` (${formatSigned(d.relative.value, '%')}; CI needs ≥ ${d.needsPerSide} ${d.method.startsWith('paired') ? 'rounds' : 'jobs a side'})`;
  if (d.verdict === 'faster' || d.verdict === 'slower') return ` (${(Math.abs(d.relative.value) * 100).toFixed(0)}% ${d.relative.value < 0 ? 'lower' : 'higher'})`;
  return '';
}

customElements.define('fb-results', FbResults);

declare global {
  interface HTMLElementTagNameMap {
    'fb-results': FbResults;
  }
}
