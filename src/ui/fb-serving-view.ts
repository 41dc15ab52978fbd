import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { scenarioForm, type ServingSuiteKind } from '../core/serving/index.ts';
import { servingRunAtSharePrecision, type ServingRun } from '../core/share/serving-run.ts';
import type { RunEntry } from '../core/share/entry.ts';
import { ServingController } from './controllers/serving-controller.ts';
import './fb-serving-form.ts';
import './fb-serving-report.ts';
import { formatClock } from './run-eta.ts';
import { draftFromSuite, servingInput, SERVING_KINDS, type ServingDraft } from './serving-fields.ts';
import { SERVING_PRESETS } from './serving-presets.ts';
import { validateServing } from './serving-validate.ts';
import { base } from './tokens.ts';

type Source = 'live' | 'history' | 'link';

/**
 * Serving scenarios in the app: choose a scenario and fill in its form (or start from a
 * preset), run it in this browser with Cancel, and read the report as tables and charts.
 * Finished runs go to History and share as links like comparison runs.
 *
 * @fires serving-started - a run started
 * @fires serving-finished - detail: ServingRun, a run finished (the app saves it)
 * @fires copy-link - detail: RunEntry, the user asked for the shown run's link
 * @fires export-entry - detail: RunEntry, download the shown run as a results file
 */
export class FbServingView extends LitElement {
  static override properties = {
    draft: { state: true },
    shown: { attribute: false },
    link: { attribute: false },
    linkMessage: { attribute: false },
    current: { state: true },
    nowMs: { state: true },
  };
  static override styles = [base, css`
    :host { display: flex; flex-direction: column; gap: 10px; }
    :host([hidden]) { display: none; }
    .actions { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
    .lines { margin: 0; padding-left: 18px; font-family: var(--fb-mono); font-size: var(--fb-size-small); color: var(--fb-muted); max-height: 160px; overflow-y: auto; }
    .title { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
    .title h2 { font-size: 15px; }
    .source { font-size: var(--fb-size-small); padding: 1px 8px; border-radius: 9px; background: var(--fb-accent-soft); color: var(--fb-text); }
    .link { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; font-size: var(--fb-size-small); color: var(--fb-muted); }
    .link input { flex: 1 1 240px; font-family: var(--fb-mono); font-size: var(--fb-size-small); }
    .spacer { flex: 1; }
    header select { max-width: 100%; }
  `];

  declare draft: ServingDraft;
  declare shown: { run: ServingRun; source: Source; id: number | null } | null;
  declare link: string | null;
  declare linkMessage: string | null;
  declare current: { run: ServingRun; source: Source } | null;
  declare nowMs: number;
  private readonly serving = new ServingController(this);
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.draft = draftFromSuite({ ...SERVING_PRESETS['Server (ranker, cpu)'] });
    this.shown = null;
    this.link = null;
    this.linkMessage = null;
    this.current = null;
    this.nowMs = 0;
  }

  /** A serving run is in progress (the app guards leaving the page). */
  get running(): boolean {
    return this.serving.running;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ticker = setInterval(() => {
      if (this.serving.running) this.nowMs = performance.now();
    }, 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('shown') && this.shown) this.current = { run: servingRunAtSharePrecision(this.shown.run), source: this.shown.source };
  }

  private async start(): Promise<void> {
    const { suite } = validateServing(servingInput(this.draft));
    if (!suite) return;
    const kind = SERVING_KINDS.find((k) => k.kind === suite.kind)?.label ?? suite.kind;
    this.current = null;
    this.dispatchEvent(new CustomEvent('serving-started', { bubbles: true, composed: true }));
    const run = await this.serving.run(suite, suite.name ?? `${kind}: ${describeModels(suite)}`);
    if (!run) return;
    this.current = { run: servingRunAtSharePrecision(run), source: 'live' };
    this.dispatchEvent(new CustomEvent<ServingRun>('serving-finished', { detail: run, bubbles: true, composed: true }));
  }

  protected override render() {
    const { problems, suite } = validateServing(servingInput(this.draft));
    const c = this.serving;
    const elapsed = c.running ? Math.max(this.nowMs, performance.now()) - c.startedMs : 0;
    // A run opened from History or a link comes first; a run made here follows its form.
    const opened = this.current && this.current.source !== 'live' && !c.running ? this.renderRun(this.current.run, this.current.source) : nothing;
    return html`
      ${opened}
      <section class="panel" aria-labelledby="serving-heading">
        <header>
          <h2 id="serving-heading">Serving scenario</h2><span class="muted">the suite schema of the CLI's serving suites (bench/suites/serving-*.json)</span>
          <span class="spacer"></span>
          <label class="muted" for="serving-preset">Preset</label>
          <select id="serving-preset" ?disabled=${c.running} @change=${(e: Event) => this.applyPreset((e.target as HTMLSelectElement).value)}>
            <option value="">— starting points —</option>
            ${Object.keys(SERVING_PRESETS).map((name) => html`<option>${name}</option>`)}
          </select>
        </header>
        <div class="body">
          <fb-serving-form .draft=${this.draft} .problems=${problems} ?disabled=${c.running} @serving-change=${(e: CustomEvent<ServingDraft>) => (this.draft = e.detail)}></fb-serving-form>
        </div>
      </section>
      <div class="actions">
        <button class="primary" id="serving-run" ?disabled=${!suite || c.running} @click=${() => void this.start()}>${c.running ? 'Running…' : 'Run scenario'}</button>
        <button class="danger" id="serving-cancel" ?disabled=${!c.running} @click=${() => c.cancel()}>Cancel</button>
        <span class="muted" role="status">${c.running ? `running · elapsed ${formatClock(elapsed)}` : c.cancelled ? 'cancelled: its workers were terminated, nothing was kept' : suite ? '' : 'fix the fields marked in red'}</span>
      </div>
      ${c.hiddenMs > 0 ? html`<p class="warn" role="note">This tab was hidden for ${formatClock(c.hiddenMs)} during the run: background tabs throttle timers, so arrivals were late and latencies may be inflated.</p>` : nothing}
      ${c.lines.length > 0 ? html`<ol class="lines" aria-label="progress">${c.lines.map((l) => html`<li>[${(l.atMs / 1000).toFixed(1)} s] ${l.text}</li>`)}</ol>` : nothing}
      ${c.error ? html`<p class="error" role="alert" id="serving-error">The scenario failed: ${c.error}</p>` : nothing}
      ${this.current && this.current.source === 'live' && !c.running ? this.renderRun(this.current.run, this.current.source) : nothing}
    `;
  }

  private renderRun(run: ServingRun, source: Source) {
    const entry: RunEntry = { kind: 'serving', run };
    const fire = (name: string) => () => this.dispatchEvent(new CustomEvent<RunEntry>(name, { detail: entry, bubbles: true, composed: true }));
    return html`<section class="panel" aria-labelledby="serving-report-heading">
      <header class="title">
        <h2 id="serving-report-heading">${run.title}</h2>
        <span class="source">${source === 'link' ? 'opened from a link' : source === 'history' ? 'from history' : 'this run'}</span>
        <span class="muted">${new Date(run.createdAt).toLocaleString('en')}</span>
        <span class="spacer"></span>
        ${source !== 'live' ? html`<button id="serving-load" @click=${() => (this.draft = draftFromSuite({ ...run.report.suite }))}>Load into the form</button>` : nothing}
        <button id="serving-copy-link" @click=${fire('copy-link')}>Copy link</button>
        <button @click=${fire('export-entry')}>Export JSON</button>
      </header>
      <div class="body">
        ${this.link || this.linkMessage
          ? html`<div class="link">${this.link ? html`<label for="serving-share-link">Link (${this.link.length.toLocaleString('en')} characters):</label><input id="serving-share-link" readonly .value=${this.link} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />` : nothing}<span>${this.linkMessage ?? ''}</span></div>`
          : nothing}
        <fb-serving-report .report=${run.report}></fb-serving-report>
      </div>
    </section>`;
  }

  private applyPreset(name: string): void {
    const preset = SERVING_PRESETS[name];
    if (preset) this.draft = draftFromSuite({ ...preset });
  }
}

/** "ranker/cpu", "mlp/wasm → mlp/wasm": the suite's models in its scenario's order of roles. */
function describeModels(suite: { kind: ServingSuiteKind } & Record<string, unknown>): string {
  const label = (value: unknown): string => (value && typeof value === 'object' && 'workload' in value && 'backend' in value ? `${String(value.workload)}/${String(value.backend)}` : '');
  const models = scenarioForm(suite.kind).models.map((model) => label(suite[model.role])).filter((text) => text !== '');
  return models.join(' → ');
}

customElements.define('fb-serving-view', FbServingView);

declare global {
  interface HTMLElementTagNameMap {
    'fb-serving-view': FbServingView;
  }
}
