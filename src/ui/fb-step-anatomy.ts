import { css, html, LitElement, nothing } from 'lit';
import { summarizeAnatomy, type AnatomySummary } from '../core/anatomy.ts';
import { formatMs, jobLabel } from '../core/format.ts';
import { pct } from '../core/serving/markdown.ts';
import type { JobResult } from '../core/result.ts';
import { toTrace } from '../core/trace.ts';
import { download } from './download.ts';
import { base, PHASE_COLORS } from './tokens.ts';


/**
 * Step anatomy per job (workload × backend): dispatch and read-back wait that
 * add up to the step's wall time, GPU time inside the wait where timestamp
 * queries exist, and the top kernels of a profiled step. Also exports the
 * results as a Chrome trace for Perfetto / chrome://tracing.
 */
export class FbStepAnatomy extends LitElement {
  static override properties = { results: { attribute: false } };
  static override styles = [
    base,
    css`
      :host { display: block; margin-top: var(--fb-gap); }
      .job { margin-bottom: 10px; }
      .bar { display: flex; height: 14px; border: 1px solid var(--fb-border); border-radius: 2px; overflow: hidden; margin: 4px 0; max-width: 480px; }
      .bar > span { display: block; height: 100%; }
      .grid > div { min-width: 0; }
      .legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: var(--fb-size-small); color: var(--fb-muted); margin-bottom: 4px; }
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 300px), 1fr)); gap: 12px; }
    `,
  ];

  declare results: readonly JobResult[];

  constructor() {
    super();
    this.results = [];
  }

  private exportTrace(): void {
    download('firstbatch-trace.json', `${JSON.stringify(toTrace(this.results))}\n`, 'application/json');
  }

  protected override render() {
    if (this.results.length === 0) return nothing;
    const withAnatomy = this.results.flatMap((r) => {
      const summary = summarizeAnatomy(r);
      return summary ? [{ result: r, summary }] : [];
    });
    const seen = new Set<string>();
    const unique = withAnatomy.filter(({ result }) => {
      const key = `${result.spec.workload}/${result.spec.backend}/${JSON.stringify(result.spec.flags)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return html`
      <section class="panel" aria-label="Step anatomy">
        <header><h2>Where the time goes: step anatomy and trace</h2><span class="spacer"></span>
          <button id="export-trace" @click=${() => this.exportTrace()} title="Chrome trace-event JSON: open it in ui.perfetto.dev or chrome://tracing">Download trace</button></header>
        <div class="body">
          ${unique.length === 0 ? html`<p class="muted">No anatomy in these jobs: set anatomySteps (e.g. 5) to split steps into dispatch, wait and GPU time.</p>` : nothing}
          ${unique.map(({ result, summary }) => this.renderJob(result, summary))}
        </div>
      </section>
    `;
  }

  private renderJob(result: JobResult, s: AnatomySummary) {
    const [dispatch, wait] = s.parts;
    const gpu = s.waitSplit?.[0];
    return html`
      <div class="job">
        <h3>${jobLabel(result.spec, this.results.map((r) => r.spec))}: ${result.spec.workload} on ${result.spec.backend}</h3>
        <div class="grid">
          <div>
            <div class="bar" title="dispatch | GPU execution | other wait">
              <span style="width:${pct(dispatch?.share ?? 0)};background:${PHASE_COLORS.import}"></span>
              ${gpu ? html`<span style="width:${pct(gpu.share)};background:${PHASE_COLORS.backend}"></span><span style="width:${pct((wait?.share ?? 0) - gpu.share)};background:${PHASE_COLORS.spawn}"></span>` : html`<span style="width:${pct(wait?.share ?? 0)};background:${PHASE_COLORS.spawn}"></span>`}
            </div>
            <div class="legend" aria-label="legend"><span><span class="swatch" style="background:${PHASE_COLORS.import}"></span>JS dispatch</span>${gpu ? html`<span><span class="swatch" style="background:${PHASE_COLORS.backend}"></span>GPU execution</span>` : nothing}<span><span class="swatch" style="background:${PHASE_COLORS.spawn}"></span>${gpu ? 'other wait' : 'read-back wait'}</span></div>
            <div class="scroll" tabindex="0" role="region" aria-label="step anatomy (scrolls sideways)"><table aria-label="step anatomy">
              <tbody>
                <tr><td>JS dispatch (kernels enqueued)</td><td class="num">${formatMs(dispatch?.ms)}</td><td class="num">${pct(dispatch?.share ?? 0)}</td></tr>
                <tr><td>read-back wait</td><td class="num">${formatMs(wait?.ms)}</td><td class="num">${pct(wait?.share ?? 0)}</td></tr>
                ${s.waitSplit ? s.waitSplit.map((p) => html`<tr><td>&nbsp;&nbsp;↳ ${p.name}</td><td class="num">${formatMs(p.ms)}</td><td class="num">${pct(p.share)}</td></tr>`) : nothing}
                <tr><td><strong>step wall (mean of ${s.steps})</strong></td><td class="num"><strong>${formatMs(s.wallMs)}</strong></td><td class="num">Σ parts − wall: ${formatMs(s.residualMs)}</td></tr>
                ${s.vsMeasured ? html`<tr><td>measured step median</td><td class="num">${formatMs(s.vsMeasured.stepMedianMs)}</td><td class="num">${pct(s.vsMeasured.relativeDifference)} apart</td></tr>` : nothing}
              </tbody>
            </table></div>
            ${s.waitSplitProblem ? html`<p class="warn" role="note">⚠ ${s.waitSplitProblem}</p>` : nothing}
            <p class="muted">GPU execution: ${s.gpu.available ? `${formatMs(s.gpu.msPerStep)} per step (${s.gpu.source}${s.gpu.quantumMs ? `, quantised to ${s.gpu.quantumMs * 1000} µs` : ''}); ${s.gpu.note}` : `unavailable — ${s.gpu.reason}`}${result.env?.softwareRenderer ? ' · software adapter: GPU times are approximate' : ''}</p>
          </div>
          <div>
            ${s.kernels.available
              ? html`<div class="scroll" tabindex="0" role="region" aria-label="top kernels (scrolls sideways)"><table aria-label="top kernels">
                  <thead><tr><th>top kernels (one profiled step)</th><th class="num">count</th><th class="num">total</th><th class="num">share</th></tr></thead>
                  <tbody>${s.kernels.top.map((k) => html`<tr><td>${k.name}</td><td class="num">${k.count}</td><td class="num">${formatMs(k.totalMs)}</td><td class="num">${pct(k.share)}</td></tr>`)}</tbody>
                </table></div>
                <p class="muted">${s.kernels.note}</p>`
              : html`<p class="muted">Kernel times unavailable — ${s.kernels.reason}</p>`}
          </div>
        </div>
      </div>
    `;
  }
}

customElements.define('fb-step-anatomy', FbStepAnatomy);

declare global {
  interface HTMLElementTagNameMap {
    'fb-step-anatomy': FbStepAnatomy;
  }
}
