import { css, html, LitElement, nothing } from 'lit';
import { formatMs } from '../core/format.ts';
import { pct } from '../core/serving/markdown.ts';
import type { CanaryReport } from '../core/serving/index.ts';
import './fb-serving-timeline.ts';
import { base } from './tokens.ts';

type CanaryRun = CanaryReport['runs'][number];
type Shift = CanaryRun['judgement']['latencyShift'];

const signedPct = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`;
const shiftText = (s: Shift): string => (s ? `${signedPct(s.value)} [${signedPct(s.ci.low)}, ${signedPct(s.ci.high)}]` : '—');

const MARK: Readonly<Record<CanaryRun['judgement']['verdict'], string>> = { promote: '✓', 'roll back': '✗', inconclusive: '?' };

/**
 * A canary's verdict: promote, roll back or inconclusive, with the judge's reasons and each
 * check (latency, compute, accuracy, agreement), the numbers behind them, every run when the
 * canary was repeated, and the last run's traffic over time.
 */
export class FbCanaryVerdict extends LitElement {
  static override properties = { report: { attribute: false } };
  static override styles = [base, css`
    :host { display: block; }
    .verdict { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; padding: 10px 12px; border-radius: var(--fb-radius); border: 1px solid var(--fb-border); margin-bottom: 8px; }
    .verdict .big { font-size: 20px; font-weight: 700; }
    .verdict.promote { background: var(--fb-good-soft); border-color: var(--fb-good); }
    .verdict.promote .big { color: var(--fb-good); }
    .verdict.roll-back { background: var(--fb-bad-soft); border-color: var(--fb-bad); }
    .verdict.roll-back .big { color: var(--fb-bad); }
    .verdict.inconclusive { background: var(--fb-warn-soft); border-color: var(--fb-warn); }
    .verdict.inconclusive .big { color: var(--fb-warn); }
    .verdict ul { margin: 0; padding-left: 18px; flex: 1 1 260px; }
    .pass { color: var(--fb-good); }
    .fail { color: var(--fb-bad); }
    .inconclusive-check { color: var(--fb-warn); }
    td.reason { white-space: normal; min-width: 220px; }
    .facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 200px), 1fr)); gap: 6px 16px; margin: 8px 0; }
    .facts div { display: flex; flex-direction: column; }
    .facts span:first-child { color: var(--fb-muted); font-size: var(--fb-size-small); }
    h3 { margin: 10px 0 4px; }
  `];

  declare report: CanaryReport | null;

  constructor() {
    super();
    this.report = null;
  }

  protected override render() {
    const report = this.report;
    const last = report?.runs.at(-1);
    if (!report || !last) return html`<p class="muted">The canary has no run.</p>`;
    const j = last.judgement;
    const many = report.runs.length > 1;
    return html`
      <div class="verdict ${j.verdict.replace(' ', '-')}" id="canary-verdict" role="status">
        <span class="big"><span aria-hidden="true">${MARK[j.verdict]}</span> ${j.verdict}</span>
        <ul aria-label="reasons">${j.reasons.map((r) => html`<li>${r}</li>`)}</ul>
        <span class="muted">expected: ${report.suite.expect} — ${report.expectationMet ? 'met' : html`<strong class="fail">not met</strong>`}${many ? html` · verdicts over ${report.runs.length} runs: promote ${report.verdicts.promote}, roll back ${report.verdicts['roll back']}, inconclusive ${report.verdicts.inconclusive}` : nothing}</span>
      </div>
      <div class="facts">
        <div><span>canary queries / compared</span><span class="num">${j.canaryQueries} / ${j.baselineQueries}</span></div>
        <div><span>median latency ${report.controlLoad ? 'control' : 'baseline'} → candidate</span><span class="num">${formatMs(j.baselineMedianMs)} → ${formatMs(j.canaryMedianMs)}</span></div>
        <div><span>latency shift (${pct(j.latencyShift?.ci.level ?? report.suite.policy.level)} CI)</span><span class="num">${shiftText(j.latencyShift)}</span></div>
        <div><span>worker compute shift</span><span class="num">${shiftText(j.computeShift)}</span></div>
        <div><span>hold-out accuracy baseline → candidate</span><span class="num">${pct(last.holdout.baselineAccuracy)} → ${pct(last.holdout.candidateAccuracy)}</span></div>
        <div><span>agreement with the baseline</span><span class="num">${pct(last.holdout.agreement)}</span></div>
      </div>
      <div class="scroll" tabindex="0" role="region" aria-label="canary checks (scrolls sideways)"><table aria-label="canary checks">
        <thead><tr><th>check</th><th>outcome</th><th>why</th></tr></thead>
        <tbody>${j.checks.map((c) => html`<tr><td>${c.name}</td><td class=${c.outcome === 'inconclusive' ? 'inconclusive-check' : c.outcome}>${c.outcome}</td><td class="reason">${c.reason}</td></tr>`)}</tbody>
      </table></div>
      ${many
        ? html`<h3>Every run</h3><div class="scroll" tabindex="0" role="region" aria-label="canary runs (scrolls sideways)"><table aria-label="canary runs">
            <thead><tr><th class="num">run</th><th>verdict</th><th class="num">canary queries</th><th class="num">latency shift</th><th class="num">compute ×</th></tr></thead>
            <tbody>${report.runs.map((r, i) => html`<tr><td class="num">${i + 1}</td><td>${r.judgement.verdict}</td><td class="num">${r.judgement.canaryQueries}</td><td class="num">${shiftText(r.judgement.latencyShift)}</td><td class="num">${r.serviceRatio?.toFixed(3) ?? '—'}</td></tr>`)}</tbody>
          </table></div>`
        : nothing}
      <h3>Traffic ${many ? 'of the last run ' : ''}over time</h3>
      <fb-serving-timeline .points=${last.timeline} label="canary latency over time"></fb-serving-timeline>
      <p class="muted">${pct(report.suite.share)} of ${report.suite.queries} queries at ${report.suite.qps} QPS go to the candidate${report.colocated ? ", served by the baseline's worker and judged against the baseline" : report.controlLoad ? ', as many to a control (a fresh baseline instance) it is judged against' : ', judged against the baseline'}.</p>
    `;
  }
}

customElements.define('fb-canary-verdict', FbCanaryVerdict);

declare global {
  interface HTMLElementTagNameMap {
    'fb-canary-verdict': FbCanaryVerdict;
  }
}
