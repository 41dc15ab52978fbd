import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Trend, TrendPoint } from '../core/store/api.ts';
import type { ChartOptions } from './fb-chart.ts';
import './fb-chart.ts';
import { base } from './tokens.ts';
import { changeX, trendData, trendOptions } from './trend-chart.ts';
import { formatRelative, formatTrendValue } from './trend-format.ts';

/** "12.3 ms (interval 11.9 ms – 12.8 ms, 3 jobs)". */
function pointValue(point: TrendPoint, unit: string): string {
  const interval = point.low !== null && point.high !== null ? `interval ${formatTrendValue(point.low, unit)} – ${formatTrendValue(point.high, unit)}` : 'no interval (too few jobs)';
  return `${formatTrendValue(point.estimate, unit)} (${interval}, ${point.n} job${point.n === 1 ? '' : 's'})`;
}

const when = (iso: string): string => (Number.isNaN(Date.parse(iso)) ? iso : new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' }));

/**
 * One series' trend: a point per run along the branch's commits with its interval, change points
 * marked; hover a point to read its run, click it to open it; pick two runs to compare them side
 * by side. Every string from the store is rendered as text.
 *
 * @fires open-stored - detail `{ ids: string[] }`: one run to open, or two (oldest first) to compare.
 */
export class FbTrend extends LitElement {
  static override properties = { trend: { attribute: false }, label: {}, hovered: { state: true }, picked: { state: true } };
  static override styles = [
    base,
    css`
      :host { display: block; }
      .card { min-height: 40px; margin: 6px 0; padding: 6px 10px; border: 1px solid var(--fb-border); border-radius: var(--fb-radius); background: var(--fb-bg); overflow-wrap: anywhere; }
      .card code, td code { font-family: var(--fb-mono); }
      .row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
      tr[data-picked] td { background: var(--fb-accent-soft); }
      .regression { color: var(--fb-bad); }
      .improvement { color: var(--fb-good); }
      fb-chart { cursor: pointer; }
      caption { text-align: left; font-weight: 600; padding: 6px 0; }
    `,
  ];

  declare trend: Trend | null;
  declare label: string;
  declare hovered: number | null;
  declare picked: readonly string[];
  private options: ChartOptions | undefined;

  constructor() {
    super();
    this.trend = null;
    this.label = '';
    this.hovered = null;
    this.picked = [];
  }

  private open(ids: readonly string[]): void {
    this.dispatchEvent(new CustomEvent<{ ids: string[] }>('open-stored', { detail: { ids: [...ids] }, bubbles: true, composed: true }));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('trend') && !changed.has('label')) return;
    this.hovered = null;
    this.picked = [];
    const trend = this.trend;
    this.options = trend
      ? trendOptions(trend, this.label, {
          hover: (index) => (this.hovered = index),
          open: (index) => {
            const point = trend.points[index];
            if (point) this.open([point.runId]);
          },
        })
      : undefined;
  }

  protected override render() {
    const trend = this.trend;
    if (!trend) return nothing;
    if (trend.points.length === 0) return html`<p class="muted" id="trend-empty">No runs of this series on ${trend.branch} yet.</p>`;
    const hovered = this.hovered === null ? undefined : trend.points[this.hovered];
    return html`
      <fb-chart id="trend-chart" .options=${this.options} .data=${trendData(trend)} .height=${280} label=${`${this.label} along ${trend.branch}: ${trend.points.length} runs`}></fb-chart>
      <div class="card" id="hover-card" aria-live="polite">
        ${hovered
          ? html`<strong>run <code>${hovered.runId}</code></strong> · commit <code>${hovered.commit}</code> · ${when(hovered.createdAt)}<br />${this.label}: ${pointValue(hovered, trend.unit)} — click to open it`
          : html`<span class="muted">Hover a point to see its run; click it to open the run.</span>`}
      </div>
      ${this.renderChanges(trend)} ${this.renderPoints(trend)}
    `;
  }

  private renderChanges(trend: Trend) {
    if (trend.changePoints.length === 0) return html`<p class="muted" id="no-change-points">No change point found on this series.</p>`;
    return html`<table id="change-points" aria-label="change points of this series"><caption>Change points of this series (marked on the trend)</caption>
      <thead><tr><th>change</th><th>between commits</th><th>size</th><th class="num">p</th></tr></thead>
      <tbody>${trend.changePoints.map(
        (c) => html`<tr data-marked=${changeX(trend, c) !== null ? 'yes' : 'no'}>
          <td class=${c.direction}>${c.direction}</td>
          <td><code>${c.before.commit.slice(0, 12)}</code> → <code>${c.after.commit.slice(0, 12)}</code></td>
          <td>${formatRelative(c)}</td>
          <td class="num">${c.pValue.toPrecision(2)}</td>
        </tr>`,
      )}</tbody>
    </table>`;
  }

  private renderPoints(trend: Trend) {
    const order = trend.points.map((p) => p.runId);
    const picked = [...this.picked].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return html`<div class="row">
        <button id="compare-picked" ?disabled=${picked.length !== 2} @click=${() => this.open(picked)}>Compare the two picked runs</button>
        <span class="muted">${picked.length === 2 ? 'side by side in Results' : 'pick two runs below'}</span>
      </div>
      <div class="scroll" tabindex="0" role="region" aria-label="runs of this series (scrolls sideways)"><table id="trend-points" aria-label="runs of this series">
        <thead><tr><th><span class="visually-hidden">pick</span></th><th>commit</th><th>date</th><th class="num">${this.label}</th><th><span class="visually-hidden">open</span></th></tr></thead>
        <tbody>${trend.points.map(
          (p) => html`<tr data-run-id=${p.runId} ?data-picked=${this.picked.includes(p.runId)}>
            <td><input type="checkbox" aria-label=${`pick the run of commit ${p.commit}`} .checked=${this.picked.includes(p.runId)} @change=${(e: Event) => this.pick(p.runId, (e.target as HTMLInputElement).checked)} /></td>
            <td><code>${p.commit.slice(0, 12)}</code></td>
            <td class="muted">${when(p.createdAt)}</td>
            <td class="num">${pointValue(p, trend.unit)}</td>
            <td><button class="open" aria-label=${`open the run of commit ${p.commit}`} @click=${() => this.open([p.runId])}>Open</button></td>
          </tr>`,
        )}</tbody>
      </table></div>`;
  }

  private pick(id: string, on: boolean): void {
    const rest = this.picked.filter((p) => p !== id);
    // Two at a time: a third pick replaces the oldest.
    this.picked = on ? [...rest.slice(-1), id] : rest;
  }
}

customElements.define('fb-trend', FbTrend);

declare global {
  interface HTMLElementTagNameMap {
    'fb-trend': FbTrend;
  }
}
