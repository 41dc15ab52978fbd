import { css, html, LitElement, nothing } from 'lit';
import { formatMs } from '../core/format.ts';
import { pct } from '../core/serving/markdown.ts';
import { formatLevel } from '../core/compare/index.ts';
import { labPhaseCells } from '../core/lab-phases.ts';
import { LAB_TARGET_FRACTION, labConclusion, labRunFromRun, signedMs, summarizeLab, type LabSummary, type Saving } from '../core/lab.ts';
import type { Run } from '../core/share/run.ts';
import { base, PHASE_COLORS } from './tokens.ts';


/**
 * The TTFB lab's view of a run whose variants turn TTFB knobs: what each knob
 * saved against the first (cold) variant in ms and % with 95% CIs, which
 * phases moved, and the configuration to recommend. Renders nothing for runs
 * that are not labs. Run it from the "ttfb-lab" preset.
 */
export class FbTtfbLab extends LitElement {
  static override properties = { run: { attribute: false } };
  static override styles = [
    base,
    css`
      :host { display: block; margin-top: var(--fb-gap); }
      .faster { color: var(--fb-good); }
      .slower { color: var(--fb-bad); }
      .phase { display: inline-block; margin-right: 8px; }
      ul { margin: 6px 0 0; padding-left: 18px; }
      .target { font-weight: 600; }
      .scroll { overflow-x: auto; }
    `,
  ];

  declare run: Run | null;

  constructor() {
    super();
    this.run = null;
  }

  /** Null when the run is no lab (or too small to summarise). */
  get summary(): LabSummary | null {
    const lab = this.run ? labRunFromRun(this.run) : null;
    if (!lab) return null;
    try {
      // Judged as the CLI judged it: paired by round, at the level of auto-sampling's last look.
      const level = this.run?.sampling?.level;
      return summarizeLab(lab, { paired: true, ...(level !== undefined ? { level } : {}) });
    } catch {
      return null;
    }
  }

  protected override render() {
    const summary = this.summary;
    if (!summary) return nothing;
    const saving = (s: Saving) => html`<span class=${s.verdict === 'faster' ? 'faster' : s.verdict === 'slower' ? 'slower' : ''}>${signedMs(s.ms.value)} [${signedMs(s.ms.ci.low)}, ${signedMs(s.ms.ci.high)}]</span>`;
    return html`
      <section class="panel" aria-label="TTFB lab">
        <header><h2>Where the time goes: TTFB lab</h2><span class="muted">${summary.workload} on ${summary.backend}, ${summary.rounds} interleaved rounds, baseline ${summary.baseline.variant}</span></header>
        <div class="body">
          <div class="scroll" tabindex="0" role="region" aria-label="TTFB lab (scrolls sideways)"><table aria-label="TTFB lab">
            <thead><tr><th>variant</th><th>change</th><th class="num">n</th><th class="num">TTFB</th><th class="num">saved (${formatLevel(summary.level)} CI)</th><th class="num">saved %</th><th>verdict</th><th>phases moved (ms saved)</th><th>pool before submission</th></tr></thead>
            <tbody>
              <tr><td>${summary.baseline.variant}</td><td class="muted">cold default</td><td class="num">${summary.baseline.n}</td><td class="num">${formatMs(summary.baseline.ttfbMs?.value)}</td><td></td><td></td><td class="muted">baseline</td>
                <td>${summary.baseline.phasesMs.map((p) => html`<span class="phase"><span class="swatch" style="background:${PHASE_COLORS[p.phase]}"></span>${p.phase} ${formatMs(p.ms)}</span>`)}</td><td></td></tr>
              ${summary.knobs.map(
                (k) => html`<tr>
                  <td>${k.variant}</td>
                  <td class="num">${JSON.stringify(k.change)}</td>
                  <td class="num">${k.n}${k.failed ? html` <span class="slower">(+${k.failed} failed)</span>` : nothing}</td>
                  <td class="num">${formatMs(k.ttfbMs?.value)}</td>
                  <td class="num">${saving(k.saving)}</td>
                  <td class="num">${pct(k.saving.fraction.value)} [${pct(k.saving.fraction.ci.low)}, ${pct(k.saving.fraction.ci.high)}]</td>
                  <td>${k.saving.verdict}</td>
                  <td>${k.phasesMoved.map((p) => html`<span class="phase"><span class="swatch" style="background:${PHASE_COLORS[p.phase]}"></span>${p.phase} ${signedMs(p.saving.ms.value)}</span>`)}</td>
                  <td class="muted">${k.poolMs === null ? '' : `${formatMs(k.poolMs)} (not in TTFB)`}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>
          <ul>
            ${labConclusion(summary).map((line) => html`<li class=${line.startsWith('Best') ? 'target' : ''}>${line}</li>`)}
          </ul>
          <p class="muted">Target for the best combination: ${pct(LAB_TARGET_FRACTION)} less TTFB than the cold default. Prewarmed variants count TTFB from submission; their pool's earlier work is shown apart.</p>
          ${this.renderPhases(summary)}
        </div>
      </section>
    `;
  }

  /** Every variant's TTFB by phase with its interval, and each knob's change: where the time went (descriptive). */
  private renderPhases(summary: LabSummary) {
    const [header, ...rows] = labPhaseCells(summary.phases, summary.level, summary.baseline.variant);
    if (!header) return nothing;
    return html`<details id="lab-phases">
      <summary>TTFB by phase (means; descriptive: only TTFB total is judged)</summary>
      <div class="scroll" tabindex="0" role="region" aria-label="TTFB by phase (scrolls sideways)"><table aria-label="TTFB by phase">
        <thead><tr>${header.map((cell, i) => html`<th class=${i === 0 ? '' : 'num'}>${cell}</th>`)}</tr></thead>
        <tbody>${rows.map((row) => html`<tr>${row.map((cell, i) => html`<td class=${i === 0 ? '' : 'num'}>${cell}</td>`)}</tr>`)}</tbody>
      </table></div>
    </details>`;
  }
}

customElements.define('fb-ttfb-lab', FbTtfbLab);

declare global {
  interface HTMLElementTagNameMap {
    'fb-ttfb-lab': FbTtfbLab;
  }
}
