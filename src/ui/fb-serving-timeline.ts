import { css, html, LitElement, nothing } from 'lit';
import type uPlot from 'uplot';
import { formatMs } from '../core/format.ts';
import type { TimelinePoint } from '../core/serving/index.ts';
import { msTicks } from './chart-data.ts';
import { axis, targetLineHook, type ChartOptions } from './fb-chart.ts';
import './fb-chart.ts';
import { ARM_COLORS, base } from './tokens.ts';

const ARMS = ['baseline', 'control', 'candidate'] as const;

/** The candidate's share of the last `window` queries at each query. */
export function slidingShare(points: readonly TimelinePoint[], window: number): number[] {
  let inWindow = 0;
  return points.map((p, i) => {
    if (p.canary) inWindow++;
    if (i >= window && points[i - window]!.canary) inWindow--;
    return inWindow / Math.min(i + 1, window);
  });
}

/**
 * Latency over time of a serving stream (uPlot, on a canvas): each query a point at its
 * scheduled arrival, coloured by arm; with a canary, the candidate's share of traffic over a
 * sliding window on the right axis; the latency target, when given, as a dashed line.
 */
export class FbServingTimeline extends LitElement {
  static override properties = { points: { attribute: false }, targetMs: { type: Number }, label: {} };
  static override styles = [base, css`
    :host { display: block; }
    .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: var(--fb-size-small); color: var(--fb-muted); margin-top: 4px; }
    .dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 4px; vertical-align: -1px; }
    .dash { display: inline-block; width: 16px; border-top: 2px dashed var(--fb-bad); margin-right: 4px; vertical-align: 3px; }
    .line { display: inline-block; width: 16px; border-top: 2px solid; margin-right: 4px; vertical-align: 3px; }
  `];

  declare points: readonly TimelinePoint[];
  declare targetMs: number | undefined;
  declare label: string;

  constructor() {
    super();
    this.points = [];
    this.targetMs = undefined;
    this.label = 'latency over time';
  }

  protected override render() {
    if (this.points.length === 0) return html`<p class="muted">No queries to show.</p>`;
    const points = [...this.points].sort((a, b) => a.atMs - b.atMs);
    const arms = ARMS.filter((arm) => points.some((p) => p.arm === arm));
    const hasCanary = points.some((p) => p.canary);
    const window = Math.max(10, Math.round(points.length / 20));
    const target = this.targetMs;
    const data = [
      points.map((p) => p.atMs / 1000),
      ...arms.map((arm) => points.map((p) => (p.arm === arm ? p.latencyMs : null))),
      ...(hasCanary ? [slidingShare(points, window)] : []),
    ] as uPlot.AlignedData;
    const options: ChartOptions = {
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(max, target ?? 0) * 1.08 || 1] }, share: { range: [0, 1] } },
      axes: [
        axis({ label: 's since the stream started (at scheduled arrival)' }),
        axis({ label: 'latency (arrival → result)', size: 60, values: (_u, splits) => msTicks(splits) }),
        ...(hasCanary ? [axis({ scale: 'share', side: 1, label: 'candidate share', size: 48, grid: { show: false }, values: (_u: uPlot, splits: number[]) => splits.map((v) => `${Math.round(v * 100)}%`) })] : []),
      ],
      series: [
        {},
        ...arms.map((arm) => ({ label: arm, stroke: ARM_COLORS[arm], paths: () => null, points: { show: true, size: 4, width: 0, fill: ARM_COLORS[arm] } })),
        ...(hasCanary ? [{ label: 'candidate share', scale: 'share', stroke: ARM_COLORS.candidate, width: 1.5, points: { show: false } }] : []),
      ],
      hooks: target === undefined ? {} : {
        draw: [targetLineHook(target)],
      },
    };
    const p99 = [...points.map((p) => p.latencyMs)].sort((a, b) => a - b)[Math.floor(points.length * 0.99)];
    return html`
      <fb-chart .label=${`${this.label}: ${points.length} queries over ${(points.at(-1)!.atMs / 1000).toFixed(1)} s, p99 about ${formatMs(p99)}`} .height=${230} .options=${options} .data=${data}></fb-chart>
      <div class="legend" aria-label="legend">
        ${arms.map((arm) => html`<span><span class="dot" style="background:${ARM_COLORS[arm]}"></span>${arm} queries</span>`)}
        ${hasCanary ? html`<span><span class="line" style="border-color:${ARM_COLORS.candidate}"></span>candidate share of the last ${window} queries (right axis)</span>` : nothing}
        ${target === undefined ? nothing : html`<span><span class="dash"></span>latency target ${formatMs(target)}</span>`}
      </div>
    `;
  }
}

customElements.define('fb-serving-timeline', FbServingTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'fb-serving-timeline': FbServingTimeline;
  }
}
