import { css, html, LitElement } from 'lit';
import uPlot from 'uplot';
import { formatMs } from '../core/format.ts';
import { median, quantile } from '../core/stats/index.ts';
import { logHistogram, msTick, msTicks, type VariantResults } from './chart-data.ts';
import { axis, type ChartOptions } from './fb-chart.ts';
import './fb-chart.ts';
import { base, variantColor, withAlpha } from './tokens.ts';

const INTEGER_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];

/**
 * Step time: the distribution of every measured step per variant (log-spaced
 * histogram) and the per-step timeline of every job.
 */
export class FbStepCharts extends LitElement {
  static override properties = { variants: { attribute: false } };
  static override styles = [
    base,
    css`
      :host { display: block; }
      .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr)); gap: 12px; }
      table { margin-top: 6px; }
    `,
  ];

  declare variants: readonly VariantResults[];

  constructor() {
    super();
    this.variants = [];
  }

  protected override render() {
    const pooled = this.variants.map((v) => v.results.flatMap((r) => r.steps?.samplesMs ?? []));
    const histogram = logHistogram(pooled);
    const histogramOptions: ChartOptions = {
      title: 'Distribution (all measured steps)',
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, distr: 3 } },
      axes: [axis({ space: 60, label: 'time per step (log scale)', values: (_u, splits) => splits.map(msTick) }), axis({ label: 'steps', size: 40 })],
      series: [
        { label: 'ms', value: (_u, v) => (v == null ? '—' : formatMs(v)) },
        ...this.variants.map((v) => ({
          label: v.name,
          stroke: variantColor(v.index),
          fill: withAlpha(variantColor(v.index), 0.3),
          width: 1,
          points: { show: false },
          paths: uPlot.paths.bars?.({ size: [0.9, 60] }),
        })),
      ],
    };
    const jobs = this.variants.flatMap((v) => v.results.filter((r) => r.steps).map((r, rep) => ({ variant: v, rep, samples: r.steps?.samplesMs ?? [] })));
    const longest = Math.max(0, ...jobs.map((j) => j.samples.length));
    const syncEvery = this.variants[0]?.results[0]?.spec.syncEvery ?? 1;
    const timelineData: uPlot.AlignedData = [Array.from({ length: longest }, (_, i) => i + 1), ...jobs.map((j) => Array.from({ length: longest }, (_, i) => j.samples[i] ?? null))];
    const timelineOptions: ChartOptions = {
      title: 'Timeline (every job)',
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false } },
      axes: [axis({ incrs: INTEGER_STEPS, label: syncEvery > 1 ? `measured window of ${syncEvery} steps` : 'measured step' }), axis({ label: 'time per step', size: 56, values: (_u, splits) => msTicks(splits) })],
      series: [
        { label: 'step' },
        ...jobs.map((j) => ({ label: `${j.variant.name} #${j.rep + 1}`, stroke: variantColor(j.variant.index), width: 1.25, points: { show: true, size: 3 }, value: (_u: uPlot, v: number | null) => (v == null ? '—' : formatMs(v)) })),
      ],
    };
    return html`
      <div class="charts">
        <fb-chart label="step time distribution" .height=${220} .options=${histogramOptions} .data=${[histogram.centers, ...histogram.counts] as uPlot.AlignedData}></fb-chart>
        <fb-chart label="step time timeline" .height=${220} .options=${timelineOptions} .data=${timelineData}></fb-chart>
      </div>
      <div class="scroll" tabindex="0" role="region" aria-label="step time (scrolls sideways)"><table aria-label="step time">
        <thead><tr><th>variant</th><th class="num">steps</th><th class="num">median</th><th class="num">p95</th><th class="num">min</th><th class="num">max</th><th class="num">throughput (median of jobs)</th></tr></thead>
        <tbody>
          ${this.variants.map((v, i) => {
            const samples = pooled[i] ?? [];
            const throughput = v.results.flatMap((r) => (r.steps?.throughputPerSec != null ? [r.steps.throughputPerSec] : []));
            return html`<tr>
              <td><span class="swatch" style="background:${variantColor(v.index)}"></span>${v.name}</td>
              <td class="num">${samples.length}</td>
              <td class="num">${samples.length ? formatMs(median(samples)) : '—'}</td>
              <td class="num">${samples.length ? formatMs(quantile(samples, 0.95)) : '—'}</td>
              <td class="num">${samples.length ? formatMs(Math.min(...samples)) : '—'}</td>
              <td class="num">${samples.length ? formatMs(Math.max(...samples)) : '—'}</td>
              <td class="num">${throughput.length ? `${Math.round(median(throughput)).toLocaleString('en')} ex/s` : '—'}</td>
            </tr>`;
          })}
        </tbody>
      </table></div>
    `;
  }
}

customElements.define('fb-step-charts', FbStepCharts);

declare global {
  interface HTMLElementTagNameMap {
    'fb-step-charts': FbStepCharts;
  }
}
