import { css, html, LitElement, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { runServingSuite } from '../client/serve.ts';
import { formatServingMarkdown, type ServingReport } from '../core/serving/index.ts';
import './fb-serving-drift.ts';
import './fb-serving-latency.ts';
import { SERVING_PRESETS as PRESETS } from './serving-presets.ts';
import { base } from './tokens.ts';
import { messageOf } from '../core/errors.ts';

/** Owns the serving run: the workers live inside runServingSuite and end with it. */
class ServingController implements ReactiveController {
  report: ServingReport | null = null;
  error: string | null = null;
  running = false;
  lines: string[] = [];
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {}
  async run(suite: unknown): Promise<void> {
    this.running = true;
    this.report = null;
    this.error = null;
    this.lines = [];
    this.host.requestUpdate();
    try {
      this.report = await runServingSuite(suite, { onProgress: (line) => { this.lines = [...this.lines, line]; this.host.requestUpdate(); } });
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.running = false;
      this.host.requestUpdate();
    }
  }
}

/**
 * Serving scenarios in the app: edit a serving suite (Server, canary, drift, multi-stage, …),
 * run it in this browser, and read latency over time with the canary share, or the drift
 * statistic against its threshold.
 */
export class FbServingView extends LitElement {
  static override properties = { text: { state: true } };
  static override styles = [base, css`
    :host { display: block; }
    :host([hidden]) { display: none; }
    textarea { width: 100%; min-height: 140px; font-family: var(--fb-mono); font-size: var(--fb-size-small); }
    .row { display: flex; gap: 8px; align-items: center; margin: 6px 0; }
    pre { white-space: pre-wrap; font-family: var(--fb-mono); font-size: var(--fb-size-small); background: var(--fb-bg); border: 1px solid var(--fb-border); padding: 6px; }
    .error { color: var(--fb-bad); }
    .verdict { font-weight: 600; }
  `];

  declare text: string;
  private readonly serving = new ServingController(this);

  constructor() {
    super();
    this.text = JSON.stringify(Object.values(PRESETS)[0], null, 2);
  }

  private start(): void {
    let suite: unknown;
    try {
      suite = JSON.parse(this.text);
    } catch (error) {
      this.serving.error = `the suite is not JSON: ${messageOf(error)}`;
      this.requestUpdate();
      return;
    }
    void this.serving.run(suite);
  }

  protected override render() {
    const { report, error, running, lines } = this.serving;
    return html`
      <h2>Serving</h2>
      <div class="row">
        <label>Preset <select @change=${(e: Event) => { this.text = JSON.stringify(PRESETS[(e.target as HTMLSelectElement).value], null, 2); }}>
          ${Object.keys(PRESETS).map((name) => html`<option>${name}</option>`)}
        </select></label>
        <button ?disabled=${running} @click=${() => this.start()}>${running ? 'Running…' : 'Run'}</button>
      </div>
      <textarea aria-label="serving suite" .value=${this.text} @input=${(e: Event) => { this.text = (e.target as HTMLTextAreaElement).value; }}></textarea>
      ${lines.length > 0 ? html`<pre>${lines.join('\n')}</pre>` : null}
      ${error ? html`<p class="error">${error}</p>` : null}
      ${report ? this.renderReport(report) : null}
    `;
  }

  private renderReport(report: ServingReport) {
    const chart = (() => {
      switch (report.kind) {
        case 'server': return html`<fb-serving-latency .points=${report.timeline} .targetMs=${report.suite.latencyTargetMs}></fb-serving-latency>`;
        case 'canary': {
          const last = report.runs[report.runs.length - 1];
          return last ? html`<p class="verdict">${last.judgement.verdict}: ${last.judgement.reasons.join('; ')}</p>
            <fb-serving-latency .points=${last.timeline}></fb-serving-latency>` : null;
        }
        case 'drift': return html`<fb-serving-drift .timeline=${report.timeline} .shiftAtQuery=${report.shiftAtQuery}></fb-serving-drift>`;
        default: return null;
      }
    })();
    return html`${chart}<pre>${formatServingMarkdown(report)}</pre>`;
  }
}

customElements.define('fb-serving-view', FbServingView);

declare global {
  interface HTMLElementTagNameMap {
    'fb-serving-view': FbServingView;
  }
}
