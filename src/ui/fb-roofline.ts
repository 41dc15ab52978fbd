import { css, html, LitElement, nothing } from 'lit';
import type uPlot from 'uplot';
import { efficiencyRows, peakLine, type EfficiencyRow } from '../core/efficiency/report.ts';
import type { DevicePeak } from '../core/efficiency/peak.ts';
import { formatMs } from '../core/format.ts';
import type { Run } from '../core/share/run.ts';
import { axis, type ChartOptions } from './fb-chart.ts';
import './fb-chart.ts';
import { base, variantColor } from './tokens.ts';

/** Intensities the roofs are drawn over, FLOP per byte (log scale). */
const INTENSITIES = Array.from({ length: 41 }, (_, i) => 10 ** (-2 + i * 0.125));

/** A row's colour: its variant's index in run.variants, as the other panels colour it (rows skip variants without work). */
const variantColorOf = (run: Run) => (r: EfficiencyRow): string => variantColor(Math.max(0, run.variants.findIndex((v) => v.name === r.variant)));

/**
 * The roofline of a run whose jobs counted their work (spec.efficiency): each backend's measured
 * peak as a roof, min(peak FLOP/s, intensity × bandwidth), and each variant's achieved FLOP/s at
 * its arithmetic intensity; with the table of the same numbers. Renders nothing otherwise.
 */
export class FbRoofline extends LitElement {
  static override properties = { run: { attribute: false } };
  static override styles = [base, css`
    :host { display: block; }
    .grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
    @media (max-width: 800px) { .grid { grid-template-columns: minmax(0, 1fr); } }
    .scroll { overflow-x: auto; }
    p { margin: 4px 0; }
  `];

  declare run: Run | null;

  constructor() {
    super();
    this.run = null;
  }

  protected override render() {
    const run = this.run;
    if (!run) return nothing;
    const results = run.jobs.map((j) => ({ ...j.result, variant: run.variants[j.variant]?.name ?? '' }));
    const peaks = run.peaks ?? [];
    const rows = efficiencyRows(results, peaks);
    if (rows.length === 0) return nothing;
    const colorOf = variantColorOf(run);
    return html`
      <section class="panel" aria-label="Efficiency">
        <header><h2>Efficiency: roofline</h2><span class="muted">each step against the peak this device reached in the same run</span></header>
        <div class="body grid">
          <fb-chart .options=${this.chartOptions(rows, peaks, colorOf)} .data=${this.chartData(rows, peaks)} .height=${260} label="Roofline: achieved FLOP/s against arithmetic intensity, under each backend's measured roof"></fb-chart>
          <div class="scroll" tabindex="0" role="region" aria-label="efficiency (scrolls sideways)">
            <table aria-label="efficiency">
              <thead><tr><th>variant</th><th>backend</th><th class="num">GFLOP/step</th><th class="num">FLOP/byte</th><th class="num">step p50</th><th class="num">GFLOP/s</th><th class="num">% of peak</th><th class="num">% of roof</th><th>bound</th></tr></thead>
              <tbody>${rows.map((r) => this.row(r, colorOf(r)))}</tbody>
            </table>
            ${peaks.map((p) => html`<p class="muted">${peakLine(p)}</p>`)}
          </div>
        </div>
      </section>
    `;
  }

  private row(r: EfficiencyRow, color: string) {
    const e = r.efficiency;
    const pct = (x: number): string => `${(x * 100).toPrecision(3)}%`;
    return html`<tr>
      <td><span class="swatch" style="background:${color}"></span>${r.variant}</td><td>${r.backend}</td>
      <td class="num">${(r.flops / 1e9).toPrecision(3)}</td><td class="num">${(r.flops / r.bytes).toPrecision(3)}</td><td class="num">${formatMs(r.stepMs)}</td>
      <td class="num">${e ? (e.achievedFlopsPerSec / 1e9).toPrecision(3) : '—'}</td>
      <td class="num">${e ? pct(e.fractionOfPeak) : (r.unavailable ?? '—')}</td><td class="num">${e ? pct(e.fractionOfRoof) : '—'}</td><td>${e?.bound ?? '—'}</td>
    </tr>`;
  }

  /** x: intensities; per peak a roof series; per variant a series with one point at its intensity. */
  private chartData(rows: readonly EfficiencyRow[], peaks: readonly DevicePeak[]): uPlot.AlignedData {
    const xs = [...new Set([...INTENSITIES, ...rows.map((r) => r.flops / r.bytes)])].sort((a, b) => a - b);
    const roofs = peaks.map((p) => xs.map((x) => Math.min(p.flopsPerSec, x * p.bytesPerSec) / 1e9));
    const points = rows.map((r) => xs.map((x) => (x === r.flops / r.bytes && r.efficiency ? r.efficiency.achievedFlopsPerSec / 1e9 : null)));
    return [xs, ...roofs, ...points];
  }

  private chartOptions(rows: readonly EfficiencyRow[], peaks: readonly DevicePeak[], colorOf: (r: EfficiencyRow) => string): ChartOptions {
    return {
      scales: { x: { time: false, distr: 3 }, y: { distr: 3 } },
      axes: [axis({ label: 'arithmetic intensity (FLOP/byte)' }), axis({ label: 'GFLOP/s', size: 50 })],
      legend: { show: true },
      series: [
        { label: 'FLOP/byte' },
        ...peaks.map((p) => ({ label: `${p.backend} roof`, stroke: '#5f6368', width: 1.5, dash: [4, 3], points: { show: false } })),
        ...rows.map((r) => ({ label: r.variant, stroke: colorOf(r), width: 0, points: { show: true, size: 9, fill: colorOf(r) } })),
      ],
    };
  }
}

customElements.define('fb-roofline', FbRoofline);

declare global {
  interface HTMLElementTagNameMap {
    'fb-roofline': FbRoofline;
  }
}
