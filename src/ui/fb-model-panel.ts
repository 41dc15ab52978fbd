import { css, html, LitElement, nothing } from 'lit';
import { agreementCell, formatBytes, formatCount, formatMs } from '../core/format.ts';
import type { JobResult } from '../core/result.ts';
import { isPicked } from '../core/source.ts';
import { base } from './tokens.ts';

interface ModelRow {
  readonly variant: string;
  readonly result: JobResult;
}

/**
 * What each job's model was and what it cost: format and mode, where its TTFB ended, parameters,
 * weight and fetched bytes, the load phase, peak memory and the agreement with cpu. Renders only.
 */
export class FbModelPanel extends LitElement {
  static override properties = { rows: { attribute: false } };
  static override styles = [
    base,
    css`
      :host { display: block; }
      td.num { text-align: right; font-family: var(--fb-mono); }
      .bad { color: var(--fb-bad); }
      .note { color: var(--fb-muted); font-size: var(--fb-size-small); margin-top: 6px; }
    `,
  ];

  declare rows: readonly ModelRow[];

  constructor() {
    super();
    this.rows = [];
  }

  protected override render() {
    const rows = this.rows.filter((r) => r.result.model);
    if (rows.length === 0) return nothing;
    const picked = this.rows.some((r) => r.result.spec.model !== undefined && isPicked(r.result.spec.model));
    return html`<table aria-label="models">
        <thead><tr><th>variant</th><th>model</th><th>TTFB ends at</th><th>parameters</th><th>weights / fetched</th><th>load</th><th>peak memory step / inference</th><th>GPU memory</th><th>agreement vs cpu</th></tr></thead>
        <tbody>${rows.map(({ variant, result }) => {
          const model = result.model!;
          const peak = result.peakMemory;
          const agreement = agreementCell(result);
          return html`<tr>
            <td>${variant}</td>
            <td>${model.format}, ${model.mode}${model.loss ? ` (${model.loss.name})` : ''}</td>
            <td>${model.ttfbEndsAt === 'first-step' ? 'first loss' : 'first inference'}</td>
            <td class="num">${formatCount(model.parameterCount)}</td>
            <td class="num">${formatBytes(model.weightBytes)} / ${model.loadBytes === null ? '—' : formatBytes(model.loadBytes)}</td>
            <td class="num">${formatMs(result.ttfb?.phases.find((p) => p.name === 'load')?.ms)}</td>
            <td class="num">${peak ? `${peak.trainStepPeakBytes === null ? '—' : formatBytes(peak.trainStepPeakBytes)} / ${formatBytes(peak.inferencePeakBytes)}` : '—'}</td>
            <td class="num" title=${peak && !peak.gpu.available ? peak.gpu.reason : nothing}>${!peak ? '—' : peak.gpu.available ? formatBytes(peak.gpu.allocatedBytes) : 'n/a (CPU memory)'}</td>
            <td class=${agreement.startsWith('✗') ? 'bad' : ''}>${agreement}</td>
          </tr>`;
        })}</tbody>
      </table>
      <div class="note">Peak memory: tf.profile's peakBytes (weights included) over one profiled step / inference after the measured work. Agreement: the first outputs against the cpu backend on the same inputs and weights.</div>
      ${picked ? html`<div class="note" id="picked-note">The model came from files picked on the computer that ran it: results and share links carry its measurements, never the model.</div>` : nothing}`;
  }
}

customElements.define('fb-model-panel', FbModelPanel);

declare global {
  interface HTMLElementTagNameMap {
    'fb-model-panel': FbModelPanel;
  }
}
