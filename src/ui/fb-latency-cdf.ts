import { css, html, LitElement } from 'lit';
import uPlot from 'uplot';
import { formatMs } from '../core/format.ts';
import { median, minimumSamplesForQuantile } from '../core/stats/index.ts';
import { empiricalCdfs, msTick, pooledServing, type VariantResults } from './chart-data.ts';
import { axis, type ChartOptions } from './fb-chart.ts';
import './fb-chart.ts';
import { base, variantColor } from './tokens.ts';

const MARKS = [
  { q: 0.5, label: 'p50' },
  { q: 0.9, label: 'p90' },
  { q: 0.99, label: 'p99' },
] as const;

/**
 * Serving latency: the empirical CDF of every SingleStream query per variant
 * (pooled over its jobs), p50/p90/p99 marked; the cold first inference beside it.
 */
export class FbLatencyCdf extends LitElement {
  static override properties = { variants: { attribute: false } };
  static override styles = [base, css`:host { display: block; } table { margin-top: 6px; }`];

  declare variants: readonly VariantResults[];

  constructor() {
    super();
    this.variants = [];
  }

  protected override render() {
    const pooled = this.variants.map((v) => pooledServing(v));
    const { xs, ys } = empiricalCdfs(pooled.map((p) => p.samplesMs));
    const options: ChartOptions = {
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, distr: 3 }, y: { range: [0, 1.02] } },
      axes: [
        axis({ space: 60, label: 'latency per query (log scale; read-back included)', values: (_u, splits) => splits.map(msTick) }),
        axis({ label: 'fraction of queries', size: 44, values: (_u, splits) => splits.map((v) => (v == null ? '' : `${Math.round(v * 100)}%`)) }),
      ],
      series: [
        { label: 'latency', value: (_u, v) => (v == null ? '—' : formatMs(v)) },
        ...this.variants.map((v) => ({
          label: v.name,
          stroke: variantColor(v.index),
          width: 1.5,
          points: { show: false },
          paths: uPlot.paths.stepped?.({ align: 1 }),
          value: (_u: uPlot, y: number | null) => (y == null ? '—' : `${Math.round(y * 100)}%`),
        })),
      ],
      hooks: {
        draw: [
          (u: uPlot) => {
            const ctx = u.ctx;
            const dpr = devicePixelRatio;
            ctx.save();
            ctx.font = `${Math.round(10 * dpr)}px system-ui, sans-serif`;
            ctx.textAlign = 'left';
            ctx.setLineDash([3 * dpr, 3 * dpr]);
            ctx.strokeStyle = '#bdc1c6';
            ctx.lineWidth = dpr;
            for (const mark of MARKS) {
              const y = u.valToPos(mark.q, 'y', true);
              ctx.beginPath();
              ctx.moveTo(u.bbox.left, y);
              ctx.lineTo(u.bbox.left + u.bbox.width, y);
              ctx.stroke();
            }
            ctx.setLineDash([]);
            pooled.forEach((p, i) => {
              const color = variantColor(this.variants[i]?.index ?? i);
              for (const mark of MARKS) {
                const value = mark.label === 'p50' ? p.p50 : mark.label === 'p90' ? p.p90 : p.p99;
                if (value === null) continue;
                const x = u.valToPos(value, 'x', true);
                const y = u.valToPos(mark.q, 'y', true);
                ctx.fillStyle = color;
                ctx.beginPath();
                ctx.arc(x, y, 3.5 * dpr, 0, Math.PI * 2);
                ctx.fill();
                ctx.fillText(mark.label, x + 5 * dpr, y + (i % 2 === 0 ? -7 : 9) * dpr);
              }
            });
            ctx.restore();
          },
        ],
      },
    };
    return html`
      <fb-chart label="serving latency CDF" .height=${240} .options=${options} .data=${[xs, ...ys] as uPlot.AlignedData}></fb-chart>
      <div class="scroll" tabindex="0" role="region" aria-label="serving latency (scrolls sideways)"><table aria-label="serving latency">
        <thead><tr><th>variant</th><th class="num">queries</th><th class="num">batch</th><th class="num">cold (median)</th><th class="num">p50</th><th class="num">p90</th><th class="num">p99</th></tr></thead>
        <tbody>
          ${this.variants.map((v, i) => {
            const p = pooled[i];
            const cold = p && p.coldMs.length > 0 ? median(p.coldMs) : null;
            return html`<tr>
              <td><span class="swatch" style="background:${variantColor(v.index)}"></span>${v.name}</td>
              <td class="num">${p?.samplesMs.length ?? 0}</td>
              <td class="num">${v.results[0]?.spec.servingBatchSize ?? '—'}</td>
              <td class="num">${formatMs(cold)}</td>
              <td class="num">${formatMs(p?.p50)}</td>
              <td class="num">${tailCell(p?.p90, p?.samplesMs.length ?? 0, 0.9)}</td>
              <td class="num">${tailCell(p?.p99, p?.samplesMs.length ?? 0, 0.99)}</td>
            </tr>`;
          })}
        </tbody>
      </table></div>
    `;
  }
}

customElements.define('fb-latency-cdf', FbLatencyCdf);

declare global {
  interface HTMLElementTagNameMap {
    'fb-latency-cdf': FbLatencyCdf;
  }
}

/** A tail percentile, or why there is none ("n/a: 60 < 100 queries"). */
function tailCell(value: number | null | undefined, count: number, q: number): string {
  if (value !== null && value !== undefined) return formatMs(value);
  return count === 0 ? '—' : `n/a: ${count} < ${minimumSamplesForQuantile(q)} queries`;
}
