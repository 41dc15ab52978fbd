import { css, html, LitElement, nothing } from 'lit';
import { version as toolVersion } from '../../package.json';
import type { StoredRun } from '../client/history.ts';
import { openShareFragment, shareUrl } from '../client/share.ts';
import { runToCsv, runToResultFile } from '../core/share/export.ts';
import { isShareFragment, runAtSharePrecision, ShareLinkError } from '../core/share/link.ts';
import { mergeRuns, type Run } from '../core/share/run.ts';
import { HistoryController } from './controllers/history-controller.ts';
import { RunController, type RunPlan } from './controllers/run-controller.ts';
import { download, fileStem } from './download.ts';
import './fb-configure.ts';
import type { FbConfigure } from './fb-configure.ts';
import './fb-history.ts';
import './fb-results.ts';
import type { RunSource } from './fb-results.ts';
import './fb-run-queue.ts';
import './fb-serving-view.ts';
import { base } from './tokens.ts';
import { messageOf } from '../core/errors.ts';

type View = 'configure' | 'run' | 'results' | 'history' | 'serving';

const VIEWS: readonly { id: View; label: string }[] = [
  { id: 'configure', label: 'Configure' },
  { id: 'run', label: 'Run' },
  { id: 'results', label: 'Results' },
  { id: 'history', label: 'History' },
  { id: 'serving', label: 'Serving' },
];

/**
 * The web app: configure a comparison, run it, read the results, keep a
 * history and share runs as links. Owns the controllers; the views render.
 */
export class FbApp extends LitElement {
  static override properties = {
    view: { state: true },
    shown: { state: true },
    link: { state: true },
    linkMessage: { state: true },
    linkError: { state: true },
  };
  static override styles = [
    base,
    css`
      :host { display: flex; flex-direction: column; min-height: 100vh; background: var(--fb-panel); }
      .bar { display: flex; align-items: stretch; gap: 2px; height: 34px; padding: 0 12px; background: var(--fb-toolbar); border-bottom: 1px solid var(--fb-border); position: sticky; top: 0; z-index: 2; }
      .brand { display: flex; align-items: center; gap: 6px; font-weight: 600; font-size: 13px; margin-right: 14px; }
      .brand .mark { width: 14px; height: 14px; border-radius: 3px; background: linear-gradient(90deg, #8ab4f8 0 30%, #f6c343 30% 55%, #e4574b 55%); }
      .tab { border: 0; border-bottom: 2px solid transparent; border-radius: 0; background: none; height: 100%; padding: 0 12px; color: var(--fb-muted); }
      .tab[aria-selected='true'] { color: var(--fb-accent); border-bottom-color: var(--fb-accent); }
      .tab:hover { background: #e8eaed; }
      .spacer { flex: 1; }
      .status { display: flex; align-items: center; gap: 10px; color: var(--fb-muted); font-size: var(--fb-size-small); }
      .dot { display: inline-block; width: 7px; height: 7px; border-radius: 50%; margin-right: 4px; }
      main { padding: 12px; max-width: 1280px; width: 100%; margin: 0 auto; }
      .banner { display: flex; gap: 10px; align-items: center; margin: 12px auto 0; max-width: 1256px; width: calc(100% - 24px); padding: 8px 12px; border-radius: var(--fb-radius); background: var(--fb-bad-soft); border: 1px solid #f5b7b1; color: #8c1d18; }
      .banner strong { white-space: nowrap; }
      .banner span { flex: 1; overflow-wrap: anywhere; }
      .mini { height: 4px; width: 80px; }
    `,
  ];

  declare view: View;
  declare shown: { run: Run; source: RunSource } | null;
  declare link: string | null;
  declare linkMessage: string | null;
  declare linkError: string | null;
  private readonly runner = new RunController(this);
  private readonly history = new HistoryController(this);
  private readonly onHash = (): void => void this.openLink();

  constructor() {
    super();
    this.view = 'configure';
    this.shown = null;
    this.link = null;
    this.linkMessage = null;
    this.linkError = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    void this.openLink();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
  }

  /** Opens the run in the location's fragment, if there is one; a bad link shows one message and nothing else changes. */
  private async openLink(): Promise<void> {
    const hash = location.hash;
    if (!isShareFragment(hash)) return;
    try {
      const run = await openShareFragment(hash);
      this.linkError = null;
      this.show(run, 'link');
    } catch (error) {
      this.linkError = error instanceof ShareLinkError ? error.message : `this link could not be opened: ${messageOf(error)}`;
    }
  }

  private show(run: Run, source: RunSource): void {
    this.shown = { run, source };
    this.link = null;
    this.linkMessage = null;
    this.view = 'results';
  }

  private async start(plan: RunPlan): Promise<void> {
    if (this.runner.running) return;
    this.view = 'run';
    const run = await this.runner.start(plan);
    if (!run) return;
    try {
      await this.history.save(run);
    } catch (error) {
      console.warn('firstbatch: the run was not saved to history', error);
    }
    this.show(run, 'live');
  }

  private async copyLink(): Promise<void> {
    if (!this.shown) return;
    try {
      this.link = await shareUrl(this.shown.run);
    } catch (error) {
      this.link = null;
      this.linkMessage = messageOf(error);
      return;
    }
    try {
      await navigator.clipboard.writeText(this.link);
      this.linkMessage = 'copied to the clipboard — the run travels in the fragment, no server sees it';
    } catch {
      this.linkMessage = 'the clipboard is not available: copy the link from the box';
    }
  }

  private exportRun(run: Run, format: 'json' | 'csv'): void {
    const stem = fileStem(run.title, run.createdAt);
    if (format === 'json') download(`${stem}.json`, `${JSON.stringify(runToResultFile(run, toolVersion), null, 2)}\n`, 'application/json');
    else download(`${stem}.csv`, runToCsv(run), 'text/csv');
  }

  private dismissLinkError(): void {
    this.linkError = null;
    history.replaceState(null, '', location.pathname + location.search);
  }

  protected override render() {
    const r = this.runner;
    const snapshot = r.plan ? { plan: r.plan, slots: r.slots.map((s) => ({ ...s })), live: r.live && { ...r.live, stepMs: [...r.live.stepMs], loss: [...r.live.loss] }, running: r.running, fraction: r.fraction } : null;
    const isolated = globalThis.crossOriginIsolated === true;
    return html`
      <nav class="bar" role="tablist">
        <span class="brand"><span class="mark"></span>firstbatch</span>
        ${VIEWS.map((v) => html`<button class="tab" role="tab" id=${`tab-${v.id}`} aria-selected=${this.view === v.id ? 'true' : 'false'} @click=${() => (this.view = v.id)}>${v.label}</button>`)}
        <span class="spacer"></span>
        <span class="status">
          ${r.running ? html`<span>running ${Math.round(r.fraction * 100)}%</span><progress class="mini" max="1" .value=${r.fraction}></progress>` : nothing}
          <span title="cross-origin isolation gives ~5 µs timers"><span class="dot" style="background:${isolated ? '#188038' : '#b06000'}"></span>${isolated ? 'cross-origin isolated' : 'not isolated: 100 µs timers'}</span>
        </span>
      </nav>
      ${this.linkError
        ? html`<div class="banner" role="alert" id="link-error"><strong>Cannot open this link.</strong><span>${this.linkError}</span><button @click=${this.dismissLinkError}>Dismiss</button></div>`
        : nothing}
      <main>
        <fb-configure ?hidden=${this.view !== 'configure'} .busy=${r.running} @run-requested=${(e: CustomEvent<RunPlan>) => void this.start(e.detail)}></fb-configure>
        ${this.view === 'run' ? html`<fb-run-queue .queue=${snapshot} @cancel-run=${() => r.cancel()}></fb-run-queue>` : nothing}
        ${this.view === 'results'
          ? html`<fb-results
              .run=${this.shown ? runAtSharePrecision(this.shown.run) : null}
              .source=${this.shown?.source ?? 'live'}
              .link=${this.link}
              .linkMessage=${this.linkMessage}
              @copy-link=${() => void this.copyLink()}
              @export-json=${() => this.shown && this.exportRun(this.shown.run, 'json')}
              @export-csv=${() => this.shown && this.exportRun(this.shown.run, 'csv')}
              @run-again=${(e: CustomEvent<Run>) => this.runAgain(e.detail)}
            ></fb-results>`
          : nothing}
        ${this.view === 'history' ? this.renderHistory() : nothing}
        <fb-serving-view ?hidden=${this.view !== 'serving'}></fb-serving-view>
      </main>
    `;
  }

  private renderHistory() {
    return this.history.runs.render({
      pending: () => html`<p class="muted">Loading history…</p>`,
      error: (error) => html`<p class="banner">History is unavailable: ${messageOf(error)}</p>`,
      complete: (runs) => html`<fb-history
        .runs=${runs}
        @open-run=${(e: CustomEvent<StoredRun>) => this.show(e.detail.run, 'history')}
        @compare-runs=${(e: CustomEvent<StoredRun[]>) => this.show(mergeRuns([...e.detail].reverse().map((s) => s.run), e.detail.map((s) => s.run.title).join(' vs ')), 'history')}
        @delete-run=${(e: CustomEvent<StoredRun>) => void this.history.remove(e.detail.id)}
        @export-run=${(e: CustomEvent<{ stored: StoredRun; format: 'json' | 'csv' }>) => this.exportRun(e.detail.stored.run, e.detail.format)}
      ></fb-history>`,
    });
  }

  private runAgain(run: Run): void {
    const plan: RunPlan = { title: run.title, threshold: run.threshold, repetitions: run.repetitions, variants: run.variants };
    this.renderRoot.querySelector<FbConfigure>('fb-configure')?.load(plan);
    history.replaceState(null, '', location.pathname + location.search);
    // A link never runs code by itself: a job module waits in Configure for the user to confirm it.
    if (run.variants.some((v) => v.spec.job !== undefined)) {
      this.view = 'configure';
      return;
    }
    void this.start(plan);
  }
}

customElements.define('fb-app', FbApp);

declare global {
  interface HTMLElementTagNameMap {
    'fb-app': FbApp;
  }
}
