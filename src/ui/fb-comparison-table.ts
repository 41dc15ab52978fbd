import { css, html, LitElement, nothing } from 'lit';
import { formatInterval, formatSigned, formatValue } from '../core/compare/cells.ts';
import { formatThreshold, type MetricDifference, type Verdict } from '../core/compare/index.ts';
import type { JudgedMetric as MetricComparison, Judgement as Comparison } from '../core/compare/judgement.ts';
import { base, variantColor } from './tokens.ts';

const VERDICT_CLASS: Readonly<Record<Verdict, string>> = {
  faster: 'good',
  slower: 'bad',
  'no detectable difference': 'same',
  unresolved: 'open',
};

const value = (metric: MetricComparison, v: number): string => formatValue(v, metric.unit);

/**
 * The comparison table from src/core/compare: each variant's estimate with its
 * CI, the difference to the baseline (absolute and relative, with CIs) and the
 * verdict. The statistics are core's; this only lays them out.
 */
export class FbComparisonTable extends LitElement {
  static override properties = { comparison: { attribute: false }, variantIndex: { attribute: false } };
  static override styles = [
    base,
    css`
      :host { display: block; }
      td.metric { font-weight: 500; }
      .ci { color: var(--fb-muted); font-size: var(--fb-size-small); margin-left: 4px; }
      .ci.needs { display: block; }
      .verdict { display: inline-block; padding: 1px 8px; border-radius: 9px; font-size: var(--fb-size-small); font-weight: 500; }
      .verdict.good { background: var(--fb-good-soft); color: var(--fb-good); }
      .verdict.bad { background: var(--fb-bad-soft); color: var(--fb-bad); }
      .verdict.same { background: var(--fb-toolbar); color: var(--fb-muted); }
      .verdict.open { background: var(--fb-warn-soft); color: var(--fb-warn); }
      th.group { text-align: center; border-left: 1px solid var(--fb-border); }
      td.first, th.first { border-left: 1px solid var(--fb-border); }
      .note { color: var(--fb-muted); font-size: var(--fb-size-small); margin-top: 6px; }
    `,
  ];

  declare comparison: Comparison | null;
  /** Colour index per variant name. */
  declare variantIndex: ReadonlyMap<string, number>;

  constructor() {
    super();
    this.comparison = null;
    this.variantIndex = new Map();
  }

  protected override render() {
    const c = this.comparison;
    if (!c || c.metrics.length === 0) return html`<p class="muted">No metric was measured by these jobs.</p>`;
    const variants = c.metrics[0]?.variants.map((v) => v.variant) ?? [];
    const candidates = variants.filter((v) => v !== c.baseline);
    const level = `${Math.round(c.level * 100)}%`;
    return html`
      <table aria-label="comparison">
        <thead>
          <tr>
            <th rowspan="2">metric</th>
            ${variants.map((v) => html`<th class="num group" rowspan="2"><span class="swatch" style="background:${variantColor(this.variantIndex.get(v) ?? 0)}"></span>${v}${v === c.baseline && candidates.length > 0 ? ' (baseline)' : ''}</th>`)}
            ${candidates.map((v) => html`<th class="group" colspan="3">${v} − ${c.baseline}</th>`)}
          </tr>
          <tr>${candidates.map(() => html`<th class="num first">Δ, ${level} CI</th><th class="num">Δ %, ${level} CI</th><th>verdict</th>`)}</tr>
        </thead>
        <tbody>
          ${c.metrics.map(
            (m) => html`<tr>
              <td class="metric" title=${`${m.method}; ${m.better} is better`}>${m.label} <span class="muted">(${m.unit})</span></td>
              ${m.variants.map(
                (v) => html`<td class="num first">${v.estimate ? html`${value(m, v.estimate.value)}<span class="ci">[${value(m, v.estimate.ci.low)}–${value(m, v.estimate.ci.high)}]</span>` : v.point !== null ? value(m, v.point) : '—'}<span class="ci">n=${v.n}${v.failed > 0 ? `, ${v.failed} failed` : ''}${!v.estimate && v.needs !== null && v.n > 0 ? `; CI needs ≥ ${v.needs}` : ''}</span></td>`,
              )}
              ${candidates.map((name) => this.renderDifference(m, m.differences.find((d) => d.candidate === name)))}
            </tr>`,
          )}
        </tbody>
      </table>
      <div class="note">
        Each job gives one value per metric; estimates are over the jobs (mean for Welch/paired-t metrics, median for Hodges–Lehmann ones, with its ${level} CI). Threshold ${formatThreshold(c.threshold)}: a difference whose CI lies inside ±threshold is “no detectable difference”; one whose CI excludes 0 is faster/slower; otherwise it is unresolved — add repetitions (where too few jobs ran for an interval at all, the cell says how many it needs).
      </div>
    `;
  }

  private renderDifference(m: MetricComparison, d: MetricDifference | undefined) {
    if (!d) return html`<td class="first muted" colspan="3">needs ≥ 2 jobs per variant</td>`;
    const title = `${d.method}, p = ${Number.isFinite(d.pValue) ? d.pValue.toPrecision(2) : '—'}`;
    if (d.needsPerSide !== null) {
      const what = d.method.startsWith('paired') ? 'rounds' : 'jobs a side';
      return html`
        <td class="num first" title=${title}>${formatSigned(d.absolute.value, m.unit)}</td>
        <td class="num">${formatSigned(d.relative.value, '%')}<span class="ci needs">CI needs ≥ ${d.needsPerSide} ${what}</span></td>
        <td><span class="verdict ${VERDICT_CLASS[d.verdict]}">${d.verdict}</span></td>`;
    }
    return html`
      <td class="num first" title=${title}>${formatSigned(d.absolute.value, m.unit)}<span class="ci">${formatInterval(d.absolute, m.unit)}</span></td>
      <td class="num">${formatSigned(d.relative.value, '%')}<span class="ci">${formatInterval(d.relative, '%')}</span></td>
      <td><span class="verdict ${VERDICT_CLASS[d.verdict]}">${d.verdict}</span>${d.thresholdApplies ? nothing : html`<span class="ci" title="an absolute ms threshold cannot judge this metric">·</span>`}</td>
    `;
  }
}

customElements.define('fb-comparison-table', FbComparisonTable);

declare global {
  interface HTMLElementTagNameMap {
    'fb-comparison-table': FbComparisonTable;
  }
}
