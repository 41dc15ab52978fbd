import { css, html, LitElement, svg } from 'lit';
import type { DriftReport } from '../core/serving/index.ts';
import { base } from './tokens.ts';

const W = 640;
const H = 200;
const PAD = { left: 44, right: 12, top: 10, bottom: 28 };

/**
 * The drift statistic over a stream: for each check, the largest KS D and PSI over the monitored
 * variables, each divided by its threshold, so the alarm line is 1 for both; the injected
 * shift's query is marked and alarmed checks are shaded.
 */
export class FbServingDrift extends LitElement {
  static override properties = { timeline: { attribute: false }, shiftAtQuery: { type: Number } };
  static override styles = [base, css`
    :host { display: block; }
    svg { width: 100%; max-width: ${W}px; height: auto; background: var(--fb-bg); border: 1px solid var(--fb-border); }
    text { font-size: 10px; fill: var(--fb-muted); }
    .legend { display: flex; gap: 12px; font-size: var(--fb-size-small); color: var(--fb-muted); margin-top: 4px; }
  `];

  declare timeline: DriftReport['timeline'];
  declare shiftAtQuery: number | null;

  constructor() {
    super();
    this.timeline = [];
    this.shiftAtQuery = null;
  }

  protected override render() {
    if (this.timeline.length === 0) return html`<p>No checks yet.</p>`;
    const first = this.timeline[0]!.query;
    const last = this.timeline[this.timeline.length - 1]!.query;
    const top = Math.max(1.5, ...this.timeline.map((c) => Math.max(c.ksRatio, c.psiRatio))) * 1.05;
    const x = (q: number): number => PAD.left + ((q - first) / Math.max(1, last - first)) * (W - PAD.left - PAD.right);
    const y = (r: number): number => H - PAD.bottom - (r / top) * (H - PAD.top - PAD.bottom);
    const line = (read: (c: DriftReport['timeline'][number]) => number): string => this.timeline.map((c) => `${x(c.query)},${y(read(c))}`).join(' ');
    const step = this.timeline.length > 1 ? x(this.timeline[1]!.query) - x(first) : 4;
    return html`
      <svg viewBox="0 0 ${W} ${H}" role="img" aria-label="drift statistic over the stream">
        ${this.timeline.filter((c) => c.alarm).map((c) => svg`<rect x=${x(c.query) - step / 2} y=${PAD.top} width=${step} height=${H - PAD.top - PAD.bottom} fill="#fce8e6"></rect>`)}
        <line x1=${PAD.left} x2=${W - PAD.right} y1=${y(1)} y2=${y(1)} stroke="#c5221f" stroke-dasharray="4 3"></line>
        <text x=${PAD.left - 4} y=${y(1) + 3} text-anchor="end">1</text>
        <text x=${PAD.left - 4} y=${y(0) + 3} text-anchor="end">0</text>
        ${this.shiftAtQuery === null ? null : svg`<line x1=${x(this.shiftAtQuery)} x2=${x(this.shiftAtQuery)} y1=${PAD.top} y2=${H - PAD.bottom} stroke="#5f6368"></line>
          <text x=${x(this.shiftAtQuery) + 3} y=${PAD.top + 10}>shift</text>`}
        <polyline fill="none" stroke="#1a73e8" stroke-width="1.4" points=${line((c) => c.ksRatio)}></polyline>
        <polyline fill="none" stroke="#e8710a" stroke-width="1.4" points=${line((c) => c.psiRatio)}></polyline>
        <text x=${PAD.left} y=${H - 8}>query ${first}</text>
        <text x=${W - PAD.right} y=${H - 8} text-anchor="end">query ${last}</text>
      </svg>
      <div class="legend">
        <span style="color:#1a73e8">KS D / threshold</span><span style="color:#e8710a">PSI / threshold</span>
        <span style="color:var(--fb-bad)">dashed: alarm threshold; shaded: alarms</span>
      </div>
    `;
  }
}

customElements.define('fb-serving-drift', FbServingDrift);

declare global {
  interface HTMLElementTagNameMap {
    'fb-serving-drift': FbServingDrift;
  }
}
