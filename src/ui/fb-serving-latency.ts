import { css, html, LitElement, svg } from 'lit';
import { formatMs } from '../core/format.ts';
import type { TimelinePoint } from '../core/serving/index.ts';
import { base } from './tokens.ts';

const W = 640;
const H = 220;
const PAD = { left: 52, right: 44, top: 10, bottom: 28 };
const ARM_COLORS = { baseline: '#9aa0a6', control: '#188038', candidate: '#e8710a' } as const;

/**
 * Latency over time of a serving stream: one dot per query (scheduled arrival → result),
 * coloured by arm (baseline, control, candidate), with the candidate's share of traffic over a
 * sliding window on the right axis and the latency target, when given, as a dashed line.
 */
export class FbServingLatency extends LitElement {
  static override properties = { points: { attribute: false }, targetMs: { type: Number } };
  static override styles = [base, css`
    :host { display: block; }
    svg { width: 100%; max-width: ${W}px; height: auto; background: var(--fb-bg); border: 1px solid var(--fb-border); }
    text { font-size: 10px; fill: var(--fb-muted); }
    .legend { display: flex; gap: 12px; font-size: var(--fb-size-small); color: var(--fb-muted); margin-top: 4px; }
    .swatch { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 4px; }
  `];

  declare points: readonly TimelinePoint[];
  declare targetMs: number | undefined;

  constructor() {
    super();
    this.points = [];
    this.targetMs = undefined;
  }

  protected override render() {
    if (this.points.length === 0) return html`<p>No queries yet.</p>`;
    const maxAt = Math.max(...this.points.map((p) => p.atMs), 1);
    const maxLatency = Math.max(...this.points.map((p) => p.latencyMs), this.targetMs ?? 0) * 1.05;
    const x = (at: number): number => PAD.left + (at / maxAt) * (W - PAD.left - PAD.right);
    const y = (ms: number): number => H - PAD.bottom - (ms / maxLatency) * (H - PAD.top - PAD.bottom);
    const yShare = (share: number): number => H - PAD.bottom - share * (H - PAD.top - PAD.bottom);
    const window = Math.max(10, Math.round(this.points.length / 20));
    const share = this.points.map((_, i) => {
      const slice = this.points.slice(Math.max(0, i - window + 1), i + 1);
      return slice.filter((p) => p.canary).length / slice.length;
    });
    const hasCanary = this.points.some((p) => p.canary);
    return html`
      <svg viewBox="0 0 ${W} ${H}" role="img" aria-label="latency over time">
        ${[0, 0.5, 1].map((f) => svg`<text x=${PAD.left - 4} y=${y(f * maxLatency) + 3} text-anchor="end">${formatMs(f * maxLatency)}</text>`)}
        <text x=${PAD.left} y=${H - 8}>0 s</text>
        <text x=${W - PAD.right} y=${H - 8} text-anchor="end">${(maxAt / 1000).toFixed(1)} s</text>
        <line x1=${PAD.left} x2=${PAD.left} y1=${PAD.top} y2=${H - PAD.bottom} stroke="#dadce0"></line>
        <line x1=${PAD.left} x2=${W - PAD.right} y1=${H - PAD.bottom} y2=${H - PAD.bottom} stroke="#dadce0"></line>
        ${this.targetMs === undefined ? null : svg`<line x1=${PAD.left} x2=${W - PAD.right} y1=${y(this.targetMs)} y2=${y(this.targetMs)} stroke="#c5221f" stroke-dasharray="4 3"></line>`}
        ${this.points.map((p) => svg`<circle cx=${x(p.atMs)} cy=${y(p.latencyMs)} r="1.8" fill=${ARM_COLORS[p.arm]}></circle>`)}
        ${hasCanary ? svg`
          <polyline fill="none" stroke="#e8710a" stroke-width="1.2" opacity="0.7"
            points=${this.points.map((p, i) => `${x(p.atMs)},${yShare(share[i] ?? 0)}`).join(' ')}></polyline>
          <text x=${W - PAD.right + 4} y=${yShare(1) + 3}>100%</text>
          <text x=${W - PAD.right + 4} y=${yShare(0) + 3}>0%</text>` : null}
      </svg>
      <div class="legend">
        ${(['baseline', 'control', 'candidate'] as const).filter((arm) => this.points.some((p) => p.arm === arm)).map((arm) =>
          html`<span><span class="swatch" style="background:${ARM_COLORS[arm]}"></span>${arm}</span>`)}
        ${hasCanary ? html`<span>line: candidate share of the last ${window} queries (right axis)</span>` : null}
        ${this.targetMs === undefined ? null : html`<span style="color:var(--fb-bad)">dashed: latency target ${formatMs(this.targetMs)}</span>`}
      </div>
    `;
  }
}

customElements.define('fb-serving-latency', FbServingLatency);

declare global {
  interface HTMLElementTagNameMap {
    'fb-serving-latency': FbServingLatency;
  }
}
