import { css, html, LitElement } from 'lit';
import uPlot from 'uplot';
import { formatMs } from '../core/format.ts';
import { TTFB_PHASES, type PhaseName } from '../core/phases.ts';
import { meanPhases, meanTtfb, msTicks, type VariantResults } from './chart-data.ts';
import { axis, type ChartOptions } from './fb-chart.ts';
import './fb-chart.ts';
import { base, chartTheme, PHASE_COLORS, variantColor } from './tokens.ts';

/**
 * TTFB waterfall: one stacked bar per variant, a segment per phase (median over
 * the variant's jobs), so the cost of pipeline compilation in the first step
 * shows at a glance. The table under it has the numbers.
 */
export class FbTtfbWaterfall extends LitElement {
  static override properties = { variants: { attribute: false }, judgedTtfbMs: { attribute: false } };
  static override styles = [
    base,
    css`
      :host { display: block; }
      .legend { display: flex; gap: 12px; flex-wrap: wrap; margin: 4px 0 6px; color: var(--fb-muted); font-size: var(--fb-size-small); }
      td.total { font-weight: 600; }
    `,
  ];

  declare variants: readonly VariantResults[];
  /**
   * The TTFB the run's judgement estimated per variant (the mean of the jobs at full precision, as the CLI
   * printed it): the table's TTFB column shows it, so it is the headline's number. A variant without one
   * shows the mean of its jobs here.
   */
  declare judgedTtfbMs: ReadonlyMap<string, number>;

  constructor() {
    super();
    this.variants = [];
    this.judgedTtfbMs = new Map();
  }

  protected override render() {
    const rows = this.variants.map((variant) => ({ variant, phases: meanPhases(variant), ttfbMs: this.judgedTtfbMs.get(variant.name) ?? meanTtfb(variant) }));
    const used = TTFB_PHASES.filter((name) => rows.some((row) => row.phases.some((p) => p.name === name)));
    const names = rows.map((row) => row.variant.name);
    const cumulative = new Map<PhaseName, (number | null)[]>(used.map((name) => [name, []]));
    const totals: number[] = [];
    for (const row of rows) {
      let end = 0;
      for (const name of used) {
        const phase = row.phases.find((p) => p.name === name);
        end += phase?.ms ?? 0;
        cumulative.get(name)?.push(row.phases.length > 0 ? end : null);
      }
      totals.push(end);
    }
    // Longest segment first, so each shorter cumulative bar is drawn over it.
    const drawOrder = [...used].reverse();
    const data: uPlot.AlignedData = [rows.map((_, i) => i), ...drawOrder.map((name) => cumulative.get(name) ?? [])];
    const options: ChartOptions = {
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, ori: 1, dir: -1, range: [-0.5, Math.max(0.5, rows.length - 0.5)] },
        y: { ori: 0, dir: 1, range: (_u, _min, max) => [0, (max || 1) * 1.12] },
      },
      axes: [
        axis({ scale: 'x', side: 3, size: 130, grid: { show: false }, splits: () => rows.map((_, i) => i), values: (_u, splits) => splits.map((i) => names[i] ?? '') }),
        axis({ scale: 'y', side: 2, space: 80, label: 'time after submit (mean of each phase over the jobs)', values: (_u, splits) => msTicks(splits) }),
      ],
      series: [
        {},
        ...drawOrder.map((name) => ({
          label: name,
          fill: PHASE_COLORS[name],
          stroke: PHASE_COLORS[name],
          width: 0,
          points: { show: false },
          paths: uPlot.paths.bars?.({ size: [0.62, 34], align: 0 }),
        })),
      ],
      hooks: {
        draw: [
          (u: uPlot) => {
            const ctx = u.ctx;
            ctx.save();
            ctx.font = `${Math.round(11 * devicePixelRatio)}px system-ui, sans-serif`;
            ctx.fillStyle = chartTheme(u.root).text;
            ctx.textBaseline = 'middle';
            ctx.textAlign = 'left';
            totals.forEach((total, i) => {
              ctx.fillText(`TTFB ${formatMs(rows[i]?.ttfbMs ?? total)} (mean)`, u.valToPos(total, 'y', true) + 6 * devicePixelRatio, u.valToPos(i, 'x', true));
            });
            ctx.restore();
          },
        ],
      },
    };
    return html`
      <div class="legend">${used.map((name) => html`<span><span class="swatch" style="background:${PHASE_COLORS[name]}"></span>${name}</span>`)}</div>
      <fb-chart label="TTFB waterfall" .height=${Math.max(110, 44 * rows.length + 50)} .options=${options} .data=${data}></fb-chart>
      <div class="scroll" tabindex="0" role="region" aria-label="TTFB phases (scrolls sideways)"><table aria-label="TTFB phases">
        <thead><tr><th>variant</th><th class="num">jobs</th>${used.map((name) => html`<th class="num">${name}</th>`)}<th class="num" title="mean of the jobs' TTFB, which the phase means add up to">TTFB (mean)</th></tr></thead>
        <tbody>
          ${rows.map(
            (row, i) => html`<tr>
              <td><span class="swatch" style="background:${variantColor(row.variant.index)}"></span>${row.variant.name}</td>
              <td class="num">${row.variant.results.filter((r) => r.ttfb).length}</td>
              ${used.map((name) => html`<td class="num">${formatMs(row.phases.find((p) => p.name === name)?.ms)}</td>`)}
              <td class="num total">${formatMs(row.ttfbMs)}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>
    `;
  }
}

customElements.define('fb-ttfb-waterfall', FbTtfbWaterfall);

declare global {
  interface HTMLElementTagNameMap {
    'fb-ttfb-waterfall': FbTtfbWaterfall;
  }
}
