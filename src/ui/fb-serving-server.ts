import { css, html, LitElement } from 'lit';
import type uPlot from 'uplot';
import { formatMs } from '../core/format.ts';
import type { ServerReport } from '../core/serving/index.ts';
import { msTicks } from './chart-data.ts';
import { axis, targetLineHook, type ChartOptions } from './fb-chart.ts';
import './fb-chart.ts';
import './fb-serving-timeline.ts';
import { base } from './tokens.ts';

type Summary = ServerReport['sweep'][number];

const P50_COLOR = '#1a73e8';
const P99_COLOR = '#e8710a';

/**
 * A Server scenario: the largest rate that meets the p99 target (from the max-QPS search), p50
 * and p99 against the offered rate for every rate tried (sweep and search probes), the table,
 * and latency over time of the last run.
 */
export class FbServingServer extends LitElement {
  static override properties = { report: { attribute: false } };
  static override styles = [base, css`
    :host { display: block; }
    .finding { font-size: 15px; margin: 0 0 8px; }
    .finding strong { font-family: var(--fb-mono); }
    .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: var(--fb-size-small); color: var(--fb-muted); margin-top: 4px; }
    .line { display: inline-block; width: 16px; border-top: 2px solid; margin-right: 4px; vertical-align: 3px; }
    .dash { display: inline-block; width: 16px; border-top: 2px dashed var(--fb-bad); margin-right: 4px; vertical-align: 3px; }
    .yes { color: var(--fb-good); }
    .no { color: var(--fb-bad); }
    h3 { margin: 10px 0 4px; }
  `];

  declare report: ServerReport | null;

  constructor() {
    super();
    this.report = null;
  }

  protected override render() {
    const report = this.report;
    if (!report) return html``;
    const target = report.suite.latencyTargetMs;
    const probes = new Set(report.search?.probes ?? []);
    const rows: Summary[] = [...report.sweep, ...(report.search?.probes ?? [])].sort((a, b) => a.targetQps - b.targetQps);
    const first = rows[0];
    return html`
      <p class="finding" id="server-finding">${this.finding(report)}</p>
      ${rows.length > 1 ? this.renderChart(rows, target) : ''}
      <div class="scroll" tabindex="0" role="region" aria-label="server rates (scrolls sideways)"><table aria-label="server rates">
        <thead><tr><th class="num">offered QPS</th><th>from</th><th class="num">achieved QPS</th><th class="num">queries</th><th class="num">p50</th><th class="num">p90</th><th class="num">p99</th><th class="num">queue p99</th><th class="num">compute p50</th><th>p99 ≤ ${formatMs(target)}</th></tr></thead>
        <tbody>${rows.map((s) => html`<tr>
          <td class="num">${s.targetQps.toFixed(1)}</td><td>${probes.has(s) ? 'search' : 'sweep'}</td><td class="num">${s.achievedQps.toFixed(1)}</td><td class="num">${s.latency.count}</td>
          <td class="num">${formatMs(s.latency.p50Ms)}</td><td class="num">${formatMs(s.latency.p90Ms)}</td><td class="num">${formatMs(s.latency.p99Ms)}</td>
          <td class="num">${formatMs(s.queue.p99Ms)}</td><td class="num">${formatMs(s.service.p50Ms)}</td><td class=${s.meetsTarget ? 'yes' : 'no'}>${s.meetsTarget ? 'yes' : 'no'}</td></tr>`)}</tbody>
      </table></div>
      <p class="muted">Latency runs from each query's scheduled (Poisson) arrival to its result on the page, so timer lateness, messaging and the worker's queue all count.${first ? ` A p99 from ${first.latency.count} queries rests on its top ${Math.max(1, Math.round(first.latency.count / 100))} samples.` : ''}</p>
      <h3>Latency over time (last rate run)</h3>
      <fb-serving-timeline .points=${report.timeline} .targetMs=${target} label="server latency over time"></fb-serving-timeline>
    `;
  }

  private finding(report: ServerReport) {
    const search = report.search;
    const target = formatMs(report.suite.latencyTargetMs);
    if (!search) return html`${report.sweep.length} rate${report.sweep.length === 1 ? '' : 's'} against a p99 target of ${target} (no max-QPS search asked for).`;
    if (search.maxQps === null) return html`No rate met the p99 target of ${target} — even ${report.suite.search?.lowQps} QPS missed it.`;
    return html`Largest rate meeting p99 ≤ ${target}: <strong>${search.maxQps.toFixed(1)} QPS</strong> <span class="muted">(${search.failedQps !== null ? `${search.failedQps.toFixed(1)} QPS missed; ` : ''}search ${search.stoppedBecause}, ${search.probes.length} probes)</span>`;
  }

  private renderChart(rows: readonly Summary[], target: number) {
    const data = [rows.map((s) => s.targetQps), rows.map((s) => s.latency.p50Ms), rows.map((s) => s.latency.p99Ms)] as uPlot.AlignedData;
    const options: ChartOptions = {
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(max, target) * 1.1] } },
      axes: [axis({ label: 'offered rate (QPS)' }), axis({ label: 'latency', size: 60, values: (_u, splits) => msTicks(splits) })],
      series: [
        {},
        { label: 'p50', stroke: P50_COLOR, width: 1.5, points: { show: true, size: 6, fill: P50_COLOR } },
        { label: 'p99', stroke: P99_COLOR, width: 1.5, points: { show: true, size: 6, fill: P99_COLOR } },
      ],
      hooks: {
        draw: [targetLineHook(target)],
      },
    };
    return html`<fb-chart .label=${`latency against offered rate, ${rows.length} rates`} .height=${220} .options=${options} .data=${data}></fb-chart>
      <div class="legend" aria-label="legend">
        <span><span class="line" style="border-color:${P50_COLOR}"></span>p50</span>
        <span><span class="line" style="border-color:${P99_COLOR}"></span>p99</span>
        <span><span class="dash"></span>p99 target ${formatMs(target)}</span>
      </div>`;
  }
}

customElements.define('fb-serving-server', FbServingServer);

declare global {
  interface HTMLElementTagNameMap {
    'fb-serving-server': FbServingServer;
  }
}
