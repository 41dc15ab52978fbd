import { css, html, LitElement, nothing } from 'lit';
import type uPlot from 'uplot';
import type { DriftReport } from '../core/serving/index.ts';
import { axis, targetLineHook, type ChartOptions } from './fb-chart.ts';
import './fb-chart.ts';
import { base, chartTheme } from './tokens.ts';

const KS_COLOR = '#1a73e8';
const PSI_COLOR = '#e8710a';
const MMD_COLOR = '#9334e6';
const PAIR_COLOR = '#188038';
const PCA_COLOR = '#d01884';

const FIRED_LABEL: Record<string, string> = {
  'ks-psi': 'KS/PSI (per variable)', mmd: 'MMD (joint)', correlation: 'pair correlation (joint)', pca: 'PCA reconstruction (joint)', 'non-finite': 'non-finite values', 'ddm (labels)': 'DDM on the labelled errors',
  'adwin (labels)': 'ADWIN on the labelled errors', 'cusum (labels)': 'CUSUM on the labelled errors', 'unseen category': 'unseen categorical value',
};

/**
 * The drift statistic over a stream (uPlot, on a canvas): at each check, the largest KS D and
 * PSI over the monitored variables and the joint detectors' statistics (MMD, pair
 * correlations, PCA reconstruction error), each divided by its threshold, so the alarm threshold is 1 for all (dashed);
 * alarmed checks are shaded, the injected shift's query is marked, and the legend names which
 * detector fired first and when.
 */
export class FbServingDrift extends LitElement {
  static override properties = { timeline: { attribute: false }, shiftAtQuery: { type: Number }, firstAlarms: { attribute: false } };
  static override styles = [base, css`
    :host { display: block; }
    .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: var(--fb-size-small); color: var(--fb-muted); margin-top: 4px; }
    .line { display: inline-block; width: 16px; border-top: 2px solid; margin-right: 4px; vertical-align: 3px; }
    .dash { display: inline-block; width: 16px; border-top: 2px dashed var(--fb-bad); margin-right: 4px; vertical-align: 3px; }
    .shade { display: inline-block; width: 12px; height: 10px; background: var(--fb-bad-soft); border: 1px solid var(--fb-bad-border); margin-right: 4px; vertical-align: -1px; }
    .fired { margin: 6px 0 0; font-size: var(--fb-size-small); }
    .mark { display: inline-block; width: 0; height: 12px; border-left: 2px solid var(--fb-muted); margin-right: 6px; vertical-align: -2px; }
  `];

  declare timeline: DriftReport['timeline'];
  declare shiftAtQuery: number | null;
  declare firstAlarms: DriftReport['firstAlarms'];

  constructor() {
    super();
    this.timeline = [];
    this.shiftAtQuery = null;
    this.firstAlarms = [];
  }

  protected override render() {
    const checks = this.timeline;
    if (checks.length === 0) return html`<p class="muted">No checks to show.</p>`;
    const shift = this.shiftAtQuery;
    const alarms = checks.filter((c) => c.alarm);
    const data = [
      checks.map((c) => c.query), checks.map((c) => c.ksRatio), checks.map((c) => c.psiRatio),
      checks.map((c) => c.mmdRatio), checks.map((c) => c.correlationRatio), checks.map((c) => c.pcaRatio),
    ] as uPlot.AlignedData;
    const step = checks.length > 1 ? checks[1]!.query - checks[0]!.query : 1;
    const options: ChartOptions = {
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(1.5, max) * 1.05] } },
      axes: [axis({ label: 'query' }), axis({ label: 'statistic / its threshold', size: 52 })],
      series: [
        {},
        { label: 'KS D / threshold', stroke: KS_COLOR, width: 1.5, points: { show: false } },
        { label: 'PSI / threshold', stroke: PSI_COLOR, width: 1.5, points: { show: false } },
        { label: 'MMD² / threshold', stroke: MMD_COLOR, width: 1.5, points: { show: false } },
        { label: 'pair correlation / threshold', stroke: PAIR_COLOR, width: 1.5, points: { show: false } },
        { label: 'PCA reconstruction / threshold', stroke: PCA_COLOR, width: 1.5, points: { show: false } },
      ],
      hooks: {
        drawClear: [(u: uPlot) => {
          const ctx = u.ctx;
          const style = getComputedStyle(u.root);
          ctx.save();
          ctx.fillStyle = style.getPropertyValue('--fb-bad-soft').trim() || '#fce8e6';
          for (const c of alarms) {
            const x0 = u.valToPos(c.query - step / 2, 'x', true);
            const x1 = u.valToPos(c.query + step / 2, 'x', true);
            ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
          }
          ctx.restore();
        }],
        draw: [targetLineHook(1), (u: uPlot) => {
          const ctx = u.ctx;
          const theme = chartTheme(u.root);
          const dpr = devicePixelRatio;
          ctx.save();
          if (shift !== null) {
            const x = u.valToPos(shift, 'x', true);
            ctx.lineWidth = 1.5 * dpr;
            ctx.strokeStyle = theme.muted;
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.fillStyle = theme.text;
            ctx.font = `${Math.round(12 * dpr)}px system-ui, sans-serif`;
            ctx.fillText('shift', x + 4 * dpr, u.bbox.top + 12 * dpr);
          }
          ctx.restore();
        }],
      },
    };
    const first = alarms[0];
    const fired = [...this.firstAlarms].sort((a, b) => a.query - b.query).map((f) => `${FIRED_LABEL[f.detector] ?? f.detector} at query ${f.query}`);
    return html`
      <fb-chart .label=${`drift statistic over the stream: ${checks.length} checks, ${alarms.length} alarmed${first ? `, first at query ${first.query}` : ''}`} .height=${220} .options=${options} .data=${data}></fb-chart>
      <div class="legend" aria-label="legend">
        <span><span class="line" style="border-color:${KS_COLOR}"></span>KS D / threshold</span>
        <span><span class="line" style="border-color:${PSI_COLOR}"></span>PSI / threshold</span>
        <span><span class="line" style="border-color:${MMD_COLOR}"></span>MMD² / threshold (joint)</span>
        <span><span class="line" style="border-color:${PAIR_COLOR}"></span>pair correlation / threshold (joint)</span>
        <span><span class="line" style="border-color:${PCA_COLOR}"></span>PCA reconstruction / threshold (joint)</span>
        <span><span class="dash"></span>alarm threshold (1)</span>
        ${alarms.length > 0 ? html`<span><span class="shade"></span>alarmed checks</span>` : nothing}
        ${shift !== null ? html`<span><span class="mark"></span>injected shift at query ${shift}</span>` : nothing}
      </div>
      <p class="fired" id="drift-fired">${fired.length > 0 ? `First alarms: ${fired.join('; ')}.` : 'No detector fired on this stream.'}</p>
    `;
  }
}

customElements.define('fb-serving-drift', FbServingDrift);

declare global {
  interface HTMLElementTagNameMap {
    'fb-serving-drift': FbServingDrift;
  }
}
